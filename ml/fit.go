package ml

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// Dataset is a set of encoded feature rows X with their labels Y.
type Dataset struct {
	X, Y [][]float64
}

// EarlyStopping stops training when Metric has not improved by more than
// MinDelta for Patience epochs. Metric defaults to "val_loss" when there is
// validation data and "loss" otherwise; losses, log_loss, rmse and mae
// improve downwards, the others upwards. With RestoreBest the weights of the
// best epoch are restored at the end.
type EarlyStopping struct {
	Patience    int     `json:"patience"`
	Metric      string  `json:"metric"`
	MinDelta    float64 `json:"min_delta"`
	RestoreBest bool    `json:"restore_best"`
}

// FitOptions configures Fit, like the arguments of Keras' model.fit.
// Zero values mean: 10 epochs, batches of 32, shuffling each epoch, seed 0.
type FitOptions struct {
	Epochs     int            `json:"epochs"`
	BatchSize  int            `json:"batch_size"`
	Validation *Dataset       `json:"-"` // evaluated after every epoch (val_… metrics)
	Early      *EarlyStopping `json:"early_stopping,omitempty"`
	// Seed fixes the initial weights, the dropout masks and the shuffling:
	// the same seed and data give the same weights on the same backend.
	Seed      int64 `json:"seed"`
	NoShuffle bool  `json:"no_shuffle"` // keep the rows in order in every epoch
	// RunDir, if set, is the run directory Fit writes (see Run). When it holds
	// a finished run of the same data and configuration, Fit loads its weights
	// instead of training, unless Force.
	RunDir string `json:"-"`
	Force  bool   `json:"-"`
	// Progress watches training (every step and epoch); nil means
	// ProgressLines(Out), a line per epoch on Out (default stdout), unless
	// Quiet. In a notebook, reports.ProgressBar() draws a live bar.
	Progress Observer  `json:"-"`
	Quiet    bool      `json:"-"`
	Out      io.Writer `json:"-"`

	// run, set by Train, adds the preprocessing and test metrics to RunDir.
	run *runExtras
}

func (o FitOptions) withDefaults() FitOptions {
	if o.Epochs == 0 {
		o.Epochs = 10
	}
	if o.BatchSize == 0 {
		o.BatchSize = 32
	}
	if o.Out == nil {
		o.Out = os.Stdout
	}
	if o.Progress == nil && !o.Quiet {
		o.Progress = ProgressLines(o.Out)
	}
	if o.Progress == nil {
		o.Progress = ObserverFuncs{}
	}
	return o
}

// EpochLog is what Fit records after an epoch: the epoch (1-based), the
// optimiser steps so far, seconds since Fit began, and the metrics (loss is
// the mean batch loss of the epoch; the others are computed on the whole
// training set after the epoch; val_… on the validation set).
type EpochLog struct {
	Epoch       int     `json:"epoch"`
	Step        int     `json:"step"`
	WallSeconds float64 `json:"wall_time"`
	Metrics     Metrics `json:"metrics"`
}

// History is the result of Fit.
type History struct {
	Epochs       []EpochLog
	StoppedEarly bool // early stopping ended training before Epochs
	// BestEpoch is the epoch early stopping judged best (its weights are
	// the model's with RestoreBest); 0 without early stopping.
	BestEpoch int
	Reused    bool   // the weights were loaded from an identical finished run
	RunDir    string // the run directory written or reused, if any
}

// Last returns the log of the last epoch (zero when there was none).
func (h *History) Last() EpochLog {
	if len(h.Epochs) == 0 {
		return EpochLog{}
	}
	return h.Epochs[len(h.Epochs)-1]
}

// Fit trains the model by mini-batch back-propagation: each epoch visits the
// rows of X once in batches of BatchSize (the last batch may be smaller),
// taking one optimiser step on the mean batch loss per batch. y is laid out
// as Predict's output (see labelsFor: binary 0/1, one-hot or class index for
// multi-class, values for regression). A model without weights is first
// initialised from Seed; a model with weights continues from them.
func (m *Sequential) Fit(X, y [][]float64, opts FitOptions) (*History, error) {
	if !m.compiled {
		return nil, errors.New("ml: Fit: the model is not compiled: call Compile first")
	}
	opts = opts.withDefaults()
	if opts.Epochs < 0 || opts.BatchSize < 0 {
		return nil, fmt.Errorf("ml: Fit: epochs (%d) and batch size (%d) must be positive", opts.Epochs, opts.BatchSize)
	}
	if err := checkRows("X", X, m.inputDim); err != nil {
		return nil, err
	}
	Y, val, err := m.checkLabels(X, y, opts.Validation)
	if err != nil {
		return nil, err
	}
	return m.fitRun(X, Y, val, opts)
}

