// Command writeexample writes a fake training run in the layout GlassBox
// uses (Keras' TensorBoard callback layout) into the directory named by its
// argument, for the tests that read it back with Go and with TensorBoard
// itself (tests/e2e/test_tensorboard_format.py):
//
//	DIR/events.out.tfevents.*             HParams: experiment, session start, session end
//	DIR/train/events.out.tfevents.*       epoch_loss, epoch_accuracy, epoch_auc (steps 0..2),
//	                                      batch_loss (steps 0..11), histograms dense_{0,1}/{kernel,bias}
//	                                      (steps 0..2), text model_summary (step 0)
//	DIR/validation/events.out.tfevents.*  epoch_loss, epoch_accuracy, epoch_auc (steps 0..2)
//
// Every value is a simple function of the epoch or step; the tests recompute
// them. Run it with: go run -tags=noxla ./internal/tfevents/testdata/writeexample DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/glassbox-ml/glassbox/internal/tfevents"
)

const (
	epochs        = 3
	stepsPerEpoch = 4
)

// start is the run's start: 2026-01-02T03:04:05Z; epoch e ends at start+e+1 s.
var start = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: writeexample DIR")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "writeexample:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	session, err := tfevents.Create(dir, start)
	if err != nil {
		return err
	}
	err = session.HParams(tfevents.HParamsSession{
		HParams: map[string]any{
			"epochs":        epochs,
			"batch_size":    32,
			"learning_rate": 0.01,
			"optimizer":     "adam",
			"hidden_units":  64,
			"seed":          42,
			"task":          "binary_classification",
			"standardize":   true,
		},
		Metrics: []string{"epoch_loss", "epoch_accuracy"},
		Groups:  []string{"train", "validation"},
		Start:   start,
	})
	if err != nil {
		return err
	}
	train, err := tfevents.Create(filepath.Join(dir, "train"), start)
	if err != nil {
		return err
	}
	val, err := tfevents.Create(filepath.Join(dir, "validation"), start)
	if err != nil {
		return err
	}
	if err := train.Text("model_summary", 0, start, "| layer | units |\n|---|---|\n| dense_0 | 64 |\n| dense_1 | 1 |"); err != nil {
		return err
	}
	for e := range int64(epochs) {
		wall := start.Add(time.Duration(e+1) * time.Second)
		for s := e * stepsPerEpoch; s < (e+1)*stepsPerEpoch; s++ {
			if err := train.Scalar("batch_loss", s, wall, 1/float64(s+1)); err != nil {
				return err
			}
		}
		f := float64(e)
		for _, m := range []struct {
			w   *tfevents.Writer
			tag string
			v   float64
		}{
			{train, "epoch_loss", 1 / (f + 1)},
			{train, "epoch_accuracy", 0.5 + 0.1*f},
			{train, "epoch_auc", 0.6 + 0.1*f},
			{val, "epoch_loss", 1.2 / (f + 1)},
			{val, "epoch_accuracy", 0.45 + 0.1*f},
			{val, "epoch_auc", 0.55 + 0.1*f},
		} {
			if err := m.w.Scalar(m.tag, e, wall, m.v); err != nil {
				return err
			}
		}
		for i, layer := range []string{"dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias"} {
			// Bins over [-1-e, 1+e] in 4 equal widths; counts grow with i and e.
			lo := -1 - f
			edges := []float64{lo, lo / 2, 0, -lo / 2, -lo}
			counts := []int{1 + i, 2 + int(e), 3 + i, 4}
			if err := train.Histogram(layer, e, wall, tfevents.HistogramFromBins(edges, counts, 0.1*f, 0.5+f)); err != nil {
				return err
			}
		}
	}
	end := start.Add(epochs*time.Second + time.Second)
	if err := session.EndHParams(tfevents.StatusSuccess, end); err != nil {
		return err
	}
	for _, w := range []*tfevents.Writer{session, train, val} {
		if err := w.Close(); err != nil {
			return err
		}
	}
	return nil
}
