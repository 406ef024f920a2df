package ml_test

import (
	"math"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
)

// The models satisfy the explain contracts without ml importing explain.
var (
	_ explain.GradientModel = (*ml.Sequential)(nil)
	_ explain.Affine        = (*ml.Sequential)(nil)
	_ explain.Affine        = (*ml.RawModel)(nil)
	_ explain.LinearModel   = (*ml.LinearRegression)(nil)
	_ explain.LinearModel   = (*ml.LogisticRegression)(nil)
)

// TestGradientMatchesClosedForm checks autodiff against the chain rule for
// Dense(h, relu) → Dense(1, sigmoid): ∂p/∂x = p(1−p) · W1 (relu'(z1) ⊙ w2),
// computed in float64 from the trained weights.
func TestGradientMatchesClosedForm(t *testing.T) {
	X, y := blobs(200, 4, 5)
	m := ml.NewSequential(ml.Dense(8, ml.ReLU, 4), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 3, Seed: 1, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	got, err := m.Gradient(X[:50], 0)
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := m.Weights()
	w1, b1, w2, b2 := ws[0].Kernel, ws[0].Bias, ws[1].Kernel, ws[1].Bias
	for r, x := range X[:50] {
		h := make([]float64, 8)
		active := make([]float64, 8)
		z2 := float64(b2[0])
		for u := 0; u < 8; u++ {
			z := float64(b1[u])
			for j := 0; j < 4; j++ {
				z += float64(float32(x[j])) * float64(w1[j*8+u])
			}
			if z > 0 {
				h[u], active[u] = z, 1
			}
			z2 += h[u] * float64(w2[u])
		}
		p := 1 / (1 + math.Exp(-z2))
		for j := 0; j < 4; j++ {
			var s float64
			for u := 0; u < 8; u++ {
				s += float64(w1[j*8+u]) * active[u] * float64(w2[u])
			}
			if want := p * (1 - p) * s; math.Abs(got[r][j]-want) > 1e-5 {
				t.Fatalf("row %d feature %d: gradient %v, chain rule %v", r, j, got[r][j], want)
			}
		}
	}
}

// TestGradientMultiOutputFiniteDifferences checks each softmax output's
// gradient against central differences of Predict.
func TestGradientMultiOutputFiniteDifferences(t *testing.T) {
	X, y := blobs(300, 3, 6)
	for i := range y { // three classes from two thresholds
		switch {
		case X[i][0] > 0.5:
			y[i][0] = 2
		case X[i][1] > 0:
			y[i][0] = 1
		default:
			y[i][0] = 0
		}
	}
	m := ml.NewSequential(ml.Dense(16, ml.Tanh, 3), ml.Dense(3, ml.Softmax))
	if err := m.Compile(ml.CompileOptions{Backend: "go", LearningRate: 0.01}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 5, Seed: 2, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	const h = 1e-2
	for out := 0; out < 3; out++ {
		g, err := m.Gradient(X[:20], out)
		if err != nil {
			t.Fatal(err)
		}
		for r := 0; r < 20; r++ {
			for j := 0; j < 3; j++ {
				plus := append([]float64(nil), X[r]...)
				minus := append([]float64(nil), X[r]...)
				plus[j] += h
				minus[j] -= h
				p, _ := m.Predict([][]float64{plus, minus})
				fd := (p[0][out] - p[1][out]) / (2 * h)
				if math.Abs(fd-g[r][j]) > 2e-3 {
					t.Errorf("output %d row %d feature %d: gradient %v, finite difference %v", out, r, j, g[r][j], fd)
				}
			}
		}
	}
	if _, err := m.Gradient(X[:1], 3); err == nil {
		t.Error("Gradient with output 3 of 3 did not fail")
	}
}

// TestPredictLargeBatchesMatchSmall sends more rows than the largest bucket
// and checks they equal row-by-row predictions.
func TestPredictLargeBatchesMatchSmall(t *testing.T) {
	X, y := blobs(5000, 3, 7)
	m := reference(t, 3)
	if _, err := m.Fit(X[:500], y[:500], ml.FitOptions{Epochs: 1, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	all, err := m.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 4095, 4096, 4999} {
		one, err := m.Predict(X[i : i+1])
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(one[0][0]-all[i][0]) > 1e-6 {
			t.Errorf("row %d: %v alone, %v in a batch of 5000", i, one[0][0], all[i][0])
		}
	}
}
