package ml

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// Files of a run directory.
const (
	ConfigFile        = "config.json"        // RunConfig; written last, it marks the run finished
	PreprocessingFile = "preprocessing.json" // the fitted preprocessing pipeline (runs made by Train)
	ScalarsFile       = "scalars.jsonl"      // one ScalarRecord per optimiser step and per epoch
	HistogramsFile    = "histograms.jsonl"   // one HistogramRecord per layer parameter per epoch
	CheckpointFile    = "checkpoint.json"    // the weights (Checkpoint)
	MetricsFile       = "metrics.json"       // {"test": {...}, "train": {...}, "validation": {...}}
)

// runFormat is the version of the run directory layout.
const runFormat = 1

// RunConfig is config.json: everything needed to rebuild the model, and the
// hash of data and configuration that decides whether a run can be reused.
type RunConfig struct {
	Format    int            `json:"format"`
	Hash      string         `json:"hash"`
	Created   string         `json:"created"`
	Backend   string         `json:"backend"`
	Task      Task           `json:"task"`
	InputDim  int            `json:"input_dim"`
	OutputDim int            `json:"output_dim"`
	Layers    []Layer        `json:"layers"`
	Compile   CompileOptions `json:"compile"`
	Fit       FitOptions     `json:"fit"`
	TrainRows int            `json:"train_rows"`
	// BestEpoch is History.BestEpoch: the epoch early stopping judged best.
	BestEpoch int `json:"best_epoch,omitempty"`
	// Data describes the raw data of runs made by Train (nil otherwise).
	Data *DataConfig `json:"data,omitempty"`
	// Prune says how a pruned run was made from its parent (nil otherwise).
	Prune *PruneConfig `json:"prune,omitempty"`
}

// ScalarRecord is a line of scalars.jsonl. Kind "step" lines carry the batch
// loss; kind "epoch" lines carry the epoch's mean loss and metrics
// (val_… for validation).
type ScalarRecord struct {
	Kind     string  `json:"kind"`
	Step     int     `json:"step"`
	Epoch    int     `json:"epoch"`
	WallTime float64 `json:"wall_time"`
	Loss     float64 `json:"loss"`
	Metrics  Metrics `json:"metrics,omitempty"`
}

// HistogramRecord is a line of histograms.jsonl: the distribution of one
// parameter (kernel or bias) of one dense layer after an epoch. Counts[i]
// counts the values in [Edges[i], Edges[i+1]) (the last bin is closed).
type HistogramRecord struct {
	Epoch  int       `json:"epoch"`
	Step   int       `json:"step"`
	Layer  int       `json:"layer"`
	Param  string    `json:"param"`
	Min    float64   `json:"min"`
	Max    float64   `json:"max"`
	Mean   float64   `json:"mean"`
	Std    float64   `json:"std"`
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
}

// Checkpoint is checkpoint.json.
type Checkpoint struct {
	Layers []LayerWeights `json:"layers"`
}

// runExtras is what Train adds to a run: raw-data description, fitted
// preprocessing and the test set.
type runExtras struct {
	data          *DataConfig
	preprocessing []byte
	test          *Dataset
	hashExtra     []byte
	prune         *PruneConfig // set by Prune; its After is filled in by finish
}

// runWriter accumulates a run's files in memory while training and writes
// them atomically when it finishes, so a failed Fit leaves no half run.
type runWriter struct {
	dir        string
	cfg        RunConfig
	scalars    bytes.Buffer
	histograms bytes.Buffer
	X, Y       [][]float64
	val        *Dataset
	extras     *runExtras
	reused     *History
	lock       *runLock
	staged     *stagedRun   // nil when the run is reused
	tb         *tensorBoard // the TensorBoard event files, in the staging directory
	err        error        // the first error of a step record, returned at the epoch's end
}

