package ml

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"path/filepath"
	"slices"

	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/gomlx/gomlx/core/graph"
)

// PruneOptions configures Prune. The zero value prunes without fine-tuning
// and keeps the pruned run in memory.
type PruneOptions struct {
	// Epochs is how many epochs the pruned network is fine-tuned on Data,
	// its pruned weights held at zero; 0 means none. Fine-tuning uses the
	// parent's compile options (optimizer, learning rate, loss) with a
	// fresh optimizer state.
	Epochs int
	// Data is a raw table with the target column whose rows the pruned
	// network is fine-tuned on, encoded with the run's preprocessing (so
	// the run must be one made by Train); the run's "train" metrics are
	// computed on it. Give the rows the parent was trained on: rows it was
	// evaluated on would no longer be held out.
	Data *data.Frame
	// Test is a raw table on which both the parent and the pruned network
	// are evaluated (the "test" metrics); nil means none.
	Test *data.Frame
	// BatchSize is the number of rows per fine-tuning step; 0 means the
	// parent's.
	BatchSize int
	// Seed fixes the order of the fine-tuning rows: the same run, data and
	// options give the same weights on the same backend.
	Seed int64
	// RunDir is where the pruned run is written, as Train writes runs (one
	// writer at a time, a staging directory swapped in when complete);
	// empty means no run directory. It must not be the parent's. A
	// finished run there of the same parent, sparsity, data and options is
	// reused unless Force.
	RunDir string
	Force  bool
	// Progress, Quiet and Out watch fine-tuning as in TrainOptions.
	Progress Observer
	Quiet    bool
	Out      io.Writer
}

// PruneConfig is the "prune" block of a pruned run's config.json: how the
// run was made from its parent.
type PruneConfig struct {
	// Parent is the parent run's directory; empty when the parent was not
	// written (Train with TrainOptions.Prune prunes the network it has just
	// trained). ParentHash is the parent's RunConfig.Hash, if any.
	Parent     string `json:"parent"`
	ParentHash string `json:"parent_hash,omitempty"`
	// Sparsity is the fraction of each dense layer's kernel weights asked
	// to be zero; Layers says what each layer got.
	Sparsity float64       `json:"sparsity"`
	Layers   []PrunedLayer `json:"layers"`
	Epochs   int           `json:"epochs"` // fine-tuning epochs
	// Before holds the parent's metrics and After the pruned, fine-tuned
	// network's, on the same rows, in blocks as in metrics.json: "train"
	// (the fine-tuning rows), "validation" and "test". An undefined value
	// is NaN (null in the file).
	Before map[string]Metrics `json:"-"`
	After  map[string]Metrics `json:"-"`
}

// PrunedLayer is the outcome of pruning one dense layer.
type PrunedLayer struct {
	Layer    int     `json:"layer"`    // index in the model's layers
	Weights  int     `json:"weights"`  // kernel weights, inputs × units
	Zeros    int     `json:"zeros"`    // of them zero after pruning
	Sparsity float64 `json:"sparsity"` // Zeros / Weights
}

// Zeros counts the zero and all kernel weights over the pruned layers:
// their ratio is the network's achieved sparsity.
func (p *PruneConfig) Zeros() (zeros, weights int) {
	for _, l := range p.Layers {
		zeros += l.Zeros
		weights += l.Weights
	}
	return zeros, weights
}

// prunedJSON is PruneConfig in config.json, with undefined metrics as null.
type prunedJSON struct {
	prunePlain
	Before map[string]map[string]*float64 `json:"before"`
	After  map[string]map[string]*float64 `json:"after"`
}

type prunePlain PruneConfig // PruneConfig without its JSON methods

// MarshalJSON writes the block, undefined metrics as null.
func (p PruneConfig) MarshalJSON() ([]byte, error) {
	return json.Marshal(prunedJSON{prunePlain(p), jsonMetrics(p.Before), jsonMetrics(p.After)})
}

// UnmarshalJSON reads the block, null metrics as NaN.
func (p *PruneConfig) UnmarshalJSON(b []byte) error {
	var v prunedJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = PruneConfig(v.prunePlain)
	p.Before, p.After = metricsFromJSON(v.Before), metricsFromJSON(v.After)
	return nil
}

