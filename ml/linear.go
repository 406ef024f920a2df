package ml

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// LinearRegression is ordinary least squares with an intercept, solved in
// closed form: [B W] = argmin Σ_i ‖y_i − (W x_i + B)‖², the minimum-norm
// solution through the SVD of [1 X] (singular values below 1e-12 of the
// largest are dropped), so collinear features such as a full one-hot group
// are handled. It implements explain.LinearModel with the identity link.
type LinearRegression struct {
	W [][]float64 // outputs × features
	B []float64   // outputs
}

// FitLinearRegression fits y (rows × outputs) on X (rows × features).
func FitLinearRegression(X, y [][]float64) (*LinearRegression, error) {
	if len(X) == 0 {
		return nil, errors.New("ml: FitLinearRegression: X has no rows")
	}
	d := len(X[0])
	if err := checkRows("X", X, d); err != nil {
		return nil, err
	}
	if len(y) != len(X) || len(y[0]) == 0 {
		return nil, fmt.Errorf("ml: FitLinearRegression: y has %d rows, X has %d", len(y), len(X))
	}
	k := len(y[0])
	if err := checkRows("y", y, k); err != nil {
		return nil, err
	}
	A := designMatrix(X)
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		return nil, errors.New("ml: FitLinearRegression: SVD did not converge")
	}
	Y := mat.NewDense(len(y), k, nil)
	for i, row := range y {
		Y.SetRow(i, row)
	}
	var coef mat.Dense
	svd.SolveTo(&coef, Y, svd.Rank(1e-12))
	m := &LinearRegression{W: make([][]float64, k), B: make([]float64, k)}
	for o := 0; o < k; o++ {
		m.B[o] = coef.At(0, o)
		m.W[o] = make([]float64, d)
		for j := 0; j < d; j++ {
			m.W[o][j] = coef.At(j+1, o)
		}
	}
	return m, nil
}

// designMatrix is [1 X].
func designMatrix(X [][]float64) *mat.Dense {
	d := len(X[0])
	A := mat.NewDense(len(X), d+1, nil)
	for i, row := range X {
		A.Set(i, 0, 1)
		for j, v := range row {
			A.Set(i, j+1, v)
		}
	}
	return A
}

// LinearPredictor returns W and B: η_o(x) = Σ_j W[o][j]·x_j + B[o].
func (m *LinearRegression) LinearPredictor() ([][]float64, []float64) { return m.W, m.B }

// Predict returns η(x) for each row.
func (m *LinearRegression) Predict(X [][]float64) ([][]float64, error) {
	return linearOutputs(m.W, m.B, X, func(eta float64) float64 { return eta })
}

// Gradient returns W[output] for every row: ∂η_o/∂x_j = W[o][j].
func (m *LinearRegression) Gradient(X [][]float64, output int) ([][]float64, error) {
	return linearGradient(m.W, m.B, X, output, func(float64) float64 { return 1 })
}

// LogisticRegression is binary logistic regression P(y=1|x) = σ(w·x + b)
// fitted by iteratively reweighted least squares (Newton's method) on the
// penalised log-likelihood Σ_i log-loss_i + ‖w‖²/(2C) (the intercept is not
// penalised), as scikit-learn's LogisticRegression(C) minimises. It
// implements explain.LinearModel with the logistic link.
type LogisticRegression struct {
	W [][]float64 // 1 × features
	B []float64   // 1
	// Iterations is the number of Newton steps taken.
	Iterations int
}

