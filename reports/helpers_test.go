package reports

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

// blobs is a small binary problem: the label is the sign of a linear score.
func blobs(n, d int, seed uint64) (X, y [][]float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for range n {
		row := make([]float64, d)
		var s float64
		for j := range row {
			row[j] = rng.NormFloat64()
			s += row[j] * float64(j%3-1+j%2)
		}
		label := 0.0
		if s+0.5*rng.NormFloat64() > 0 {
			label = 1
		}
		X, y = append(X, row), append(y, []float64{label})
	}
	return X, y
}

// fitRun trains a small network on blobs into dir (if not empty) and
// returns its history.
func fitRun(t *testing.T, dir string, units, epochs int, seed int64, progress ml.Observer) *ml.History {
	t.Helper()
	X, y := blobs(240, 4, uint64(seed))
	m := ml.NewSequential(ml.Dense(units, ml.ReLU, 4), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	opts := ml.FitOptions{Epochs: epochs, BatchSize: 16, Seed: seed, Quiet: progress == nil, Progress: progress, RunDir: dir,
		Validation: &ml.Dataset{X: X[:60], Y: y[:60]}}
	h, err := m.Fit(X[60:], y[60:], opts)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// writeSample writes an SVG or HTML sample into $GLASSBOX_SAMPLES, for
// looking at in a browser; without the variable it does nothing.
func writeSample(t *testing.T, name, content string) {
	dir := os.Getenv("GLASSBOX_SAMPLES")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
