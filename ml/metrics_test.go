package ml_test

import (
	"math"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

func col(v ...float64) [][]float64 {
	out := make([][]float64, len(v))
	for i, x := range v {
		out[i] = []float64{x}
	}
	return out
}

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestEarlyStoppingAndDropout(t *testing.T) {
	X, y := blobs(400, 4, 3)
	m := ml.NewSequential(ml.Dense(16, ml.ReLU, 4), ml.Dropout(0.3), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go", LearningRate: 0.01}); err != nil {
		t.Fatal(err)
	}
	// An impossible improvement threshold stops after Patience epochs and
	// restores the first epoch's weights.
	h, err := m.Fit(X, y, ml.FitOptions{Epochs: 20, Seed: 1, Quiet: true,
		Validation: &ml.Dataset{X: X[:100], Y: y[:100]},
		Early:      &ml.EarlyStopping{Patience: 2, MinDelta: 10, RestoreBest: true}})
	if err != nil {
		t.Fatal(err)
	}
	if !h.StoppedEarly || len(h.Epochs) != 3 {
		t.Errorf("early stopping: stopped=%v after %d epochs, want after 3", h.StoppedEarly, len(h.Epochs))
	}
	if _, ok := h.Last().Metrics["val_auc"]; !ok {
		t.Errorf("epoch metrics lack val_auc: %v", h.Last().Metrics)
	}
	got, err := m.Evaluate(X[:100], y[:100])
	if err != nil {
		t.Fatal(err)
	}
	near(t, "restored val_loss", got["loss"], h.Epochs[0].Metrics["val_loss"])
	// Dropout is off at prediction time: repeated predictions agree.
	a, _ := m.Predict(X[:20])
	b, _ := m.Predict(X[:20])
	for i := range a {
		if a[i][0] != b[i][0] {
			t.Fatalf("row %d: %v then %v", i, a[i][0], b[i][0])
		}
	}
}

func TestSGDLearns(t *testing.T) {
	X, y := blobs(400, 4, 3)
	m := ml.NewSequential(ml.Dense(16, ml.ReLU, 4), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Optimizer: "sgd", LearningRate: 0.05, Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	h, err := m.Fit(X, y, ml.FitOptions{Epochs: 10, Seed: 1, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	for e := 1; e < len(h.Epochs); e++ {
		if h.Epochs[e].Metrics["loss"] >= h.Epochs[e-1].Metrics["loss"] {
			t.Errorf("SGD loss rose at epoch %d: %v → %v", e+1, h.Epochs[e-1].Metrics["loss"], h.Epochs[e].Metrics["loss"])
		}
	}
	if acc := h.Last().Metrics["accuracy"]; acc < 0.9 {
		t.Errorf("SGD accuracy %.3f after 10 epochs, want ≥ 0.9", acc)
	}
}