// Prune returns a copy of run's network with a fraction sparsity of each
// dense layer's kernel weights set to zero — those of smallest magnitude —
// optionally fine-tuned (opts.Epochs on opts.Data) and written as a new
// run (opts.RunDir). The parent run is not changed.
//
// Pruning is per layer: in a dense layer with n kernel weights, the
// k = round(sparsity·n) weights of smallest |w| are set to 0 (ties by
// position, so the choice is deterministic), and biases are kept. Every
// layer thus keeps the same share (1 − sparsity) of its connections; one
// threshold over the whole network would instead strip a small layer, such
// as the 64 weights of the reference network's output layer, at a rate of
// its own. While fine-tuning, after every optimizer step the pruned
// weights are set back to zero, so the network stays exactly as sparse;
// the others, and the biases, train as usual.
//
// The pruned run's config.json records the parent, the requested and the
// achieved sparsity per layer, and the metrics of parent and pruned
// network on the same rows (RunConfig.Prune). Its model is an ordinary
// Sequential: a later Fit may move the zero weights.
func Prune(run *Run, sparsity float64, opts PruneOptions) (*Run, error) {
	if err := checkPrune(run, sparsity, opts); err != nil {
		return nil, err
	}
	encode := func(what string, f *data.Frame) (*Dataset, error) {
		if f == nil {
			return nil, nil
		}
		X, err := run.Pipeline.Transform(f)
		if err != nil {
			return nil, fmt.Errorf("ml: Prune: %s: %w", what, err)
		}
		y, err := run.Targets(f)
		if err != nil {
			return nil, fmt.Errorf("ml: Prune: %s: %w", what, err)
		}
		Y := make([][]float64, len(y))
		for i, v := range y {
			Y[i] = []float64{v}
		}
		return &Dataset{X: X, Y: Y}, nil
	}
	train, err := encode("Data", opts.Data)
	if err != nil {
		return nil, err
	}
	test, err := encode("Test", opts.Test)
	if err != nil {
		return nil, err
	}
	batch := opts.BatchSize
	if batch == 0 {
		batch = run.Config.Fit.BatchSize
	}
	fo := FitOptions{BatchSize: batch, Seed: opts.Seed, RunDir: opts.RunDir, Force: opts.Force,
		Progress: opts.Progress, Quiet: opts.Quiet, Out: opts.Out}.withDefaults()
	fo.Epochs = opts.Epochs
	extras := &runExtras{test: test}
	var dc *DataConfig
	if run.Config.Data != nil {
		d := *run.Config.Data
		d.Split = [3]int{rows(train), 0, rows(test)}
		dc = &d
		if extras.preprocessing, err = json.Marshal(run.Pipeline); err != nil {
			return nil, fmt.Errorf("ml: Prune: saving the preprocessing: %w", err)
		}
		extras.hashExtra = extras.preprocessing
	}
	extras.data = dc
	pc := &PruneConfig{Parent: run.Dir, ParentHash: run.Config.Hash, Epochs: opts.Epochs}
	m, h, err := pruneNetwork(run.Model, sparsity, train, nil, pc, fo, extras)
	if err != nil {
		return nil, err
	}
	out := &Run{Dir: opts.RunDir, Model: m, Pipeline: run.Pipeline, History: h, Reused: h.Reused,
		Config: RunConfig{Task: m.Task(), InputDim: m.inputDim, OutputDim: m.OutputDim(), Layers: m.Layers(),
			Compile: m.opts, Fit: fo, Data: dc, Prune: pc}}
	if err := out.complete(map[string]*Dataset{"train": train, "test": test}); err != nil {
		return nil, err
	}
	return out, nil
}

// rows is the number of rows of d (0 for nil).
func rows(d *Dataset) int {
	if d == nil {
		return 0
	}
	return len(d.X)
}

// checkPrune checks Prune's arguments, naming the bad one.
func checkPrune(run *Run, sparsity float64, opts PruneOptions) error {
	switch {
	case run == nil || run.Model == nil:
		return errors.New("ml: Prune: no run (or a run without a model)")
	case !(sparsity >= 0 && sparsity < 1):
		return fmt.Errorf("ml: Prune: sparsity %v is outside [0, 1): it is the fraction of each layer's weights set to zero", sparsity)
	case opts.Epochs < 0 || opts.BatchSize < 0:
		return fmt.Errorf("ml: Prune: PruneOptions.Epochs (%d) and BatchSize (%d) must not be negative", opts.Epochs, opts.BatchSize)
	case opts.Epochs > 0 && opts.Data == nil:
		return fmt.Errorf("ml: Prune: PruneOptions.Epochs is %d but Data is nil: fine-tuning needs the rows to train on", opts.Epochs)
	case (opts.Data != nil || opts.Test != nil) && (run.Pipeline == nil || run.Config.Data == nil):
		return errors.New("ml: Prune: PruneOptions.Data and Test are raw tables, and this run has no preprocessing to encode them (it was written by Sequential.Fit, not Train)")
	case opts.RunDir != "" && run.Dir != "" && samePath(opts.RunDir, run.Dir):
		return fmt.Errorf("ml: Prune: PruneOptions.RunDir %s is the parent run's directory; the pruned run is a new run", opts.RunDir)
	}
	return nil
}