// checkLabels checks y and the validation set against the model (X is
// checked) and returns the labels in the model's output layout (labelsFor).
func (m *Sequential) checkLabels(X, y [][]float64, validation *Dataset) (Y [][]float64, val *Dataset, err error) {
	task := m.Task()
	if Y, err = labelsFor(task, y, len(X), m.OutputDim()); err != nil {
		return nil, nil, err
	}
	if validation != nil {
		if err := checkRows("validation X", validation.X, m.inputDim); err != nil {
			return nil, nil, err
		}
		vy, err := labelsFor(task, validation.Y, len(validation.X), m.OutputDim())
		if err != nil {
			return nil, nil, fmt.Errorf("validation: %w", err)
		}
		val = &Dataset{X: validation.X, Y: vy}
	}
	return Y, val, nil
}

// fitRun is Fit on checked rows and labels (checkLabels) with opts'
// defaults filled in: it writes or reuses opts.RunDir, if set, around
// training. opts.Epochs may be 0 (Prune without fine-tuning): the run then
// holds the model's weights as they are.
func (m *Sequential) fitRun(X, Y [][]float64, val *Dataset, opts FitOptions) (*History, error) {
	var rw *runWriter
	var err error
	if opts.RunDir != "" {
		rw, err = m.openRun(X, Y, val, opts)
		if err != nil {
			return nil, err
		}
		defer rw.close()
		if rw.reused != nil {
			opts.Progress.End(rw.reused) // observers show the reused run's history
			return rw.reused, nil
		}
	}
	return m.fit(X, Y, val, opts, rw)
}