// openRun takes the run directory's writer lock, hashes the data and
// configuration and either reuses the finished run in opts.RunDir (same
// hash, not Force) or prepares a new one. The caller releases rw.lock.
func (m *Sequential) openRun(X, Y [][]float64, val *Dataset, opts FitOptions) (rw *runWriter, err error) {
	lock, err := lockRunDir(opts.RunDir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			lock.release()
		}
	}()
	info := BackendInfo(m.opts.Backend)
	cfg := RunConfig{Format: runFormat, Backend: info.Config, Task: m.Task(), InputDim: m.inputDim,
		OutputDim: m.OutputDim(), Layers: m.layers, Compile: m.opts, Fit: opts, TrainRows: len(X)}
	if opts.run != nil {
		cfg.Data = opts.run.data
		cfg.Prune = opts.run.prune
	}
	h := sha256.New()
	head, _ := json.Marshal(struct {
		Format  int
		Backend string
		Layers  []Layer
		Compile CompileOptions
		Fit     FitOptions
		Data    *DataConfig
		HasVal  bool
	}{runFormat, info.Config, m.layers, m.opts, opts, cfg.Data, val != nil})
	h.Write(head)
	ws, err := m.Weights()
	if err != nil {
		return nil, err
	}
	if ws != nil { // continuing training: the starting weights are part of the input
		b, _ := json.Marshal(ws)
		h.Write(b)
	}
	hashRows(h, X)
	hashRows(h, Y)
	if val != nil {
		hashRows(h, val.X)
		hashRows(h, val.Y)
	}
	if opts.run != nil {
		h.Write(opts.run.hashExtra)
		if opts.run.test != nil {
			hashRows(h, opts.run.test.X)
			hashRows(h, opts.run.test.Y)
		}
	}
	cfg.Hash = hex.EncodeToString(h.Sum(nil))

	rw = &runWriter{dir: opts.RunDir, cfg: cfg, X: X, Y: Y, val: val, extras: opts.run, lock: lock}
	if !opts.Force {
		// The history is read first: loadCheckpoint changes the model only
		// when it succeeds, and then the run is reused.
		if old, err := ReadRunConfig(opts.RunDir); err == nil && old.Hash == cfg.Hash {
			if hist, err := ReadHistory(opts.RunDir); err == nil && m.loadCheckpoint(opts.RunDir) == nil {
				hist.Reused = true
				rw.reused = hist
				return rw, nil
			}
		}
	}
	if rw.staged, err = stageRun(opts.RunDir); err != nil {
		return nil, err
	}
	if rw.tb, err = newTensorBoard(rw.staged.tmp, cfg, m.Summary().Text(), time.Now()); err != nil {
		rw.staged.abort()
		return nil, err
	}
	return rw, nil
}

func hashRows(h interface{ Write([]byte) (int, error) }, rows [][]float64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(len(rows)))
	h.Write(b[:])
	for _, r := range rows {
		binary.LittleEndian.PutUint64(b[:], uint64(len(r)))
		h.Write(b[:])
		for _, v := range r {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			h.Write(b[:])
		}
	}
}

func (rw *runWriter) scalar(r ScalarRecord) {
	r.Kind = "step"
	writeJSONLine(&rw.scalars, r)
	if err := rw.tb.step(r); err != nil && rw.err == nil {
		rw.err = err
	}
}

// epoch records an epoch's scalars and histograms and flushes the scalars
// so far to the staged scalars.jsonl, where a board can read them.
func (rw *runWriter) epoch(log EpochLog, ws []LayerWeights) error {
	writeJSONLine(&rw.scalars, ScalarRecord{Kind: "epoch", Step: log.Step, Epoch: log.Epoch,
		WallTime: log.WallSeconds, Loss: log.Metrics["loss"], Metrics: finite(log.Metrics)})
	defer rw.scalars.Reset()
	if rw.err != nil {
		return rw.err
	}
	if err := rw.staged.appendScalars(rw.scalars.Bytes()); err != nil {
		return err
	}
	var hists []HistogramRecord
	for _, w := range ws {
		for _, p := range []struct {
			name string
			v    []float32
		}{{"kernel", w.Kernel}, {"bias", w.Bias}} {
			rec := histogram(p.v, 20)
			rec.Epoch, rec.Step, rec.Layer, rec.Param = log.Epoch, log.Step, w.Layer, p.name
			writeJSONLine(&rw.histograms, rec)
			hists = append(hists, rec)
		}
	}
	return rw.tb.epoch(log, hists)
}

