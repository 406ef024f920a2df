package tfevents

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// knownRecord is one complete TFRecord holding the Event
// {wall_time: 1.0, file_version: "brain.Event:2"}, as written by the
// pure-Python RecordWriter of tensorboard 2.21.0
// (tensorboard.summary.writer.record_writer):
//
//	18 00 00 00 00 00 00 00     length 24, uint64 little endian
//	a3 7f 4b 22                 masked CRC-32C of the 8 length bytes
//	09 00 00 00 00 00 00 f0 3f  field 1 (wall_time), fixed64: 1.0
//	1a 0d "brain.Event:2"       field 3 (file_version), 13 bytes
//	86 bf 57 7a                 masked CRC-32C of the 24 data bytes
const knownRecord = "1800000000000000" + "a37f4b22" +
	"09000000000000f03f" + "1a0d627261696e2e4576656e743a32" +
	"86bf577a"

func TestCRC32C(t *testing.T) {
	// The CRC-32C check value, and its masked form as tensorboard's
	// pywrap_tensorflow.masked_crc32c computes it.
	if got := crc32.Checksum([]byte("123456789"), castagnoli); got != 0xe3069283 {
		t.Errorf("crc32c = %#x, want 0xe3069283", got)
	}
	if got := maskedCRC([]byte("123456789")); got != 0xc78ab0e5 {
		t.Errorf("masked crc32c = %#x, want 0xc78ab0e5", got)
	}
}

func TestFramingKnownRecord(t *testing.T) {
	want, _ := hex.DecodeString(knownRecord)
	ev := pb{}
	ev.double(1, 1)
	ev.string(3, FileVersion)
	if got := appendRecord(nil, ev.b); !bytes.Equal(got, want) {
		t.Errorf("appendRecord =\n%x, want\n%x", got, want)
	}
	// Create writes exactly that record first.
	dir := t.TempDir()
	w, err := Create(dir, time.Unix(1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if filepath.Base(w.Path()) != "events.out.tfevents.1.glassbox" {
		t.Errorf("path %s", w.Path())
	}
	got, err := os.ReadFile(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("file =\n%x, want\n%x", got, want)
	}
	evs, n, err := decodeRecords(want, 0)
	if err != nil || n != len(want) || len(evs) != 1 || evs[0].Wall != 1 || evs[0].FileVersion != FileVersion {
		t.Errorf("decodeRecords = %+v, %d, %v", evs, n, err)
	}
}

// writeAll writes one value of every kind, then closes w; it returns the
// events ReadFile should give back.
func writeAll(t *testing.T, w *Writer) []Event {
	t.Helper()
	h := HistogramFromBins([]float64{-1, 0, 1, 2}, []int{1, 0, 5}, 0.8, 0.7)
	must(t, w.Scalar("epoch_loss", 3, t0, 0.25))
	must(t, w.Scalar("batch_loss", -7, t0.Add(500*time.Millisecond), -1e-3))
	must(t, w.Histogram("dense_0/kernel", 4, t0, h))
	must(t, w.Text("model_summary", 0, t0, "# Model\nDense(64) → Dense(1) ✓"))
	must(t, w.HParams(HParamsSession{
		Name:    "g",
		HParams: map[string]any{"lr": 0.01, "units": 64, "opt": "adam", "std": false, "f32": float32(0.5), "u": uint8(3)},
		Metrics: []string{"epoch_loss"},
		Groups:  []string{"train", "validation"},
		Start:   t0,
	}))
	must(t, w.Close())
	wall := unixSeconds(t0)
	return []Event{
		{Wall: wall, FileVersion: FileVersion},
		{Wall: wall, Step: 3, Values: []Value{{Tag: "epoch_loss", Kind: "scalar", Scalar: 0.25}}},
		{Wall: wall + 0.5, Step: -7, Values: []Value{{Tag: "batch_loss", Kind: "scalar", Scalar: float64(float32(-1e-3))}}},
		{Wall: wall, Step: 4, Values: []Value{{Tag: "dense_0/kernel", Kind: "histogram", Histogram: &h}}},
		{Wall: wall, Values: []Value{{Tag: "model_summary", Kind: "text", Text: "# Model\nDense(64) → Dense(1) ✓", PluginName: "text"}}},
		{Wall: wall, Values: []Value{{Tag: TagExperiment, Kind: "hparams", PluginName: "hparams", HParams: &HParamsData{
			Kind:        "experiment",
			HParamNames: []string{"f32", "lr", "opt", "std", "u", "units"},
			Metrics:     []MetricName{{"train", "epoch_loss"}, {"validation", "epoch_loss"}},
			Time:        wall,
		}}}},
		{Wall: wall, Values: []Value{{Tag: TagSessionStartInfo, Kind: "hparams", PluginName: "hparams", HParams: &HParamsData{
			Kind:      "session_start_info",
			HParams:   map[string]any{"lr": 0.01, "units": 64.0, "opt": "adam", "std": false, "f32": 0.5, "u": 3.0},
			GroupName: "g",
			Time:      wall,
		}}}},
		// then the session_end_info Close wrote, checked apart
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "a", "train"), t0)
	must(t, err)
	want := writeAll(t, w)
	got, err := ReadFile(w.Path())
	must(t, err)
	if len(got) != len(want)+1 {
		t.Fatalf("%d events, want %d", len(got), len(want)+1)
	}
	for i := range want {
		for j := range got[i].Values {
			got[i].Values[j].PluginContent = nil // checked through HParams
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, got[i], want[i])
			for j := range got[i].Values {
				t.Logf("got value %d: %+v %+v", j, got[i].Values[j].Histogram, got[i].Values[j].HParams)
			}
		}
	}
	end := got[len(got)-1]
	if v := end.Values[0]; v.Tag != TagSessionEndInfo || v.HParams == nil || v.HParams.Kind != "session_end_info" ||
		v.HParams.Status != StatusSuccess || v.HParams.Time < unixSeconds(t0) {
		t.Errorf("session end: %+v %+v", v, v.HParams)
	}
	// Writing after Close fails; a second Close does not.
	if err := w.Scalar("x", 0, t0, 1); err == nil {
		t.Error("Scalar after Close: no error")
	}
	must(t, w.Close())
}

