package explain

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// Methods of the gradient attributions, as Explanation.Method.
const (
	MethodSaliency            = "saliency"
	MethodInputTimesGradient  = "input-x-gradient"
	MethodIntegratedGradients = "integrated-gradients"
)

// QuadratureRule integrates the gradient along Integrated Gradients' path.
type QuadratureRule string

// Quadrature rules for IntegratedGradients.
const (
	// GaussLegendre uses Steps Gauss–Legendre nodes on [0, 1]; it is exact
	// when the path gradient is a polynomial of degree ≤ 2·Steps−1 (a
	// polynomial model of degree ≤ 2·Steps).
	GaussLegendre QuadratureRule = "gauss-legendre"
	// Trapezoid uses Steps+1 equally spaced points, ends included.
	Trapezoid QuadratureRule = "trapezoid"
)

// GradientOptions configures Saliency, InputTimesGradient and
// IntegratedGradients. The zero value works: all-zeros baseline, 50
// Gauss–Legendre steps.
type GradientOptions struct {
	// FeatureNames and OutputNames label the Explanation (default x0…, y0…).
	FeatureNames []string
	OutputNames  []string
	// Baseline is Integrated Gradients' reference input x′. When nil, the
	// mean of Background is used, and when that is nil too, the zero row.
	Baseline   []float64
	Background [][]float64
	// Steps is the number of quadrature nodes (Gauss–Legendre) or intervals
	// (trapezoid); 0 means 50.
	Steps int
	// Rule is the quadrature; "" means GaussLegendre.
	Rule QuadratureRule
	// BatchSize caps the rows of one Gradient call; 0 means DefaultBatchSize.
	BatchSize int
}

// gradientSetup is what the three attributions share: validated inputs,
// the model's outputs at X and the Explanation skeleton.
type gradientSetup struct {
	m     GradientModel
	o     GradientOptions
	X     [][]float64
	fx    [][]float64
	batch int
	ex    *Explanation
}

func newGradientSetup(m GradientModel, X [][]float64, o GradientOptions, method string) (*gradientSetup, error) {
	if m == nil {
		return nil, errors.New("explain: gradient model is nil")
	}
	cols, err := checkInput(X)
	if err != nil {
		return nil, err
	}
	if err := countOption("GradientOptions.Steps", &o.Steps, 50); err != nil {
		return nil, err
	}
	switch o.Rule {
	case "":
		o.Rule = GaussLegendre
	case GaussLegendre, Trapezoid:
	default:
		return nil, fmt.Errorf("explain: GradientOptions.Rule %q unknown; want %q or %q", o.Rule, GaussLegendre, Trapezoid)
	}
	if err := countOption("GradientOptions.BatchSize", &o.BatchSize, DefaultBatchSize); err != nil {
		return nil, err
	}
	names, err := featureNames(m, o.FeatureNames, cols, "GradientOptions.FeatureNames")
	if err != nil {
		return nil, err
	}
	fx, err := predict(m, X, 0)
	if err != nil {
		return nil, err
	}
	outNames, err := outputNames(m, o.OutputNames, len(fx[0]), "GradientOptions.OutputNames")
	if err != nil {
		return nil, err
	}
	categories, err := categoryLabels(m, nil, cols, "")
	if err != nil {
		return nil, err
	}
	ex := &Explanation{
		Values:       make([][][]float64, len(X)),
		BaseValues:   make([][]float64, len(X)),
		Method:       method,
		FeatureNames: append([]string(nil), names...),
		OutputNames:  append([]string(nil), outNames...),
		Data:         make([][]float64, len(X)),
		Link:         LinkIdentity,
		Evaluations:  int64(len(X)),
		Categories:   categories,
	}
	for r, x := range X {
		ex.Values[r] = matrix(cols, len(outNames))
		ex.Data[r] = append([]float64(nil), x...)
	}
	return &gradientSetup{m: m, o: o, X: X, fx: fx, batch: o.BatchSize, ex: ex}, nil
}