func (m *Sequential) fit(X, Y [][]float64, val *Dataset, opts FitOptions, rw *runWriter) (*History, error) {
	m.mu.Lock()
	if m.store == nil {
		if err := m.initWeights(opts.Seed); err != nil {
			m.mu.Unlock()
			return nil, err
		}
	}
	if m.train == nil {
		m.optim = m.newOptimizer()
		e, err := model.NewExec(m.backend, m.store, m.trainStepGraph)
		if err != nil {
			m.mu.Unlock()
			return nil, err
		}
		m.train = e
	}
	m.mu.Unlock()

	var early *EarlyStopping
	if opts.Early != nil {
		e := *opts.Early // the caller's struct stays as given
		early = &e
		if early.Metric == "" {
			early.Metric = "loss"
			if val != nil {
				early.Metric = "val_loss"
			}
		}
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5851f42d4c957f2d))
	order := make([]int, len(X))
	for i := range order {
		order[i] = i
	}
	h := &History{RunDir: opts.RunDir}
	start := time.Now()
	step := 0
	best, bestEpoch, wait := math.NaN(), 0, 0
	var bestWeights []LayerWeights
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		if !opts.NoShuffle {
			rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		}
		var lossSum float64
		batches := 0
		for lo := 0; lo < len(order); lo += opts.BatchSize {
			hi := min(lo+opts.BatchSize, len(order))
			loss, err := m.trainStep(X, Y, order[lo:hi])
			if err != nil {
				return nil, fmt.Errorf("ml: Fit: epoch %d step %d: %w", epoch, step+1, err)
			}
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return nil, fmt.Errorf("ml: Fit: epoch %d step %d: the loss became %v; lower the learning rate or scale the features", epoch, step+1, loss)
			}
			step++
			batches++
			lossSum += loss
			if rw != nil {
				rw.scalar(ScalarRecord{Step: step, Epoch: epoch, WallTime: time.Since(start).Seconds(), Loss: loss})
			}
			opts.Progress.Step(StepLog{Epoch: epoch, Epochs: opts.Epochs, Step: step, Rows: hi, TotalRows: len(order),
				Loss: loss, MeanLoss: lossSum / float64(batches), WallSeconds: time.Since(start).Seconds()})
		}
		metrics, err := m.epochMetrics(X, Y, val)
		if err != nil {
			return nil, err
		}
		metrics["loss"] = lossSum / float64(batches)
		log := EpochLog{Epoch: epoch, Step: step, WallSeconds: time.Since(start).Seconds(), Metrics: metrics}
		h.Epochs = append(h.Epochs, log)
		if rw != nil {
			ws, err := m.Weights()
			if err != nil {
				return nil, err
			}
			if err := rw.epoch(log, ws); err != nil {
				return nil, err
			}
		}
		opts.Progress.Epoch(log) // after the run writer: what observers see is on disk
		if early != nil {
			v, ok := metrics[early.Metric]
			if !ok {
				return nil, fmt.Errorf("ml: Fit: early-stopping metric %q is not computed (have %s)", early.Metric, formatMetrics(metrics))
			}
			improved := math.IsNaN(best) || (higherIsBetter(early.Metric) && v > best+early.MinDelta) ||
				(!higherIsBetter(early.Metric) && v < best-early.MinDelta)
			if improved {
				best, bestEpoch, wait = v, epoch, 0
				if early.RestoreBest {
					if bestWeights, err = m.Weights(); err != nil {
						return nil, err
					}
				}
			} else if wait++; wait >= early.Patience {
				h.StoppedEarly = true
				break
			}
		}
	}
	if early != nil {
		h.BestEpoch = bestEpoch
	}
	if bestWeights != nil && bestEpoch != len(h.Epochs) {
		m.mu.Lock()
		err := m.setWeights(bestWeights, opts.Seed)
		m.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
	opts.Progress.End(h)
	if rw != nil {
		if err := rw.finish(m, h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// trainStep runs one optimiser step on the rows idx and returns the batch loss.
func (m *Sequential) trainStep(X, Y [][]float64, idx []int) (float64, error) {
	in, out := m.inputDim, m.OutputDim()
	xs := make([]float32, 0, len(idx)*in)
	ys := make([]float32, 0, len(idx)*out)
	for _, i := range idx {
		for _, v := range X[i] {
			xs = append(xs, float32(v))
		}
		for _, v := range Y[i] {
			ys = append(ys, float32(v))
		}
	}
	x := tensors.FromFlatDataAndDimensions(xs, len(idx), in)
	y := tensors.FromFlatDataAndDimensions(ys, len(idx), out)
	defer x.FinalizeAll()
	defer y.FinalizeAll()
	m.mu.Lock()
	defer m.mu.Unlock()
	var loss float64
	m.net = nil // the step changes the weights
	err := catchPanic(func() error {
		t, err := m.train.Call1(x, y)
		if err != nil {
			return err
		}
		loss = float64(tensors.ToScalar[float32](t))
		return t.FinalizeAll()
	})
	return loss, err
}

// epochMetrics evaluates the compiled metrics on the training set and every
// metric (prefixed val_) on the validation set.
func (m *Sequential) epochMetrics(X, Y [][]float64, val *Dataset) (Metrics, error) {
	out := Metrics{}
	pred, err := m.Predict(X)
	if err != nil {
		return nil, err
	}
	all, err := scoreTask(m.Task(), pred, Y)
	if err != nil {
		return nil, err
	}
	for _, name := range m.opts.Metrics {
		out[name] = all[name]
	}
	if val != nil {
		vp, err := m.Predict(val.X)
		if err != nil {
			return nil, err
		}
		vm, err := scoreTask(m.Task(), vp, val.Y)
		if err != nil {
			return nil, err
		}
		for name, v := range vm {
			if slices.Contains(m.opts.Metrics, name) {
				out["val_"+name] = v
			}
		}
		out["val_loss"] = lossValue(m.opts.Loss, vp, val.Y)
	}
	return out, nil
}

// taskMetrics evaluates the task's metrics (no loss) on d, as metrics.json holds them.
func (m *Sequential) taskMetrics(d *Dataset) (Metrics, error) {
	metrics, err := m.Evaluate(d.X, d.Y)
	if err != nil {
		return nil, err
	}
	delete(metrics, "loss")
	return metrics, nil
}

// Evaluate returns the loss and every metric of the model's task on (X, y):
// see scoreTask for the formulas.
func (m *Sequential) Evaluate(X, y [][]float64) (Metrics, error) {
	pred, err := m.Predict(X)
	if err != nil {
		return nil, err
	}
	Y, err := labelsFor(m.Task(), y, len(X), m.OutputDim())
	if err != nil {
		return nil, err
	}
	metrics, err := scoreTask(m.Task(), pred, Y)
	if err != nil {
		return nil, err
	}
	metrics["loss"] = lossValue(m.opts.Loss, pred, Y)
	return metrics, nil
}