func TestEndHParams(t *testing.T) {
	w, err := Create(t.TempDir(), t0)
	must(t, err)
	must(t, w.HParams(HParamsSession{HParams: map[string]any{"a": 1}, Metrics: []string{"loss"}}))
	must(t, w.EndHParams(StatusFailure, t0.Add(time.Minute)))
	must(t, w.Close())
	evs, err := ReadFile(w.Path())
	must(t, err)
	var ends []*HParamsData
	for _, e := range evs {
		for _, v := range e.Values {
			if v.Kind == "hparams" && v.HParams.Kind == "session_end_info" {
				ends = append(ends, v.HParams)
			}
			if v.Kind == "hparams" && v.HParams.Kind == "experiment" && !reflect.DeepEqual(v.HParams.Metrics, []MetricName{{"", "loss"}}) {
				t.Errorf("metrics without groups: %+v", v.HParams.Metrics)
			}
		}
	}
	if len(ends) != 1 || ends[0].Status != StatusFailure || ends[0].Time != unixSeconds(t0)+60 {
		t.Errorf("session ends: %+v (want one, failed, at t0+60s)", ends)
	}
	if StatusFailure.String() != "STATUS_FAILURE" {
		t.Error(StatusFailure.String())
	}
}

func TestHParamsRejectsOtherTypes(t *testing.T) {
	w, err := Create(t.TempDir(), t0)
	must(t, err)
	defer w.Close()
	err = w.HParams(HParamsSession{HParams: map[string]any{"layers": []int{1, 2}}})
	if err == nil || !strings.Contains(err.Error(), `"layers"`) {
		t.Errorf("err = %v, want one naming the hparam", err)
	}
}

func TestScalarsProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w, err := Create(t.TempDir(), t0)
	must(t, err)
	type sample struct {
		tag  string
		step int64
		wall time.Time
		v    float64
	}
	var samples []sample
	for i := range 2000 {
		s := sample{
			tag:  []string{"epoch_loss", "batch_loss", "a/b", "", "ünï"}[rng.IntN(5)],
			step: rng.Int64() - math.MaxInt64/2,
			wall: t0.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))),
			v:    rng.NormFloat64() * math.Pow(10, float64(rng.IntN(60)-30)),
		}
		switch i % 100 {
		case 0:
			s.v = 0
		case 1:
			s.v = math.Inf(-1)
		case 2:
			s.step = 0
		}
		samples = append(samples, s)
		must(t, w.Scalar(s.tag, s.step, s.wall, s.v))
		if i == 1000 {
			must(t, w.Flush())
		}
	}
	must(t, w.Close())
	evs, err := ReadFile(w.Path())
	must(t, err)
	if len(evs) != len(samples)+1 {
		t.Fatalf("%d events, want %d", len(evs), len(samples)+1)
	}
	for i, s := range samples {
		e := evs[i+1]
		v := e.Values[0]
		if e.Step != s.step || e.Wall != unixSeconds(s.wall) || v.Tag != s.tag || v.Kind != "scalar" || v.Scalar != float64(float32(s.v)) {
			t.Fatalf("sample %d: got step %d wall %v %q %s %v, want %+v", i, e.Step, e.Wall, v.Tag, v.Kind, v.Scalar, s)
		}
	}
}

// threeRecords returns the bytes of a file with three events and the offset
// at which each record starts.
func threeRecords(t *testing.T) (string, []byte, []int) {
	t.Helper()
	w, err := Create(t.TempDir(), t0)
	must(t, err)
	must(t, w.Scalar("loss", 1, t0, 0.5))
	must(t, w.Text("note", 2, t0, "hello"))
	must(t, w.Close())
	data, err := os.ReadFile(w.Path())
	must(t, err)
	var offs []int
	for off := 0; off < len(data); {
		offs = append(offs, off)
		off += recordHeaderLen + int(data[off]) + recordFooterLen // records < 256 bytes
	}
	if len(offs) != 3 {
		t.Fatalf("%d records", len(offs))
	}
	return w.Path(), data, offs
}

func TestTruncatedLastRecord(t *testing.T) {
	path, data, offs := threeRecords(t)
	for cut := offs[2]; cut < len(data); cut++ {
		must(t, os.WriteFile(path, data[:cut], 0o644))
		evs, err := ReadFile(path)
		if err != nil || len(evs) != 2 || evs[1].Values[0].Scalar != 0.5 {
			t.Fatalf("cut at %d: %d events, %v; want 2 and no error", cut, len(evs), err)
		}
	}
	// Tailing a growing file with ReadFileFrom.
	must(t, os.WriteFile(path, data[:offs[2]+5], 0o644))
	evs, next, err := ReadFileFrom(path, 0)
	if err != nil || len(evs) != 2 || next != int64(offs[2]) {
		t.Fatalf("ReadFileFrom = %d events, %d, %v", len(evs), next, err)
	}
	must(t, os.WriteFile(path, data, 0o644))
	evs, next, err = ReadFileFrom(path, next)
	if err != nil || len(evs) != 1 || evs[0].Values[0].Text != "hello" || next != int64(len(data)) {
		t.Fatalf("ReadFileFrom = %+v, %d, %v", evs, next, err)
	}
}

func TestCorruptByte(t *testing.T) {
	path, data, offs := threeRecords(t)
	for _, c := range []struct {
		at   int
		want string
	}{
		{offs[1] + 2, "length CRC"},                       // the length
		{offs[1] + 9, "length CRC"},                       // its CRC
		{offs[1] + recordHeaderLen + 3, "data CRC"},       // the data
		{offs[2] - 1, "data CRC"},                         // the data's CRC
		{offs[2] + recordHeaderLen, "data CRC"},           // the last record's data
		{offs[0] + recordHeaderLen + 1, "offset 0: data"}, // the first record
	} {
		bad := bytes.Clone(data)
		bad[c.at] ^= 0x20
		must(t, os.WriteFile(path, bad, 0o644))
		_, err := ReadFile(path)
		rec := offs[0]
		for _, o := range offs {
			if o <= c.at {
				rec = o
			}
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "offset "+strconv.Itoa(rec)) {
			t.Errorf("byte %d flipped: err = %v, want %q at offset %d", c.at, err, c.want, rec)
		}
	}
}