// close releases the run directory's lock and removes the staging
// directory of a run that was not published (training failed).
func (rw *runWriter) close() {
	if rw.tb != nil && !rw.staged.published {
		rw.tb.close()
	}
	rw.staged.abort()
	rw.lock.release()
}

func writeJSONLine(buf *bytes.Buffer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain records with finite numbers are written (see finite)
	}
	buf.Write(b)
	buf.WriteByte('\n')
}

// finite returns m without its undefined (NaN) or infinite values, which
// JSON cannot hold: an undefined metric (AUC of one class) is left out of
// scalars.jsonl, and null in metrics.json.
func finite(m Metrics) Metrics {
	out := Metrics{}
	for k, v := range m {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out[k] = v
		}
	}
	return out
}

// histogram bins v into n equal-width bins between its min and max (the
// last bin closed), with the population mean and standard deviation.
func histogram(v []float32, n int) HistogramRecord {
	x := make([]float64, len(v))
	for i, f := range v {
		x[i] = float64(f)
	}
	slices.Sort(x)
	lo, hi := x[0], x[len(x)-1]
	if hi == lo {
		hi = lo + 1e-12
	}
	rec := HistogramRecord{Min: lo, Max: hi, Edges: floats.Span(make([]float64, n+1), lo, hi), Counts: make([]int, n)}
	rec.Mean, rec.Std = stat.PopMeanStdDev(x, nil)
	// stat.Histogram's bins are half-open; nudging the last divider up closes the last.
	dividers := slices.Clone(rec.Edges)
	dividers[n] = math.Nextafter(hi, math.Inf(1))
	for i, c := range stat.Histogram(nil, dividers, x, nil) {
		rec.Counts[i] = int(c)
	}
	return rec
}

// finish writes the run — preprocessing, scalars, histograms, checkpoint,
// metrics, config.json — into a new directory and swaps it in for the
// previous one (stagedRun.publish).
func (rw *runWriter) finish(m *Sequential, h *History) error {
	ws, err := m.Weights()
	if err != nil {
		return err
	}
	metrics := map[string]Metrics{"train": {}, "validation": {}, "test": {}}
	sets := map[string]*Dataset{"train": {X: rw.X, Y: rw.Y}, "validation": rw.val}
	if rw.extras != nil {
		sets["test"] = rw.extras.test
	}
	for name, d := range sets {
		if d == nil || len(d.X) == 0 { // Prune without rows to fine-tune on
			continue
		}
		if metrics[name], err = m.taskMetrics(d); err != nil {
			return err
		}
	}
	if rw.cfg.Prune != nil {
		p := *rw.cfg.Prune
		p.After = metrics
		rw.cfg.Prune = &p
	}
	rw.cfg.Created = time.Now().UTC().Format(time.RFC3339)
	rw.cfg.BestEpoch = h.BestEpoch
	if err := rw.staged.appendScalars(rw.scalars.Bytes()); err != nil { // lines since the last epoch
		return err
	}
	if err := rw.tb.finish(time.Now()); err != nil {
		return err
	}
	files := []runFile{
		{HistogramsFile, rw.histograms.Bytes()},
		{CheckpointFile, mustJSON(Checkpoint{Layers: ws})},
		{MetricsFile, mustJSON(jsonMetrics(metrics))},
		{ConfigFile, mustJSON(rw.cfg)},
	}
	if rw.extras != nil && rw.extras.preprocessing != nil {
		files = append(files, runFile{PreprocessingFile, rw.extras.preprocessing})
	}
	return rw.staged.publish(files)
}

// jsonMetrics replaces NaN (undefined metrics such as AUC on one class) by
// null, which JSON can carry.
func jsonMetrics(m map[string]Metrics) map[string]map[string]*float64 {
	out := map[string]map[string]*float64{}
	for set, ms := range m {
		out[set] = map[string]*float64{}
		for k, v := range ms {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				out[set][k] = nil
				continue
			}
			v := v
			out[set][k] = &v
		}
	}
	return out
}

func mustJSON(v any) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // only plain data structures are marshalled here
	}
	return append(b, '\n')
}