// checkInput checks that X has a row and a column, every row as wide as the
// first and every value finite, and returns the width.
func checkInput(X [][]float64) (int, error) {
	if len(X) == 0 || len(X[0]) == 0 {
		return 0, errors.New("explain: X is empty: at least one row with one column is needed")
	}
	return len(X[0]), checkMatrix("X", X, len(X[0]))
}

// gradient returns ∂f_output/∂x at every row of P, batched and checked:
// one finite row of len(P[0]) partial derivatives per input row. A panic in
// the model is returned as an error.
func (s *gradientSetup) gradient(P [][]float64, output int) ([][]float64, error) {
	out := make([][]float64, 0, len(P))
	for start := 0; start < len(P); start += s.batch {
		end := min(start+s.batch, len(P))
		g, err := safeGradient(s.m, P[start:end], output)
		if err != nil {
			return nil, err
		}
		if len(g) != end-start {
			return nil, fmt.Errorf("explain: Gradient returned %d rows for %d input rows (output %d)", len(g), end-start, output)
		}
		if err := checkMatrix(fmt.Sprintf("Gradient (output %d)", output), g, len(P[0])); err != nil {
			return nil, err
		}
		out = append(out, g...)
		s.ex.Evaluations += int64(end - start)
	}
	return out, nil
}

func safeGradient(m GradientModel, P [][]float64, output int) (g [][]float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("explain: Gradient panicked: %v", r)
		}
	}()
	g, err = m.Gradient(P, output)
	if err != nil {
		return nil, fmt.Errorf("explain: Gradient failed (output %d): %w", output, err)
	}
	return g, nil
}

// zeroBase sets every BaseValues row to f(0), the model at the all-zeros input.
func (s *gradientSetup) zeroBase() error {
	f0, err := predict(s.m, [][]float64{make([]float64, len(s.X[0]))}, len(s.fx[0]))
	if err != nil {
		return fmt.Errorf("%w (predicting the all-zeros row)", err)
	}
	s.ex.Evaluations++
	for r := range s.X {
		s.ex.BaseValues[r] = append([]float64(nil), f0[0]...)
	}
	return nil
}

// Saliency returns Values[r][j][o] = |∂f_o/∂x_j| at row r (Simonyan et al.,
// 2014): how sensitive output o is to feature j, whatever its sign or its
// value. The values are not additive; BaseValues hold f(0) for reference.
func Saliency(m GradientModel, X [][]float64, o GradientOptions) (*Explanation, error) {
	return localGradient(m, X, o, MethodSaliency, func(x, g float64) float64 { return math.Abs(g) })
}

// InputTimesGradient returns Values[r][j][o] = x_j · ∂f_o/∂x_j at row r, with
// BaseValues = f(0): the first-order Taylor attribution with respect to the
// all-zeros input. For a linear model f = w·x + b it is additive
// (Σ_j w_j x_j + f(0) = f(x)) and equals the exact Shapley values with the
// zero row as background.
func InputTimesGradient(m GradientModel, X [][]float64, o GradientOptions) (*Explanation, error) {
	return localGradient(m, X, o, MethodInputTimesGradient, func(x, g float64) float64 { return x * g })
}

func localGradient(m GradientModel, X [][]float64, o GradientOptions, method string, attr func(x, g float64) float64) (*Explanation, error) {
	s, err := newGradientSetup(m, X, o, method)
	if err != nil {
		return nil, err
	}
	for out := range s.ex.OutputNames {
		g, err := s.gradient(X, out)
		if err != nil {
			return nil, err
		}
		for r, x := range X {
			for j, v := range x {
				s.ex.Values[r][j][out] = attr(v, g[r][j])
			}
		}
	}
	if err := s.zeroBase(); err != nil {
		return nil, err
	}
	return s.ex, nil
}