// FitLogisticRegression fits labels y (rows × 1, 0 or 1) on X with inverse
// regularisation strength C (0 means 1, scikit-learn's default).
func FitLogisticRegression(X, y [][]float64, C float64) (*LogisticRegression, error) {
	if len(X) == 0 {
		return nil, errors.New("ml: FitLogisticRegression: X has no rows")
	}
	if C == 0 {
		C = 1
	}
	if !(C > 0) || math.IsInf(C, 0) {
		return nil, fmt.Errorf("ml: FitLogisticRegression: C must be positive and finite, got %v", C)
	}
	d := len(X[0])
	if err := checkRows("X", X, d); err != nil {
		return nil, err
	}
	Y, err := labelsFor(TaskBinary, y, len(X), 1)
	if err != nil {
		return nil, err
	}
	A := designMatrix(X)
	n, p := len(X), d+1
	beta := mat.NewVecDense(p, nil)
	eta := mat.NewVecDense(n, nil)
	m := &LogisticRegression{}
	for m.Iterations = 1; m.Iterations <= 100; m.Iterations++ {
		eta.MulVec(A, beta)
		grad := mat.NewVecDense(p, nil)
		H := mat.NewSymDense(p, nil)
		for i := 0; i < n; i++ {
			pi := sigmoid(eta.AtVec(i))
			w := max(pi*(1-pi), 1e-12)
			r := pi - Y[i][0]
			for a := 0; a < p; a++ {
				xa := A.At(i, a)
				grad.SetVec(a, grad.AtVec(a)+r*xa)
				for b := a; b < p; b++ {
					H.SetSym(a, b, H.At(a, b)+w*xa*A.At(i, b))
				}
			}
		}
		for a := 1; a < p; a++ {
			grad.SetVec(a, grad.AtVec(a)+beta.AtVec(a)/C)
			H.SetSym(a, a, H.At(a, a)+1/C)
		}
		var chol mat.Cholesky
		var step mat.VecDense
		if chol.Factorize(H) {
			if err := chol.SolveVecTo(&step, grad); err != nil {
				return nil, fmt.Errorf("ml: FitLogisticRegression: %w", err)
			}
		} else if err := step.SolveVec(H, grad); err != nil {
			return nil, fmt.Errorf("ml: FitLogisticRegression: singular Hessian: %w", err)
		}
		beta.SubVec(beta, &step)
		if mat.Norm(&step, math.Inf(1)) < 1e-10 {
			break
		}
	}
	m.B = []float64{beta.AtVec(0)}
	m.W = [][]float64{make([]float64, d)}
	for j := 0; j < d; j++ {
		m.W[0][j] = beta.AtVec(j + 1)
	}
	return m, nil
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// LinearPredictor returns W and B: the log-odds are η(x) = W[0]·x + B[0].
func (m *LogisticRegression) LinearPredictor() ([][]float64, []float64) { return m.W, m.B }

// Predict returns σ(η(x)) = P(y=1|x) for each row.
func (m *LogisticRegression) Predict(X [][]float64) ([][]float64, error) {
	return linearOutputs(m.W, m.B, X, sigmoid)
}

// Gradient returns ∂P/∂x_j = p(1−p)·W[0][j] for each row.
func (m *LogisticRegression) Gradient(X [][]float64, output int) ([][]float64, error) {
	return linearGradient(m.W, m.B, X, output, func(eta float64) float64 { p := sigmoid(eta); return p * (1 - p) })
}

// linearOutputs computes link(W x + B) row by row.
func linearOutputs(W [][]float64, B []float64, X [][]float64, link func(float64) float64) ([][]float64, error) {
	if err := checkRows("X", X, len(W[0])); err != nil {
		return nil, err
	}
	out := make([][]float64, len(X))
	for i, x := range X {
		out[i] = make([]float64, len(W))
		for o := range W {
			out[i][o] = link(dot(W[o], x) + B[o])
		}
	}
	return out, nil
}

// linearGradient computes dlink(η_o(x))·W[o] row by row.
func linearGradient(W [][]float64, B []float64, X [][]float64, output int, dlink func(float64) float64) ([][]float64, error) {
	if output < 0 || output >= len(W) {
		return nil, fmt.Errorf("ml: Gradient: output %d out of range, the model has %d output(s)", output, len(W))
	}
	if err := checkRows("X", X, len(W[0])); err != nil {
		return nil, err
	}
	out := make([][]float64, len(X))
	for i, x := range X {
		s := dlink(dot(W[output], x) + B[output])
		out[i] = make([]float64, len(x))
		for j := range x {
			out[i][j] = s * W[output][j]
		}
	}
	return out, nil
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