// ReadRunConfig reads a run's config.json, which only a finished run has,
// checking that this version of GlassBox reads its layout.
func ReadRunConfig(dir string) (RunConfig, error) {
	var cfg RunConfig
	b, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if err != nil {
		return cfg, err
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		return cfg, fmt.Errorf("ml: %s: %w", filepath.Join(dir, ConfigFile), err)
	}
	if cfg.Format != runFormat {
		return cfg, fmt.Errorf("ml: %s has format %d, this version reads %d", filepath.Join(dir, ConfigFile), cfg.Format, runFormat)
	}
	return cfg, nil
}

// loadCheckpoint replaces the model's weights by those of dir's checkpoint.
func (m *Sequential) loadCheckpoint(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, CheckpointFile))
	if err != nil {
		return err
	}
	var ck Checkpoint
	if err := json.Unmarshal(b, &ck); err != nil {
		return fmt.Errorf("ml: %s: %w", filepath.Join(dir, CheckpointFile), err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.setWeights(ck.Layers, 0)
}

// ReadScalars reads a run's scalars.jsonl.
func ReadScalars(dir string) ([]ScalarRecord, error) {
	return readJSONLines[ScalarRecord](filepath.Join(dir, ScalarsFile))
}

// ReadHistograms reads a run's histograms.jsonl.
func ReadHistograms(dir string) ([]HistogramRecord, error) {
	return readJSONLines[HistogramRecord](filepath.Join(dir, HistogramsFile))
}

func readJSONLines[T any](path string) ([]T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return DecodeJSONLines[T]("ml: "+path, data, false)
}

// DecodeJSONLines decodes the lines of a .jsonl file (scalars.jsonl,
// histograms.jsonl) named name, one value per line, skipping blank lines.
// Lines that do not decode are an error naming them (at most three are
// named), and the others are still returned. When growing — the file of a
// run still training — a last line without its newline is being written
// and is left out silently.
func DecodeJSONLines[T any](name string, data []byte, growing bool) ([]T, error) {
	var out []T
	var errs []error
	lines := bytes.Split(data, []byte("\n"))
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(line, &v); err != nil {
			last := i == len(lines)-1
			if last && growing {
				break
			}
			if len(errs) == 3 {
				errs = append(errs, fmt.Errorf("%s: more malformed lines not shown", name))
				break
			}
			why := err.Error()
			if last {
				why = "truncated or malformed (" + why + ")"
			}
			errs = append(errs, fmt.Errorf("%s line %d: %s", name, i+1, why))
			continue
		}
		out = append(out, v)
	}
	return out, errors.Join(errs...)
}

// ReadHistory reads a finished run's training history: its epochs from
// scalars.jsonl, and from config.json whether early stopping ended it and at
// which best epoch.
func ReadHistory(dir string) (*History, error) {
	recs, err := ReadScalars(dir)
	if err != nil {
		return nil, err
	}
	cfg, err := ReadRunConfig(dir)
	if err != nil {
		return nil, err
	}
	h := &History{RunDir: dir}
	for _, r := range recs {
		if r.Kind == "epoch" {
			h.Epochs = append(h.Epochs, EpochLog{Epoch: r.Epoch, Step: r.Step, WallSeconds: r.WallTime, Metrics: r.Metrics})
		}
	}
	h.StoppedEarly = len(h.Epochs) < cfg.Fit.Epochs
	h.BestEpoch = cfg.BestEpoch
	return h, nil
}

// ReadMetrics reads a run's metrics.json; undefined values (null) read as NaN.
func ReadMetrics(dir string) (map[string]Metrics, error) {
	b, err := os.ReadFile(filepath.Join(dir, MetricsFile))
	if err != nil {
		return nil, err
	}
	var raw map[string]map[string]*float64
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("ml: %s: %w", filepath.Join(dir, MetricsFile), err)
	}
	return metricsFromJSON(raw), nil
}

// metricsFromJSON undoes jsonMetrics: null reads as NaN.
func metricsFromJSON(raw map[string]map[string]*float64) map[string]Metrics {
	out := map[string]Metrics{}
	for set, ms := range raw {
		out[set] = Metrics{}
		for k, v := range ms {
			if v == nil {
				out[set][k] = math.NaN()
			} else {
				out[set][k] = *v
			}
		}
	}
	return out
}
