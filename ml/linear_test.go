package ml_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

func TestLinearRegressionRecoversCoefficients(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var X, y [][]float64
	for i := 0; i < 200; i++ {
		x := []float64{rng.NormFloat64(), rng.NormFloat64(), 0}
		x[2] = 1 - x[0]*0 // constant column: collinear with the intercept
		X = append(X, x)
		y = append(y, []float64{2*x[0] - 3*x[1] + 0.5, -x[0]})
	}
	m, err := ml.FitLinearRegression(X, y)
	if err != nil {
		t.Fatal(err)
	}
	W, B := m.LinearPredictor()
	// Minimum-norm split of the constant between B and W[.][2]: B + W₂ = 0.5 and B = W₂.
	for _, c := range []struct{ got, want float64 }{
		{W[0][0], 2}, {W[0][1], -3}, {B[0] + W[0][2], 0.5}, {B[0] - W[0][2], 0},
		{W[1][0], -1}, {W[1][1], 0}, {B[1] + W[1][2], 0},
	} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("coefficient %v, want %v", c.got, c.want)
		}
	}
	p, _ := m.Predict(X[:1])
	if math.Abs(p[0][0]-y[0][0]) > 1e-9 {
		t.Errorf("prediction %v, want %v", p[0][0], y[0][0])
	}
}

// TestLogisticRegressionStationary checks the optimality condition of the
// penalised likelihood: Σ(p_i − y_i)·x_ij + w_j/C = 0 and Σ(p_i − y_i) = 0.
func TestLogisticRegressionStationary(t *testing.T) {
	X, y := blobs(300, 3, 11)
	for i := range y { // add label noise so the optimum is interior
		if i%7 == 0 {
			y[i][0] = 1 - y[i][0]
		}
	}
	const C = 0.5
	m, err := ml.FitLogisticRegression(X, y, C)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := m.Predict(X)
	W, _ := m.LinearPredictor()
	g := make([]float64, 4)
	for i := range X {
		r := p[i][0] - y[i][0]
		g[0] += r
		for j := 0; j < 3; j++ {
			g[j+1] += r * X[i][j]
		}
	}
	for j := 0; j < 3; j++ {
		g[j+1] += W[0][j] / C
	}
	for j, v := range g {
		if math.Abs(v) > 1e-8 {
			t.Errorf("gradient component %d = %v, want 0", j, v)
		}
	}
	grad, err := m.Gradient(X[:1], 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := p[0][0] * (1 - p[0][0]) * W[0][1]; math.Abs(grad[0][1]-want) > 1e-12 {
		t.Errorf("gradient %v, want %v", grad[0][1], want)
	}
	if _, err := ml.FitLogisticRegression(X, [][]float64{{2}}, 1); err == nil {
		t.Error("mismatched y accepted")
	}
}
