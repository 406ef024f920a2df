package ml

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNativeInferenceMatchesGoMLX: on random networks of every layer kind
// and activation, the native path predicts what GoMLX's graph predicts
// (float32 rounding apart), and it follows the weights through training.
func TestNativeInferenceMatchesGoMLX(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	rows := func(n, d int) [][]float64 {
		X := make([][]float64, n)
		for i := range X {
			X[i] = make([]float64, d)
			for j := range X[i] {
				X[i][j] = 2 * rng.NormFloat64()
				if rng.IntN(5) == 0 {
					X[i][j] = 0
				}
			}
		}
		return X
	}
	for _, tc := range []struct {
		name   string
		layers []Layer
		loss   string
	}{
		{"binary", []Layer{Dense(16, ReLU, 7), Dense(1, Sigmoid)}, BinaryCrossEntropy},
		{"softmax", []Layer{Dense(8, Tanh, 7), Dropout(0.3), Dense(4, Softmax)}, CategoricalCrossEntropy},
		{"regression", []Layer{Dense(12, ReLU, 7), Dense(5, Linear), Dense(1, Linear), Rescaling(3.5, -2)}, MSE},
	} {
		m := NewSequential(tc.layers...)
		if err := m.Compile(CompileOptions{Backend: "go", Loss: tc.loss}); err != nil {
			t.Fatal(err)
		}
		if !m.pureGo {
			t.Fatalf("%s: the go backend did not select native inference", tc.name)
		}
		X := rows(700, 7) // several chunks and a partial one
		y := make([][]float64, len(X))
		for i := range y {
			switch tc.loss {
			case CategoricalCrossEntropy:
				y[i] = []float64{float64(i % 4)}
			case MSE:
				y[i] = []float64{X[i][0] - X[i][1]}
			default:
				y[i] = []float64{float64(i % 2)}
			}
		}
		for round := range 2 { // before and after more training: the snapshot follows the weights
			if _, err := m.Fit(X, y, FitOptions{Epochs: 1, Seed: int64(round), Quiet: true}); err != nil {
				t.Fatal(err)
			}
			native, err := m.Predict(X)
			if err != nil {
				t.Fatal(err)
			}
			graph, err := m.predictGraph(X)
			if err != nil {
				t.Fatal(err)
			}
			worst := 0.0
			for i := range native {
				for j := range native[i] {
					d := math.Abs(native[i][j]-graph[i][j]) / max(1, math.Abs(graph[i][j]))
					worst = max(worst, d)
				}
			}
			if worst > 1e-5 {
				t.Errorf("%s, round %d: native and GoMLX differ by %.3g (relative)", tc.name, round, worst)
			}
		}
	}
}

// BenchmarkNativePredict: the reference 30 → 64 → 1 network on 10,000 rows
// (bench/predict compares it with scikit-learn).
func BenchmarkNativePredict(b *testing.B) {
	m := NewSequential(Dense(64, ReLU, 30), Dense(1, Sigmoid))
	if err := m.Compile(CompileOptions{Backend: "go", Loss: BinaryCrossEntropy}); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	X := make([][]float64, 10_000)
	y := make([][]float64, len(X))
	for i := range X {
		X[i] = make([]float64, 30)
		for j := range X[i] {
			X[i][j] = rng.NormFloat64()
		}
		y[i] = []float64{float64(i % 2)}
	}
	if _, err := m.Fit(X[:100], y[:100], FitOptions{Epochs: 1, Quiet: true}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Predict(X); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(X))/b.Elapsed().Seconds(), "rows/s")
}
