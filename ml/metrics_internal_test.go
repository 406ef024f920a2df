package ml

import (
	"math"
	"testing"
)

// TestScoreTask checks the translation of labels and the handling of
// undefined metrics; internal/metrics tests the formulas themselves.
func TestScoreTask(t *testing.T) {
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	p := [][]float64{{0.1}, {0.4}, {0.35}, {0.8}}
	m, err := scoreTask(TaskBinary, p, [][]float64{{0}, {0}, {1}, {1}})
	if err != nil {
		t.Fatal(err)
	}
	near("binary auc", m["auc"], 0.75)
	near("binary recall", m["recall"], 0.5)
	// One-hot labels become class indices.
	pm := [][]float64{{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.2, 0.6}}
	m, err = scoreTask(TaskMulticlass, pm, [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}})
	if err != nil {
		t.Fatal(err)
	}
	near("multiclass accuracy", m["accuracy"], 0.75)
	near("multiclass precision", m["precision"], (1+0.5+1)/3)
	// Undefined metrics are NaN (null in metrics.json), not errors.
	m, err = scoreTask(TaskBinary, [][]float64{{0.2}, {0.7}}, [][]float64{{1}, {1}})
	if err != nil || !math.IsNaN(m["auc"]) {
		t.Errorf("AUC with one class: %v (%v), want NaN", m["auc"], err)
	}
	m, err = scoreTask(TaskRegression, [][]float64{{1}, {3}}, [][]float64{{2}, {2}})
	if err != nil || !math.IsNaN(m["r2"]) || m["rmse"] != 1 {
		t.Errorf("regression on constant targets: %v (%v), want r2 NaN and rmse 1", m, err)
	}
	// Wrong input is an error.
	if _, err := scoreTask(TaskBinary, p[:3], [][]float64{{0}, {0}, {1}, {1}}); err == nil {
		t.Error("3 predictions for 4 labels: no error")
	}
}
