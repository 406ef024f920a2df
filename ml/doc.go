// Package ml trains, evaluates and reloads neural networks on GoMLX for
// GlassBox's notebooks and CLI.
//
// The Keras-style layer mirrors the reference workflow
//
//	m := ml.NewSequential(ml.Dense(64, ml.ReLU, 10), ml.Dense(1, ml.Sigmoid))
//	err := m.Compile(ml.CompileOptions{Optimizer: "adam", Loss: ml.BinaryCrossEntropy})
//	hist, err := m.Fit(X, y, ml.FitOptions{Epochs: 10, BatchSize: 32, Validation: &ml.Dataset{X: Xv, Y: yv}})
//	metrics, err := m.Evaluate(Xt, yt)
//	p, err := m.Predict(Xt)
//
// on encoded rows ([][]float64). Train does the whole workflow on a raw
// table (package data): split, preprocessing fitted on the training rows,
// the reference network, evaluation on train/validation/test, and a run
// directory; Load restores a run in another process (a later notebook cell)
// with its preprocessing, so raw records predict as they did in training.
// Re-running Train or Fit with the same data and options reuses the finished
// run instead of retraining.
//
// Training is watched through an Observer in FitOptions.Progress (and
// TrainOptions.Progress), which sees every step's loss and every epoch's
// metrics: ProgressLines writes a line per epoch (the default),
// reports.ProgressBar draws a live bar in a notebook, ObserverFuncs turns
// functions into one and Observers fans out to several. ml displays nothing
// itself.
//
// A run directory holds config.json (architecture, options, hash of data and
// options; written last), preprocessing.json, scalars.jsonl (per step and
// per epoch, with wall time), histograms.jsonl (weights per layer per
// epoch), checkpoint.json (float32 weights) and metrics.json
// ({"test": {...}, "train": {...}, "validation": {...}}). One process writes
// a run directory at a time (a lock file .NAME.lock beside it; a second
// writer fails at once, naming the first). A run is written into a hidden
// sibling directory, .NAME.new-XXXX, whose scalars.jsonl grows epoch by
// epoch while training (a board can show a run in progress), and which
// then takes the old one's place in one step, so readers see
// the previous finished run or the new one, and a failed retraining leaves
// the previous run intact. Other files in a run directory are kept.
//
// Prune makes a sparser network of a trained run: in each dense layer the
// given fraction of kernel weights, those of smallest magnitude, is set to
// zero; the rest may be fine-tuned with the pruned weights held at zero;
// and the result is a new run whose config.json names its parent and
// compares their metrics (RunConfig.Prune). TrainOptions.Prune does the
// same at the end of Train.
//
// Trained models implement the contracts of package explain without
// importing it: Predict (explain.Model), Gradient by GoMLX's autodiff
// (explain.GradientModel), and LinearPredictor for the LinearRegression and
// LogisticRegression baselines (explain.LinearModel). Predict and Gradient
// are safe for concurrent use and run rows in a few fixed batch sizes, so
// the backend compiles each graph once per size.
//
// The backend is "go" (pure Go, always available) or XLA ("xla:cpu",
// "xla:cuda", or "xla:/path/plugin.so"), chosen by option, $GOMLX_BACKEND, or
// by default XLA when this binary links it (built without the noxla tag) and
// a PJRT plugin is installed; BackendInfo says which and why. Asking for XLA
// where it is missing is an error that says how to install it; go-xla's
// automatic download is disabled.
//
// Bad input — ragged rows, NaN or ±Inf, a wrong width, labels that do not fit
// the loss, unknown targets, unseen categories — is an error naming the row
// and column; panics inside GoMLX are returned as errors.
package ml