// samePath reports whether a and b name the same path (after making them
// absolute and clean).
func samePath(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// pruneNetwork is Prune on encoded rows: it prunes a copy of parent
// (pruneWeights), records in pc the layers and the parent's metrics on
// train, val and extras.test, fine-tunes the copy for fo.Epochs on train
// (nil: no rows) with the pruned weights held at zero, and writes
// fo.RunDir if set, with pc in its config. fo has its defaults; fo.Epochs
// may be 0. Labels are as Fit takes them.
func pruneNetwork(parent *Sequential, sparsity float64, train, val *Dataset, pc *PruneConfig, fo FitOptions, extras *runExtras) (*Sequential, *History, error) {
	ws, err := parent.Weights()
	if err != nil {
		return nil, nil, err
	}
	if ws == nil {
		return nil, nil, fmt.Errorf("ml: Prune: %w", errNotTrained)
	}
	if len(ws) == 0 {
		return nil, nil, errors.New("ml: Prune: the model has no dense layer to prune")
	}
	pruned, layers, keep := pruneWeights(ws, sparsity)
	pc.Sparsity, pc.Layers = sparsity, layers
	if train == nil {
		train = &Dataset{}
	}
	var Y [][]float64
	if len(train.X) > 0 {
		if err := checkRows("Data", train.X, parent.inputDim); err != nil {
			return nil, nil, err
		}
		if Y, val, err = parent.checkLabels(train.X, train.Y, val); err != nil {
			return nil, nil, err
		}
	}
	pc.Before = map[string]Metrics{"train": {}, "validation": {}, "test": {}}
	for name, d := range map[string]*Dataset{"train": {X: train.X, Y: Y}, "validation": val, "test": extras.test} {
		if rows(d) == 0 {
			continue
		}
		if pc.Before[name], err = parent.taskMetrics(d); err != nil {
			return nil, nil, err
		}
	}

	m := NewSequential(parent.Layers()...)
	if err := m.Compile(parent.Options()); err != nil {
		return nil, nil, err
	}
	m.mu.Lock()
	err = m.setWeights(pruned, fo.Seed)
	m.pruned = keep
	m.mu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	fo.Validation = val
	extras.prune = pc
	extras.hashExtra = fmt.Appendf(slices.Clip(extras.hashExtra), "\nprune %v of %s", sparsity, pc.ParentHash)
	fo.run = extras
	h, err := m.fitRun(train.X, Y, val, fo)
	m.mu.Lock()
	m.pruned = nil // from now on an ordinary model, like one loaded from the run
	m.resetExecs()
	m.mu.Unlock()
	if err != nil {
		return nil, nil, err
	}
	return m, h, nil
}

// pruneWeights returns a copy of ws in which, per layer, the
// k = round(sparsity·n) kernel weights of smallest magnitude (ties by
// position) are zero, what each layer got, and per layer index which
// kernel weights were kept.
func pruneWeights(ws []LayerWeights, sparsity float64) ([]LayerWeights, []PrunedLayer, map[int][]bool) {
	out := make([]LayerWeights, len(ws))
	layers := make([]PrunedLayer, len(ws))
	keep := make(map[int][]bool, len(ws))
	for li, w := range ws {
		n := len(w.Kernel)
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		abs := func(i int) float64 { return math.Abs(float64(w.Kernel[i])) }
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(abs(a), abs(b)) })
		kernel := slices.Clone(w.Kernel)
		kept := make([]bool, n)
		for i := range kept {
			kept[i] = true
		}
		for _, i := range order[:int(math.Round(sparsity*float64(n)))] {
			kernel[i], kept[i] = 0, false
		}
		zeros := 0
		for _, v := range kernel {
			if v == 0 {
				zeros++
			}
		}
		out[li] = LayerWeights{Layer: w.Layer, Inputs: w.Inputs, Units: w.Units, Kernel: kernel, Bias: slices.Clone(w.Bias)}
		layers[li] = PrunedLayer{Layer: w.Layer, Weights: n, Zeros: zeros, Sparsity: float64(zeros) / float64(max(n, 1))}
		keep[w.Layer] = kept
	}
	return out, layers, keep
}

// keepPruned, in the training step's graph g, sets the pruned kernel
// weights (m.pruned) back to zero after the optimizer's update.
func (m *Sequential) keepPruned(g *graph.Graph) {
	for _, i := range slices.Sorted(maps.Keys(m.pruned)) {
		v := m.store.GetVariable(kernelPath(i))
		w := v.NodeValue(g)
		kept := graph.Reshape(graph.Const(g, m.pruned[i]), w.Shape().Dimensions...)
		v.SetNodeValue(graph.Where(kept, w, graph.ZerosLike(w)))
	}
}
