package tfevents

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
)

// Event is one decoded event of an event file.
type Event struct {
	Wall        float64 // wall_time: seconds since the Unix epoch
	Step        int64
	FileVersion string  // set on a file's first event, e.g. "brain.Event:2"
	Values      []Value // the summary's values; empty for other events
}

// Value is one decoded Summary.Value.
type Value struct {
	Tag string
	// Kind is "scalar" (a simple_value, or a scalar tensor of the "scalars"
	// plugin as TF2 writes them), "histogram", "text" (a DT_STRING tensor of
	// the "text" plugin), "hparams" (the "hparams" plugin), "tensor" (any other
	// tensor), "image" or "audio"; empty for a value without data.
	Kind      string
	Scalar    float64    // Kind "scalar"
	Histogram *Histogram // Kind "histogram"
	Text      string     // Kind "text": the strings, joined by newlines
	// PluginName and PluginContent are the value's SummaryMetadata.plugin_data,
	// when it has one.
	PluginName    string
	PluginContent []byte
	HParams       *HParamsData // Kind "hparams": PluginContent decoded
}

// ReadFile reads and decodes the event file at path, checking the CRC-32C
// of every record's length and data. A truncated last record (a file still
// being written) ends the events without an error; a CRC mismatch or an
// undecodable event is an error that names its byte offset.
func ReadFile(path string) ([]Event, error) {
	evs, _, err := ReadFileFrom(path, 0)
	return evs, err
}

// ReadFileFrom is ReadFile from byte offset on, the start of a record. It
// also returns the offset after the last complete record, from which a
// later call continues when the file has grown.
func ReadFileFrom(path string, offset int64) ([]Event, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, offset, fmt.Errorf("tfevents: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, offset, fmt.Errorf("tfevents: %w", err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, offset, fmt.Errorf("tfevents: %w", err)
	}
	evs, n, err := decodeRecords(data, offset)
	if err != nil {
		err = fmt.Errorf("tfevents: %s: %w", path, err)
	}
	return evs, offset + int64(n), err
}

// decodeRecords decodes the complete records at the start of data, whose
// first byte is at file offset base (for error messages). It returns the
// events and the number of bytes they took.
func decodeRecords(data []byte, base int64) ([]Event, int, error) {
	var evs []Event
	off := 0
	for {
		rest := data[off:]
		if len(rest) < recordHeaderLen {
			return evs, off, nil // end of file, or a header being written
		}
		if got, want := binary.LittleEndian.Uint32(rest[8:]), maskedCRC(rest[:8]); got != want {
			return evs, off, fmt.Errorf("corrupt record at offset %d: length CRC %#08x, want %#08x", base+int64(off), got, want)
		}
		n := binary.LittleEndian.Uint64(rest)
		if avail := len(rest) - recordHeaderLen - recordFooterLen; avail < 0 || n > uint64(avail) {
			return evs, off, nil // a record being written
		}
		body := rest[recordHeaderLen : recordHeaderLen+int(n)]
		if got, want := binary.LittleEndian.Uint32(rest[recordHeaderLen+int(n):]), maskedCRC(body); got != want {
			return evs, off, fmt.Errorf("corrupt record at offset %d: data CRC %#08x, want %#08x", base+int64(off), got, want)
		}
		ev, err := decodeEvent(body)
		if err != nil {
			return evs, off, fmt.Errorf("record at offset %d: %w", base+int64(off), err)
		}
		evs = append(evs, ev)
		off += recordHeaderLen + int(n) + recordFooterLen
	}
}

// decodeEvent parses an Event message.
func decodeEvent(b []byte) (Event, error) {
	var ev Event
	err := parseFields(b, func(f field) error {
		switch f.num {
		case 1:
			ev.Wall = f.double()
		case 2:
			ev.Step = int64(f.u)
		case 3:
			ev.FileVersion = string(f.data)
		case 5: // Summary
			return parseFields(f.data, func(f field) error {
				if f.num != 1 {
					return nil
				}
				v, err := decodeValue(f.data)
				ev.Values = append(ev.Values, v)
				return err
			})
		}
		return nil
	})
	return ev, err
}

// tensor is the part of a TensorProto this package reads.
type tensor struct {
	dtype   uint64
	strings []string
	numbers []float64
}

// decodeValue parses a Summary.Value.
func decodeValue(b []byte) (Value, error) {
	var v Value
	var t *tensor
	err := parseFields(b, func(f field) (err error) {
		switch f.num {
		case 1:
			v.Tag = string(f.data)
		case 7: // node_name: the tag of old tensor summaries
			if v.Tag == "" {
				v.Tag = string(f.data)
			}
		case 2:
			v.Kind, v.Scalar = "scalar", f.float()
		case 4:
			v.Kind = "image"
		case 6:
			v.Kind = "audio"
		case 5:
			v.Kind = "histogram"
			v.Histogram, err = decodeHistogram(f.data)
		case 8:
			v.Kind = "tensor"
			t, err = decodeTensor(f.data)
		case 9: // SummaryMetadata
			return parseFields(f.data, func(f field) error {
				if f.num == 1 { // PluginData
					return parseFields(f.data, func(f field) error {
						switch f.num {
						case 1:
							v.PluginName = string(f.data)
						case 2:
							v.PluginContent = append([]byte(nil), f.data...)
						}
						return nil
					})
				}
				return nil
			})
		}
		return err
	})
	if err != nil || v.Kind != "tensor" {
		return v, err
	}
	switch v.PluginName {
	case PluginText:
		v.Kind, v.Text = "text", strings.Join(t.strings, "\n")
	case PluginHParams:
		v.Kind = "hparams"
		v.HParams, err = decodeHParams(v.PluginContent)
	case "scalars":
		if len(t.numbers) == 1 {
			v.Kind, v.Scalar = "scalar", t.numbers[0]
		}
	}
	return v, err
}

// decodeTensor parses the dtype, strings and float or double values of a
// TensorProto.
func decodeTensor(b []byte) (*tensor, error) {
	t := &tensor{}
	var content []byte
	err := parseFields(b, func(f field) (err error) {
		switch f.num {
		case 1:
			t.dtype = f.u
		case 4:
			content = f.data
		case 5:
			t.numbers, err = f.floats(t.numbers)
		case 6:
			t.numbers, err = f.doubles(t.numbers)
		case 8:
			t.strings = append(t.strings, string(f.data))
		}
		return err
	})
	if err != nil || len(content) == 0 {
		return t, err
	}
	switch t.dtype {
	case dtFloat:
		t.numbers, err = field{typ: wireLen, data: content}.floats(t.numbers)
	case dtDouble:
		t.numbers, err = field{typ: wireLen, data: content}.doubles(t.numbers)
	}
	return t, err
}