// FuzzDecode checks that no input makes the reader panic, and that what
// the reader accepts, it accepts again from the offset it reported.
func FuzzDecode(f *testing.F) {
	known, _ := hex.DecodeString(knownRecord)
	f.Add(known)
	f.Add(known[:14])
	var e pb
	e.message(5, func(s *pb) {
		s.message(1, func(v *pb) {
			v.string(1, "h")
			v.message(5, func(m *pb) { encodeHistogram(m, HistogramFromBins([]float64{0, 1}, []int{1}, 0, 0)) })
		})
	})
	f.Add(appendRecord(nil, e.b))
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, n, err := decodeRecords(data, 0)
		if n < 0 || n > len(data) {
			t.Fatalf("consumed %d of %d bytes", n, len(data))
		}
		if err == nil {
			if again, m, err := decodeRecords(data[:n], 0); err != nil || m != n || len(again) != len(evs) {
				t.Fatalf("prefix: %d events, %d bytes, %v", len(again), m, err)
			}
		}
	})
}

func TestCreateNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	seen := map[string]bool{}
	for range 3 {
		w, err := Create(dir, t0)
		must(t, err)
		must(t, w.Close())
		seen[filepath.Base(w.Path())] = true
	}
	for _, name := range []string{"events.out.tfevents.1767323045.glassbox", "events.out.tfevents.1767323045.glassbox.1", "events.out.tfevents.1767323045.glassbox.2"} {
		if !seen[name] {
			t.Errorf("no %s among %v", name, seen)
		}
	}
}

func TestHistogramFromBins(t *testing.T) {
	h := HistogramFromBins([]float64{0, 1, 2}, []int{2, 6}, 1.25, 0.5)
	want := Histogram{Min: 0, Max: 2, Num: 8, Sum: 10, SumSquares: 8 * (0.25 + 1.5625), BucketLimits: []float64{1, 2}, BucketCounts: []float64{2, 6}}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("got %+v, want %+v", h, want)
	}
	if h.Mean() != 1.25 {
		t.Errorf("mean %v", h.Mean())
	}
	if h := HistogramFromBins([]float64{3}, nil, 0, 0); h.Min != 3 || h.Max != 3 || h.Num != 0 || h.BucketLimits != nil {
		t.Errorf("no bins: %+v", h)
	}
	if h := HistogramFromBins([]float64{0, 1, 2, 3}, []int{1}, 0, 0); h.Max != 1 || len(h.BucketCounts) != 1 {
		t.Errorf("extra edges: %+v", h)
	}
	w, err := Create(t.TempDir(), t0)
	must(t, err)
	defer w.Close()
	if err := w.Histogram("bad", 0, t0, Histogram{BucketLimits: []float64{1}}); err == nil {
		t.Error("mismatched buckets: no error")
	}
}

// TestReadsTF2Scalars decodes a scalar as TF2 (and Keras) writes it: a
// DT_FLOAT tensor of the "scalars" plugin, in tensor_content.
func TestReadsTF2Scalars(t *testing.T) {
	var v pb
	v.string(1, "epoch_loss")
	v.message(9, func(m *pb) { m.message(1, func(p *pb) { p.string(1, "scalars") }) })
	v.message(8, func(tp *pb) {
		tp.varint(1, dtFloat)
		tp.message(2, func(*pb) {})
		tp.bytes(4, []byte{0, 0, 0x40, 0x3f}) // 0.75
	})
	var e pb
	e.double(1, 2)
	e.varint(2, 9)
	e.message(5, func(s *pb) { s.bytes(1, v.b) })
	evs, _, err := decodeRecords(appendRecord(nil, e.b), 0)
	must(t, err)
	if got := evs[0].Values[0]; got.Kind != "scalar" || got.Scalar != 0.75 || got.PluginName != "scalars" || evs[0].Step != 9 {
		t.Errorf("got %+v", evs[0])
	}
}