// IntegratedGradients returns the Integrated Gradients of Sundararajan et
// al. (2017) with baseline x′ (GradientOptions.Baseline, else the mean of
// Background, else 0):
//
//	IG_j(x) = (x_j − x′_j) · ∫₀¹ ∂f/∂x_j(x′ + α(x − x′)) dα,
//
// the integral taken by the chosen quadrature. BaseValues = f(x′). IG is
// complete — Σ_j IG_j = f(x) − f(x′) — up to the quadrature error, which is
// returned as gap[r][o] = |Σ_j Values[r][j][o] + BaseValues[r][o] − f(x_r)_o|.
func IntegratedGradients(m GradientModel, X [][]float64, o GradientOptions) (ex *Explanation, gap [][]float64, err error) {
	s, err := newGradientSetup(m, X, o, MethodIntegratedGradients)
	if err != nil {
		return nil, nil, err
	}
	cols := len(X[0])
	base, err := igBaseline(s.o, cols)
	if err != nil {
		return nil, nil, err
	}
	fb, err := predict(m, [][]float64{base}, len(s.fx[0]))
	if err != nil {
		return nil, nil, fmt.Errorf("%w (predicting the baseline)", err)
	}
	s.ex.Evaluations++
	alpha, weight := quadratureNodes(s.o.Rule, s.o.Steps)
	// Path points of a chunk of rows, row-major: row r, node k.
	rowsPerChunk := max(1, s.batch/len(alpha))
	for start := 0; start < len(X); start += rowsPerChunk {
		end := min(start+rowsPerChunk, len(X))
		path := make([][]float64, 0, (end-start)*len(alpha))
		for _, x := range X[start:end] {
			for _, a := range alpha {
				p := make([]float64, cols)
				for j := range p {
					p[j] = base[j] + a*(x[j]-base[j])
				}
				path = append(path, p)
			}
		}
		for out := range s.ex.OutputNames {
			g, err := s.gradient(path, out)
			if err != nil {
				return nil, nil, err
			}
			for r := start; r < end; r++ {
				for k, w := range weight {
					gk := g[(r-start)*len(alpha)+k]
					for j := range cols {
						s.ex.Values[r][j][out] += w * gk[j]
					}
				}
				for j := range cols {
					s.ex.Values[r][j][out] *= X[r][j] - base[j]
				}
			}
		}
	}
	gap = make([][]float64, len(X))
	for r := range X {
		s.ex.BaseValues[r] = append([]float64(nil), fb[0]...)
		gap[r] = make([]float64, len(fb[0]))
		for out := range gap[r] {
			gap[r][out] = math.Abs(s.ex.Prediction(r, out) - s.fx[r][out])
		}
	}
	return s.ex, gap, nil
}

// igBaseline resolves the baseline: Baseline, else the mean of Background,
// else zeros.
func igBaseline(o GradientOptions, cols int) ([]float64, error) {
	switch {
	case o.Baseline != nil && o.Background != nil:
		return nil, errors.New("explain: set GradientOptions.Baseline or Background, not both")
	case o.Baseline != nil:
		if err := checkMatrix("Baseline", [][]float64{o.Baseline}, cols); err != nil {
			return nil, err
		}
		return o.Baseline, nil
	case o.Background != nil:
		if len(o.Background) == 0 {
			return nil, errors.New("explain: GradientOptions.Background is empty")
		}
		if err := checkMatrix("Background", o.Background, cols); err != nil {
			return nil, err
		}
		mean := make([]float64, cols)
		for _, b := range o.Background {
			for j, v := range b {
				mean[j] += v / float64(len(o.Background))
			}
		}
		return mean, nil
	}
	return make([]float64, cols), nil
}

// quadratureNodes returns nodes α_k in [0, 1] and weights w_k with
// ∫₀¹ g ≈ Σ w_k g(α_k): n Gauss–Legendre nodes, or the trapezoid rule on n
// equal intervals (n+1 nodes).
func quadratureNodes(rule QuadratureRule, n int) (alpha, weight []float64) {
	if rule == Trapezoid {
		alpha, weight = make([]float64, n+1), make([]float64, n+1)
		for k := range alpha {
			alpha[k] = float64(k) / float64(n)
			weight[k] = 1 / float64(n)
		}
		weight[0] /= 2
		weight[n] /= 2
		return alpha, weight
	}
	alpha, weight = make([]float64, n), make([]float64, n)
	quad.Legendre{}.FixedLocations(alpha, weight, 0, 1)
	return alpha, weight
}
