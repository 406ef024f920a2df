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

func TestBinaryMetricsByHand(t *testing.T) {
	// scikit-learn's roc_auc_score example: AUC 0.75.
	p := col(0.1, 0.4, 0.35, 0.8)
	y := col(0, 0, 1, 1)
	m := ml.Evaluate(ml.TaskBinary, p, y)
	near(t, "auc", m["auc"], 0.75)
	// Threshold 0.5: predictions 0,0,0,1 → TP 1, FP 0, FN 1, TN 2.
	near(t, "accuracy", m["accuracy"], 0.75)
	near(t, "precision", m["precision"], 1)
	near(t, "recall", m["recall"], 0.5)
	near(t, "f1", m["f1"], 2*0.5/1.5)
	near(t, "log_loss", m["log_loss"], -(math.Log(0.9)+math.Log(0.6)+math.Log(0.35)+math.Log(0.8))/4)
	// Ties count one half.
	near(t, "auc ties", ml.Evaluate(ml.TaskBinary, col(0.5, 0.5), col(0, 1))["auc"], 0.5)
	if !math.IsNaN(ml.Evaluate(ml.TaskBinary, col(0.2, 0.7), col(1, 1))["auc"]) {
		t.Error("AUC with one class is not NaN")
	}
}

func TestMulticlassAndRegressionMetricsByHand(t *testing.T) {
	p := [][]float64{{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.2, 0.6}}
	y := [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}}
	m := ml.Evaluate(ml.TaskMulticlass, p, y)
	near(t, "accuracy", m["accuracy"], 0.75)
	// Per class (precision, recall): 0 → (1, 1); 1 → (1/2, 1); 2 → (1, 1/2).
	near(t, "precision", m["precision"], (1+0.5+1)/3)
	near(t, "recall", m["recall"], (1+1+0.5)/3)
	near(t, "f1", m["f1"], (1+2.0/3+2.0/3)/3)
	near(t, "log_loss", m["log_loss"], -(math.Log(0.7)+math.Log(0.8)+math.Log(0.3)+math.Log(0.6))/4)
	r := ml.Evaluate(ml.TaskRegression, col(1, 2, 4), col(1, 3, 3))
	near(t, "rmse", r["rmse"], math.Sqrt(2.0/3))
	near(t, "mae", r["mae"], 2.0/3)
	// ȳ = 7/3, SST = 16/9+4/9+4/9 = 24/9, SSE = 2 → R² = 1 − 18/24.
	near(t, "r2", r["r2"], 1-18.0/24)
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
