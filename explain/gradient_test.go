package explain

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// polyModel has two outputs with known gradients:
//
//	f0 = x0² + 3·x0·x1,  ∇f0 = (2x0 + 3x1, 3x0)
//	f1 = x0⁵ − x1,       ∇f1 = (5x0⁴, −1)
type polyModel struct {
	gradient func(X [][]float64, output int) ([][]float64, error)
}

func (polyModel) Predict(X [][]float64) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i, x := range X {
		out[i] = []float64{x[0]*x[0] + 3*x[0]*x[1], math.Pow(x[0], 5) - x[1]}
	}
	return out, nil
}

func (p polyModel) Gradient(X [][]float64, output int) ([][]float64, error) {
	if p.gradient != nil {
		return p.gradient(X, output)
	}
	out := make([][]float64, len(X))
	for i, x := range X {
		if output == 0 {
			out[i] = []float64{2*x[0] + 3*x[1], 3 * x[0]}
		} else {
			out[i] = []float64{5 * math.Pow(x[0], 4), -1}
		}
	}
	return out, nil
}

var gradRows = [][]float64{{1, 2}, {-0.5, 3}, {2, -1}, {0.3, 0.7}}

func TestIntegratedGradientsClosedForm(t *testing.T) {
	ex, gap, err := IntegratedGradients(polyModel{}, gradRows, GradientOptions{Steps: 3, BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Method != MethodIntegratedGradients || ex.Evaluations != int64(len(gradRows))+1+2*int64(len(gradRows))*3 {
		t.Errorf("method %q, evaluations %d", ex.Method, ex.Evaluations)
	}
	for r, x := range gradRows {
		// From the zero baseline: IG(f0) = (x0² + 1.5·x0·x1, 1.5·x0·x1),
		// IG(f1) = (x0⁵, −x1); f(0) = (0, 0).
		want := [][]float64{{x[0]*x[0] + 1.5*x[0]*x[1], math.Pow(x[0], 5)}, {1.5 * x[0] * x[1], -x[1]}}
		for j := range want {
			for o := range want[j] {
				if math.Abs(ex.Values[r][j][o]-want[j][o]) > 1e-12 {
					t.Errorf("row %d feature %d output %d: %v, want %v", r, j, o, ex.Values[r][j][o], want[j][o])
				}
			}
		}
		for o, g := range gap[r] {
			if g > 1e-9 {
				t.Errorf("row %d output %d: completeness gap %v with 3 Gauss–Legendre nodes on degree ≤ 5", r, o, g)
			}
			if ex.BaseValues[r][o] != 0 {
				t.Errorf("base value %v, want f(0) = 0", ex.BaseValues[r][o])
			}
		}
	}
}

func TestIntegratedGradientsTrapezoidConverges(t *testing.T) {
	X := [][]float64{{2, 1}}
	gapAt := func(steps int) float64 {
		_, gap, err := IntegratedGradients(polyModel{}, X, GradientOptions{Rule: Trapezoid, Steps: steps})
		if err != nil {
			t.Fatal(err)
		}
		if gap[0][0] > 1e-9 {
			t.Errorf("trapezoid is exact on a linear path gradient, gap %v", gap[0][0])
		}
		return gap[0][1]
	}
	g10, g100 := gapAt(10), gapAt(100)
	// The trapezoid error is O(1/n²): 10× the steps, ~100× less error.
	if g10 < 1e-3 || g100 > g10/50 {
		t.Errorf("trapezoid gaps %v (10 steps), %v (100 steps): want O(1/n²) decay", g10, g100)
	}
}

func TestIntegratedGradientsBaselines(t *testing.T) {
	bg := [][]float64{{0, 1}, {2, 3}} // mean (1, 2)
	a, _, err := IntegratedGradients(polyModel{}, gradRows, GradientOptions{Background: bg, Steps: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, gap, err := IntegratedGradients(polyModel{}, gradRows, GradientOptions{Baseline: []float64{1, 2}, Steps: 4})
	if err != nil {
		t.Fatal(err)
	}
	for r := range gradRows {
		if b.BaseValues[r][0] != 7 || b.BaseValues[r][1] != -1 {
			t.Errorf("base values %v, want f(1,2) = (7, −1)", b.BaseValues[r])
		}
		for j := range 2 {
			for o := range 2 {
				if a.Values[r][j][o] != b.Values[r][j][o] {
					t.Errorf("background mean and explicit baseline differ at row %d", r)
				}
			}
		}
		if gap[r][0] > 1e-9 || gap[r][1] > 1e-9 {
			t.Errorf("row %d gap %v", r, gap[r])
		}
	}
}

func TestSaliencyAndInputTimesGradient(t *testing.T) {
	s, err := Saliency(polyModel{}, gradRows, GradientOptions{FeatureNames: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	ig, err := InputTimesGradient(polyModel{}, gradRows, GradientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for r, x := range gradRows {
		g0 := []float64{2*x[0] + 3*x[1], 3 * x[0]}
		for j := range 2 {
			if s.Values[r][j][0] != math.Abs(g0[j]) || ig.Values[r][j][0] != x[j]*g0[j] {
				t.Errorf("row %d feature %d: saliency %v, input×gradient %v; gradient %v", r, j, s.Values[r][j][0], ig.Values[r][j][0], g0[j])
			}
		}
	}
	if s.FeatureNames[1] != "b" || s.Method != MethodSaliency || ig.Method != MethodInputTimesGradient {
		t.Errorf("names %v, methods %q %q", s.FeatureNames, s.Method, ig.Method)
	}
}

// affineModel is f_o(x) = W[o]·x + B[o] with its gradient.
type affineModel struct {
	W [][]float64
	B []float64
}

func (a affineModel) Predict(X [][]float64) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i, x := range X {
		out[i] = make([]float64, len(a.W))
		for o, w := range a.W {
			out[i][o] = a.B[o]
			for j, v := range x {
				out[i][o] += w[j] * v
			}
		}
	}
	return out, nil
}

func (a affineModel) Gradient(X [][]float64, output int) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i := range X {
		out[i] = append([]float64(nil), a.W[output]...)
	}
	return out, nil
}

func TestInputTimesGradientIsShapleyForLinear(t *testing.T) {
	m := affineModel{W: [][]float64{{1, -2, 0.5}, {3, 0, -1}}, B: []float64{0.5, -2}}
	X := [][]float64{{1, 2, 3}, {-1, 0.5, 4}}
	ig, err := InputTimesGradient(m, X, GradientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	exact, err := NewExact(m, [][]float64{{0, 0, 0}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := exact.Explain(X)
	if err != nil {
		t.Fatal(err)
	}
	for r := range X {
		for o := range 2 {
			if math.Abs(ig.BaseValues[r][o]-sh.BaseValues[r][o]) > 1e-12 {
				t.Errorf("row %d output %d base %v vs Shapley %v", r, o, ig.BaseValues[r][o], sh.BaseValues[r][o])
			}
			for j := range 3 {
				if math.Abs(ig.Values[r][j][o]-sh.Values[r][j][o]) > 1e-12 {
					t.Errorf("row %d feature %d output %d: %v vs Shapley %v", r, j, o, ig.Values[r][j][o], sh.Values[r][j][o])
				}
			}
		}
	}
}

func TestGradientBadInput(t *testing.T) {
	bad := func(f func(X [][]float64, output int) ([][]float64, error)) polyModel { return polyModel{gradient: f} }
	cases := []struct {
		name string
		m    GradientModel
		X    [][]float64
		o    GradientOptions
		want string
	}{
		{"nil model", nil, gradRows, GradientOptions{}, "model is nil"},
		{"empty", polyModel{}, nil, GradientOptions{}, "X is empty"},
		{"ragged", polyModel{}, [][]float64{{1, 2}, {1}}, GradientOptions{}, "X row 1 has 1 columns"},
		{"nan", polyModel{}, [][]float64{{1, math.NaN()}}, GradientOptions{}, "X row 0, column 1"},
		{"steps", polyModel{}, gradRows, GradientOptions{Steps: -1}, "Steps"},
		{"rule", polyModel{}, gradRows, GradientOptions{Rule: "simpson"}, "Rule"},
		{"names", polyModel{}, gradRows, GradientOptions{FeatureNames: []string{"a"}}, "FeatureNames"},
		{"outputs", polyModel{}, gradRows, GradientOptions{OutputNames: []string{"a"}}, "OutputNames"},
		{"baseline", polyModel{}, gradRows, GradientOptions{Baseline: []float64{1}}, "Baseline row 0 has 1 columns"},
		{"both", polyModel{}, gradRows, GradientOptions{Baseline: []float64{1, 2}, Background: gradRows}, "not both"},
		{"empty background", polyModel{}, gradRows, GradientOptions{Background: [][]float64{}}, "Background is empty"},
		{"error", bad(func([][]float64, int) ([][]float64, error) { return nil, errors.New("boom") }), gradRows, GradientOptions{}, "Gradient failed (output 0): boom"},
		{"panic", bad(func([][]float64, int) ([][]float64, error) { panic("kaput") }), gradRows, GradientOptions{}, "Gradient panicked: kaput"},
		{"rows", bad(func([][]float64, int) ([][]float64, error) { return [][]float64{{1, 1}}, nil }), gradRows, GradientOptions{}, "returned 1 rows"},
		{"inf", bad(func(X [][]float64, _ int) ([][]float64, error) {
			out := make([][]float64, len(X))
			for i := range out {
				out[i] = []float64{1, math.Inf(1)}
			}
			return out, nil
		}), gradRows, GradientOptions{}, "Gradient (output 0) row 0, column 1 is +Inf"},
	}
	for _, c := range cases {
		for name, run := range map[string]func() error{
			"saliency": func() error { _, err := Saliency(c.m, c.X, c.o); return err },
			"ig": func() error {
				_, _, err := IntegratedGradients(c.m, c.X, c.o)
				return err
			},
		} {
			if c.name == "baseline" || c.name == "both" || c.name == "empty background" {
				if name == "saliency" {
					continue // the baseline is Integrated Gradients' only
				}
			}
			if err := run(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s, %s: error %v, want one mentioning %q", c.name, name, err, c.want)
			}
		}
	}
}