// TestWriteExampleProgram runs testdata/writeexample, which the Python test
// of tests/e2e reads with TensorBoard, and checks its layout.
func TestWriteExampleProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "-tags=noxla", "./testdata/writeexample", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	count := map[string]map[string]int{}
	for _, sub := range []string{"", "train", "validation"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "events.out.tfevents.*.glassbox"))
		if len(files) != 1 {
			t.Fatalf("%s: %v", sub, files)
		}
		evs, err := ReadFile(files[0])
		must(t, err)
		count[sub] = map[string]int{}
		for _, e := range evs {
			for _, v := range e.Values {
				count[sub][v.Kind+" "+v.Tag]++
			}
		}
	}
	want := map[string]map[string]int{
		"": {"hparams " + TagExperiment: 1, "hparams " + TagSessionStartInfo: 1, "hparams " + TagSessionEndInfo: 1},
		"train": {"scalar epoch_loss": 3, "scalar epoch_accuracy": 3, "scalar epoch_auc": 3, "scalar batch_loss": 12,
			"histogram dense_0/kernel": 3, "histogram dense_0/bias": 3, "histogram dense_1/kernel": 3, "histogram dense_1/bias": 3,
			"text model_summary": 1},
		"validation": {"scalar epoch_loss": 3, "scalar epoch_accuracy": 3, "scalar epoch_auc": 3},
	}
	if !reflect.DeepEqual(count, want) {
		t.Errorf("values by run:\n got %v\nwant %v", count, want)
	}
}

// FuzzDecodeEvent feeds the protocol-buffer decoder directly (FuzzDecode
// rarely gets past the CRCs).
func FuzzDecodeEvent(f *testing.F) {
	dir := f.TempDir()
	w, err := Create(dir, t0)
	if err != nil {
		f.Fatal(err)
	}
	w.Scalar("s", 1, t0, 2)
	w.Histogram("h", 1, t0, HistogramFromBins([]float64{0, 1, 2}, []int{1, 2}, 1, 1))
	w.Text("t", 1, t0, "x")
	w.HParams(HParamsSession{HParams: map[string]any{"a": 1, "b": "x", "c": true}, Metrics: []string{"m"}, Groups: []string{"train"}})
	w.Close()
	data, _ := os.ReadFile(w.Path())
	for off := 0; off < len(data); {
		n := int(binary.LittleEndian.Uint64(data[off:]))
		f.Add(data[off+recordHeaderLen : off+recordHeaderLen+n])
		off += recordHeaderLen + n + recordFooterLen
	}
	f.Fuzz(func(t *testing.T, b []byte) { decodeEvent(b) })
}

func TestConcurrentWriters(t *testing.T) {
	w, err := Create(t.TempDir(), t0)
	must(t, err)
	done := make(chan error)
	for g := range 4 {
		go func() {
			for i := range 250 {
				if err := w.Scalar("g"+strconv.Itoa(g), int64(i), t0, float64(i)); err != nil {
					done <- err
					return
				}
			}
			done <- w.Flush()
		}()
	}
	for range 4 {
		must(t, <-done)
	}
	must(t, w.Close())
	evs, err := ReadFile(w.Path())
	must(t, err)
	if len(evs) != 1001 {
		t.Errorf("%d events, want 1001", len(evs))
	}
}

// TestStandardLibraryOnly keeps the package free of dependencies.
func TestStandardLibraryOnly(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags=noxla", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	if deps := strings.Fields(string(out)); len(deps) != 1 || deps[0] != "github.com/glassbox-ml/glassbox/internal/tfevents" {
		t.Errorf("non-standard dependencies: %v", deps)
	}
}
