package ml

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/internal/tfevents"
)

// tensorBoard writes a run's TensorBoard event files while it trains, laid
// out as Keras' TensorBoard callback lays them out, so that `tensorboard
// --logdir runs` shows GlassBox runs beside Keras ones:
//
//   - train/: epoch_loss and epoch_<metric> per epoch, batch_loss per
//     optimiser step, epoch_learning_rate, the weights and biases of every
//     dense layer as histograms per epoch ("dense_0/kernel"), and the
//     model summary as text;
//   - validation/: epoch_loss and epoch_<metric> of the validation set;
//   - the run's own folder: its HParams session (optimiser, learning rate,
//     epochs, batch size, seed, task, hidden units) with the epoch_* metrics
//     of both groups, for TensorBoard's HParams tab.
type tensorBoard struct {
	start            time.Time
	train, val, root *tfevents.Writer
	layers           []string // layer names, by layer index
	learningRate     float64
}

func newTensorBoard(dir string, cfg RunConfig, summary string, start time.Time) (*tensorBoard, error) {
	tb := &tensorBoard{start: start, layers: LayerNames(cfg.Layers), learningRate: cfg.Compile.LearningRate}
	var err error
	if tb.train, err = tfevents.Create(filepath.Join(dir, "train"), start); err != nil {
		return nil, err
	}
	if tb.val, err = tfevents.Create(filepath.Join(dir, "validation"), start); err != nil {
		tb.close()
		return nil, err
	}
	if tb.root, err = tfevents.Create(dir, start); err != nil {
		tb.close()
		return nil, err
	}
	hidden := 0
	for _, l := range cfg.Layers {
		if l.Kind == "dense" && hidden == 0 && l.Units > 0 {
			hidden = l.Units
		}
	}
	metrics := []string{"epoch_loss"}
	for _, m := range cfg.Compile.Metrics {
		metrics = append(metrics, "epoch_"+m)
	}
	err = tb.root.HParams(tfevents.HParamsSession{
		HParams: map[string]any{"optimizer": cfg.Compile.Optimizer, "learning_rate": cfg.Compile.LearningRate,
			"epochs": cfg.Fit.Epochs, "batch_size": cfg.Fit.BatchSize, "seed": cfg.Fit.Seed, "task": string(cfg.Task),
			"loss": cfg.Compile.Loss, "hidden_units": hidden},
		Metrics: metrics, Groups: []string{"train", "validation"}, Start: start,
	})
	if err == nil {
		err = tb.train.Text("model_summary", 0, start, "    "+strings.ReplaceAll(strings.TrimRight(summary, "\n"), "\n", "\n    "))
	}
	if err != nil {
		tb.close()
		return nil, fmt.Errorf("ml: TensorBoard events: %w", err)
	}
	return tb, nil
}

func (tb *tensorBoard) at(seconds float64) time.Time {
	return tb.start.Add(time.Duration(seconds * float64(time.Second)))
}

// step records an optimiser step's batch loss.
func (tb *tensorBoard) step(r ScalarRecord) error {
	return tb.train.Scalar("batch_loss", int64(r.Step), tb.at(r.WallTime), r.Loss)
}

// epoch records an epoch's metrics (val_… under validation/) and weight
// histograms, and flushes the files so that a live TensorBoard sees them.
func (tb *tensorBoard) epoch(log EpochLog, hists []HistogramRecord) error {
	wall, step := tb.at(log.WallSeconds), int64(log.Epoch)
	for name, v := range finite(log.Metrics) {
		w, tag := tb.train, "epoch_"+name
		if rest, ok := strings.CutPrefix(name, "val_"); ok {
			w, tag = tb.val, "epoch_"+rest
		}
		if err := w.Scalar(tag, step, wall, v); err != nil {
			return err
		}
	}
	if err := tb.train.Scalar("epoch_learning_rate", step, wall, tb.learningRate); err != nil {
		return err
	}
	for _, h := range hists {
		name := fmt.Sprint("layer_", h.Layer)
		if h.Layer < len(tb.layers) {
			name = tb.layers[h.Layer]
		}
		if err := tb.train.Histogram(name+"/"+h.Param, step, wall, tfevents.HistogramFromBins(h.Edges, h.Counts, h.Mean, h.Std)); err != nil {
			return err
		}
	}
	for _, w := range []*tfevents.Writer{tb.train, tb.val, tb.root} {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// finish ends the HParams session as a success and closes the files.
func (tb *tensorBoard) finish(end time.Time) error {
	if err := tb.root.EndHParams(tfevents.StatusSuccess, end); err != nil {
		return err
	}
	return tb.close()
}

// close closes every file (a session not ended counts as a success: call
// finish for finished runs; a failed run's files are removed with its
// staging directory).
func (tb *tensorBoard) close() error {
	var first error
	for _, w := range []*tfevents.Writer{tb.train, tb.val, tb.root} {
		if w != nil {
			if err := w.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

// isEventsName reports whether a run directory entry belongs to its
// TensorBoard events (the train and validation folders, the root's file).
func isEventsName(name string) bool {
	return name == "train" || name == "validation" || strings.HasPrefix(name, "events.out.tfevents.")
}
