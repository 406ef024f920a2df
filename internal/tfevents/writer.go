package tfevents

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileVersion is the file_version of the first event of every file written
// by this package; TensorBoard's readers expect "brain.Event:2".
const FileVersion = "brain.Event:2"

// Writer appends events to one TensorBoard event file. Its methods may be
// called from several goroutines. Events are buffered: call Flush to make
// them visible to a reader (TensorBoard polls the file), and Close when done.
type Writer struct {
	mu      sync.Mutex
	f       *os.File
	bw      *bufio.Writer
	path    string
	err     error // first write error; sticky
	buf     []byte
	hparams bool // HParams was called and no session_end_info was written yet
	closed  bool
}

// Create creates dir (with os.MkdirAll) and, in it, the event file
// events.out.tfevents.<unix seconds of wall>.glassbox, then writes its first
// event: the file_version "brain.Event:2" at wall. A zero wall means now. The
// file is never overwritten: when that name is taken, ".1", ".2", … is
// appended to it (TensorBoard reads the files of a directory in name order).
func Create(dir string, wall time.Time) (*Writer, error) {
	wall = wallOrNow(wall)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tfevents: %w", err)
	}
	base := filepath.Join(dir, fmt.Sprintf("events.out.tfevents.%d.glassbox", wall.Unix()))
	path := base
	var f *os.File
	for i := 1; ; i++ {
		var err error
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || i > 1000 {
			return nil, fmt.Errorf("tfevents: %w", err)
		}
		path = fmt.Sprintf("%s.%d", base, i)
	}
	w := &Writer{f: f, bw: bufio.NewWriterSize(f, 64<<10), path: path}
	w.writeEvent(unixSeconds(wall), 0, func(e *pb) { e.string(3, FileVersion) })
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// Path returns the path of the event file.
func (w *Writer) Path() string { return w.path }

// Scalar writes value under tag at step, as Summary.Value.simple_value (a
// float32, so value is rounded to float32 precision). TensorBoard shows it in
// the Scalars tab. A zero wall means now.
func (w *Writer) Scalar(tag string, step int64, wall time.Time, value float64) error {
	return w.summary(step, wall, func(v *pb) {
		v.string(1, tag)
		v.float(2, float32(value))
	})
}

// Histogram writes h under tag at step, as Summary.Value.histo (a
// HistogramProto). TensorBoard shows it in the Histograms and Distributions
// tabs. A zero wall means now. BucketLimits and BucketCounts must have the
// same length.
func (w *Writer) Histogram(tag string, step int64, wall time.Time, h Histogram) error {
	if len(h.BucketLimits) != len(h.BucketCounts) {
		return fmt.Errorf("tfevents: histogram %q: %d bucket limits but %d bucket counts", tag, len(h.BucketLimits), len(h.BucketCounts))
	}
	return w.summary(step, wall, func(v *pb) {
		v.string(1, tag)
		v.message(5, func(m *pb) { encodeHistogram(m, h) })
	})
}

// Text writes text under tag at step for TensorBoard's Text tab: a scalar
// DT_STRING tensor whose metadata names the plugin "text". TensorBoard
// renders it as Markdown. A zero wall means now.
func (w *Writer) Text(tag string, step int64, wall time.Time, text string) error {
	return w.summary(step, wall, func(v *pb) {
		v.string(1, tag)
		v.message(9, func(m *pb) { encodeMetadata(m, PluginText, nil) })
		v.message(8, func(t *pb) {
			t.varint(1, dtString)
			t.message(2, func(*pb) {}) // shape [] (a scalar)
			t.string(8, text)
		})
	})
}

// Flush writes the buffered events to the file (it does not fsync).
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.flushLocked()
}

func (w *Writer) flushLocked() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errClosed
	}
	if err := w.bw.Flush(); err != nil {
		w.err = fmt.Errorf("tfevents: %w", err)
	}
	return w.err
}

var errClosed = errors.New("tfevents: writer is closed")

// Close ends an HParams session still open (see HParams) with
// StatusSuccess at the current time, flushes the events and closes the file.
// Closing a closed Writer returns nil.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	if w.hparams {
		w.writeSessionEnd(StatusSuccess, time.Now())
	}
	err := w.flushLocked()
	w.closed = true
	if cerr := w.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("tfevents: %w", cerr)
	}
	return err
}

// summary writes an event at (step, wall) whose summary holds one value,
// encoded by fill.
func (w *Writer) summary(step int64, wall time.Time, fill func(v *pb)) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errClosed
	}
	w.writeEvent(unixSeconds(wallOrNow(wall)), step, func(e *pb) {
		e.message(5, func(s *pb) { s.message(1, fill) })
	})
	return w.err
}

// writeEvent frames one Event and appends it to the buffer; the caller holds
// w.mu. fill writes the event's "what" oneof.
func (w *Writer) writeEvent(wall float64, step int64, fill func(e *pb)) {
	if w.err != nil {
		return
	}
	e := pb{b: w.buf[:0]}
	e.doubleNZ(1, wall)
	e.varintNZ(2, uint64(step))
	fill(&e)
	rec := appendRecord(make([]byte, 0, len(e.b)+recordHeaderLen+recordFooterLen), e.b)
	w.buf = e.b
	if _, err := w.bw.Write(rec); err != nil {
		w.err = fmt.Errorf("tfevents: %w", err)
	}
}

// Plugin names of the summaries this package writes.
const (
	PluginText    = "text"
	PluginHParams = "hparams"
)

// TensorFlow DataType values (types.proto) and SummaryMetadata.DataClass.
const (
	dtFloat  = 1
	dtDouble = 2
	dtString = 7

	dataClassTensor = 2
)

// encodeMetadata writes a SummaryMetadata naming plugin, with content, as a
// DATA_CLASS_TENSOR summary.
func encodeMetadata(m *pb, plugin string, content []byte) {
	m.message(1, func(p *pb) {
		p.string(1, plugin)
		if len(content) > 0 {
			p.bytes(2, content)
		}
	})
	m.varint(4, dataClassTensor)
}

func wallOrNow(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now()
	}
	return t
}

// unixSeconds is t as fractional seconds since the Unix epoch, the unit of
// Event.wall_time.
func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}
