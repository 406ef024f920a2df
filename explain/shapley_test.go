package explain

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
)

// referenceModels implements the models of shapley_vectors.json.
var referenceModels = map[string]func(x []float64) []float64{
	"x0*x2 + x1 + x2 + x2*x3": func(x []float64) []float64 { return []float64{x[0]*x[2] + x[1] + x[2] + x[2]*x[3]} },
	"x0*x1*x2":                func(x []float64) []float64 { return []float64{x[0] * x[1] * x[2]} },
	"x0*x1":                   func(x []float64) []float64 { return []float64{x[0] * x[1]} },
	"max(x0,x1,x2)":           func(x []float64) []float64 { return []float64{max(x[0], x[1], x[2])} },
	"x0*x1*x2 + 2*x0 - x1*x3": func(x []float64) []float64 { return []float64{x[0]*x[1]*x[2] + 2*x[0] - x[1]*x[3]} },
	"3 + 0.5*x0 - 1.25*x1 + 2*x2 + 0.75*x3": func(x []float64) []float64 {
		return []float64{3 + 0.5*x[0] - 1.25*x[1] + 2*x[2] + 0.75*x[3]}
	},
}

type referenceCase struct {
	Name        string      `json:"name"`
	Model       string      `json:"model"`
	X           []float64   `json:"x"`
	Background  [][]float64 `json:"background"`
	ExpectedPhi []float64   `json:"expected_phi"`
	Base        float64     `json:"expected_base"`
	FX          float64     `json:"f_x"`
}

func TestReferenceVectors(t *testing.T) {
	raw, err := os.ReadFile("../../shared/reference/shapley_vectors.json")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("shared/reference/shapley_vectors.json not found next to the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Cases []referenceCase }
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("no cases in shapley_vectors.json")
	}
	for _, c := range ref.Cases {
		f, ok := referenceModels[c.Model]
		if !ok {
			t.Errorf("%s: model %q has no Go implementation in the test", c.Name, c.Model)
			continue
		}
		want := make([][]float64, len(c.ExpectedPhi))
		for j, v := range c.ExpectedPhi {
			want[j] = []float64{v}
		}
		for name, ctor := range allShapley {
			o := Options{Seed: 7}
			if name == "permutation" {
				o.Samples = 2000
			}
			got := explainWith(t, ctor, rowModel(f), c.Background, o, [][]float64{c.X})
			tol := 1e-12
			if name == "permutation" {
				tol = 0.05 // sampled; exact cases are checked below
			}
			assertClose(t, c.Name+"/"+name, got.Values[0], want, tol)
			if math.Abs(got.BaseValues[0][0]-c.Base) > 1e-12 || math.Abs(got.Prediction(0, 0)-c.FX) > 1e-12 {
				t.Errorf("%s/%s: base %v f(x) %v, want %v %v", c.Name, name, got.BaseValues[0][0], got.Prediction(0, 0), c.Base, c.FX)
			}
		}
		// One antithetic pass is exact with at most pairwise interactions.
		if c.Name == "pairwise_interactions" || c.Name == "linear" {
			got := explainWith(t, NewPermutation, rowModel(f), c.Background, Options{Samples: 2, Seed: 3}, [][]float64{c.X})
			assertClose(t, c.Name+"/one pass", got.Values[0], want, 1e-12)
		}
	}
}

// TestOracleRandomModels compares every explainer with the brute-force
// definition on random two-output models with interactions, random
// weighted backgrounds and random rows.
func TestOracleRandomModels(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 6 {
		d := 2 + trial%4
		f := randomModel(rng, d)
		bg := randomMatrix(rng, 1+trial%3, d)
		w := make([]float64, len(bg))
		for i := range w {
			w[i] = 0.5 + rng.Float64()
		}
		X := randomMatrix(rng, 3, d)
		o := Options{Seed: int64(trial), BackgroundWeights: w}
		for _, ctor := range allShapley {
			ex := explainWith(t, ctor, rowModel(f), bg, o, X)
			assertEfficient(t, ex, f, false)
			if ex.Method == "permutation" {
				continue
			}
			sum := 0.0
			for _, v := range w {
				sum += v
			}
			nw := make([]float64, len(w))
			for i, v := range w {
				nw[i] = v / sum
			}
			for r, row := range X {
				want, base := oracle(f, row, bg, nw, nil, false)
				assertClose(t, ex.Method, ex.Values[r], want, 1e-9)
				assertClose(t, ex.Method+" base", [][]float64{ex.BaseValues[r]}, [][]float64{base}, 1e-12)
			}
		}
	}
}

// TestKernelShortcutsToExactWhenEnumerated: with the default budget 2M+2048
// every coalition of M = 11 players fits, and Kernel then sums the Shapley
// formula as Exact does (same values, same model rows). The least-squares
// path on such budgets is TestKernelSolveEnumerated's.
func TestKernelShortcutsToExactWhenEnumerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const d = 11
	f := randomModel(rng, d)
	bg, X := randomMatrix(rng, 2, d), randomMatrix(rng, 2, d)
	a := explainWith(t, NewExact, rowModel(f), bg, Options{}, X)
	b := explainWith(t, NewKernel, rowModel(f), bg, Options{Seed: 9}, X)
	for r := range X {
		assertClose(t, "kernel vs exact", b.Values[r], a.Values[r], 1e-9)
	}
	if a.Evaluations != b.Evaluations {
		t.Errorf("evaluations: exact %d, kernel %d; both should evaluate every coalition once", a.Evaluations, b.Evaluations)
	}
	if want := int64(2 * ((1<<d-2)*2 + 1)); a.Evaluations != want {
		t.Errorf("exact evaluated %d model rows, want %d", a.Evaluations, want)
	}
}

// TestSampledConverge: on M = 14 the default Kernel budget and 200
// permutations are close to Exact, a larger budget is closer, and
// efficiency stays exact.
func TestSampledConverge(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const d = 14
	f := randomModel(rng, d)
	bg, X := randomMatrix(rng, 3, d), randomMatrix(rng, 2, d)
	want := explainWith(t, NewExact, rowModel(f), bg, Options{}, X)
	maxErr := func(ex *Explanation) float64 {
		m := 0.0
		for r := range ex.Values {
			for j := range ex.Values[r] {
				for k := range ex.Values[r][j] {
					m = math.Max(m, math.Abs(ex.Values[r][j][k]-want.Values[r][j][k]))
				}
			}
		}
		return m
	}
	scale := 0.0
	for _, row := range want.Values {
		for _, v := range row {
			scale = math.Max(scale, math.Abs(v[0]))
		}
	}
	var errs []float64
	for _, budget := range []int{0, 8000} {
		got := explainWith(t, NewKernel, rowModel(f), bg, Options{Samples: budget, Seed: 1}, X)
		if budget > 0 && got.Evaluations != int64(len(X)*(budget*len(bg)+1)) {
			t.Errorf("kernel budget %d: %d model rows, want %d", budget, got.Evaluations, len(X)*(budget*len(bg)+1))
		}
		assertEfficient(t, got, f, false)
		if got.StdErr != nil {
			t.Error("kernel StdErr should be nil")
		}
		errs = append(errs, maxErr(got))
	}
	t.Logf("kernel errs %v scale %v", errs, scale)
	if errs[0] > 0.1*scale || errs[1] >= errs[0] {
		t.Errorf("kernel max error %v (budgets default, 8000), scale %v", errs, scale)
	}
	got := explainWith(t, NewPermutation, rowModel(f), bg, Options{Samples: 200, Seed: 1}, X)
	assertEfficient(t, got, f, false)
	if e := maxErr(got); e > 0.15*scale {
		t.Errorf("permutation max error %v, scale %v", e, scale)
	}
	// The error should be within a few standard errors of the truth.
	outside, total := 0, 0
	for r := range got.Values {
		for j := range got.Values[r] {
			for k := range got.Values[r][j] {
				total++
				if math.Abs(got.Values[r][j][k]-want.Values[r][j][k]) > 4*got.StdErr[r][j][k]+1e-12 {
					outside++
				}
			}
		}
	}
	if outside > total/20 {
		t.Errorf("%d of %d permutation values are more than 4 standard errors from exact", outside, total)
	}
}

func TestDeterminism(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const d = 13
	f := randomModel(rng, d)
	bg, X := randomMatrix(rng, 3, d), randomMatrix(rng, 9, d)
	for _, name := range []string{"kernel", "permutation"} {
		run := func(o Options) *Explanation { return explainWith(t, allShapley[name], rowModel(f), bg, o, X) }
		a := run(Options{Seed: 42, Workers: 1})
		b := run(Options{Seed: 42, Workers: 4, BatchSize: 37})
		c := run(Options{Seed: 42, Workers: 3})
		if !reflect.DeepEqual(a.Values, c.Values) || !reflect.DeepEqual(a.StdErr, c.StdErr) {
			t.Errorf("%s: same seed, different Workers, different values", name)
		}
		assertClose(t, name+" batching", b.Values[4], a.Values[4], 1e-12)
		if a.Evaluations != b.Evaluations {
			t.Errorf("%s: evaluations %d vs %d with smaller batches", name, a.Evaluations, b.Evaluations)
		}
		if again := run(Options{Seed: 42, Workers: 2}); !reflect.DeepEqual(a.Values, again.Values) {
			t.Errorf("%s: same seed twice, different values", name)
		}
		if other := run(Options{Seed: 43, Workers: 2}); reflect.DeepEqual(a.Values, other.Values) {
			t.Errorf("%s: seeds 42 and 43 gave identical sampled values", name)
		}
		if a.Seed != 42 || a.Method != name {
			t.Errorf("%s: Seed %d Method %q", name, a.Seed, a.Method)
		}
	}
}

func TestGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const d = 6
	f := randomModel(rng, d)
	bg, X := randomMatrix(rng, 2, d), randomMatrix(rng, 2, d)
	groups := [][]int{{0, 3}, {1}, {2, 4, 5}}
	o := Options{Groups: groups, GroupNames: []string{"a", "b", "c"}, Samples: 4000}
	for _, ctor := range allShapley {
		ex := explainWith(t, ctor, rowModel(f), bg, o, X)
		if !reflect.DeepEqual(ex.FeatureNames, []string{"a", "b", "c"}) || !reflect.DeepEqual(ex.Groups, groups) {
			t.Errorf("%s: names %v groups %v", ex.Method, ex.FeatureNames, ex.Groups)
		}
		assertEfficient(t, ex, f, false)
		tol := 1e-9
		if ex.Method == "permutation" {
			tol = 0.05
		}
		for r, row := range X {
			want, _ := oracle(f, row, bg, nil, groups, false)
			assertClose(t, ex.Method+" groups", ex.Values[r], want, tol)
		}
	}
	ex := explainWith(t, NewExact, rowModel(f), bg, Options{Groups: [][]int{{0, 1}, {2, 3}, {4, 5}}, FeatureNames: []string{"a", "b", "c", "d", "e", "f"}}, X)
	if !reflect.DeepEqual(ex.FeatureNames, []string{"a+b", "c+d", "e+f"}) {
		t.Errorf("default group names %v", ex.FeatureNames)
	}
}

// TestBackgroundWeights: integer weights equal repeated background rows.
func TestBackgroundWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const d = 4
	f := randomModel(rng, d)
	bg, X := randomMatrix(rng, 2, d), randomMatrix(rng, 2, d)
	a := explainWith(t, NewExact, rowModel(f), bg, Options{BackgroundWeights: []float64{3, 1}}, X)
	b := explainWith(t, NewExact, rowModel(f), [][]float64{bg[0], bg[0], bg[0], bg[1]}, Options{}, X)
	for r := range X {
		assertClose(t, "weights", a.Values[r], b.Values[r], 1e-12)
		assertClose(t, "weights base", [][]float64{a.BaseValues[r]}, [][]float64{b.BaseValues[r]}, 1e-12)
	}
	// A zero weight drops the row and its model evaluations.
	c := explainWith(t, NewExact, rowModel(f), [][]float64{bg[0], bg[1]}, Options{BackgroundWeights: []float64{1, 0}}, X)
	e := explainWith(t, NewExact, rowModel(f), bg[:1], Options{}, X)
	assertClose(t, "zero weight", c.Values[1], e.Values[1], 1e-12)
	if c.Evaluations != e.Evaluations {
		t.Errorf("zero-weight row evaluated: %d vs %d", c.Evaluations, e.Evaluations)
	}
}

func TestLogitLink(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const d = 5
	g := randomModel(rng, d)
	f := func(x []float64) []float64 {
		y := g(x)
		for k, v := range y {
			y[k] = 1 / (1 + math.Exp(-v))
		}
		return y
	}
	bg, X := randomMatrix(rng, 3, d), randomMatrix(rng, 3, d)
	for _, ctor := range allShapley {
		ex := explainWith(t, ctor, rowModel(f), bg, Options{Link: LinkLogit}, X)
		if ex.Link != LinkLogit {
			t.Errorf("Link %q", ex.Link)
		}
		assertEfficient(t, ex, f, true)
		if ex.Method == "permutation" {
			continue
		}
		for r, row := range X {
			want, base := oracle(f, row, bg, nil, nil, true)
			assertClose(t, ex.Method+" logit", ex.Values[r], want, 1e-9)
			assertClose(t, "logit base", [][]float64{ex.BaseValues[r]}, [][]float64{base}, 1e-12)
		}
	}
}

type testLinear struct {
	W [][]float64
	B []float64
}

func (m testLinear) Predict(X [][]float64) ([][]float64, error) {
	out := matrix(len(X), len(m.W))
	for i, x := range X {
		for o, w := range m.W {
			out[i][o] = m.B[o]
			for j, v := range x {
				out[i][o] += w[j] * v
			}
		}
	}
	return out, nil
}

func (m testLinear) LinearPredictor() ([][]float64, []float64) { return m.W, m.B }

func TestLinearEqualsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const d = 5
	m := testLinear{W: randomMatrix(rng, 2, d), B: []float64{0.5, -1}}
	bg, X := randomMatrix(rng, 4, d), randomMatrix(rng, 3, d)
	for _, o := range []Options{
		{BackgroundWeights: []float64{1, 2, 3, 4}},
		{Groups: [][]int{{0, 4}, {1, 2, 3}}},
	} {
		linear := func(m Model, bg [][]float64, o Options) (Explainer, error) { return NewLinear(m.(LinearModel), bg, o) }
		a := explainWith(t, linear, m, bg, o, X)
		b := explainWith(t, NewExact, m, bg, o, X)
		for r := range X {
			assertClose(t, "linear", a.Values[r], b.Values[r], 1e-12)
			assertClose(t, "linear base", [][]float64{a.BaseValues[r]}, [][]float64{b.BaseValues[r]}, 1e-12)
		}
		if a.Evaluations != 0 || a.Link != LinkLinearPredictor || a.Method != "linear" {
			t.Errorf("linear: evaluations %d link %q method %q", a.Evaluations, a.Link, a.Method)
		}
	}
	if _, err := NewLinear(m, bg, Options{Link: LinkLogit}); err == nil {
		t.Error("NewLinear accepted the logit link")
	}
	if _, err := NewLinear(testLinear{W: [][]float64{{1, 2}}, B: []float64{0}}, bg, Options{}); err == nil {
		t.Error("NewLinear accepted W with 2 columns for 5 features")
	}
}

func TestMultiOutputAndNames(t *testing.T) {
	f := func(x []float64) []float64 { return []float64{x[0] + 2*x[1], x[0] * x[1], -x[1]} }
	ex := explainWith(t, NewExact, rowModel(f), [][]float64{{0, 0}}, Options{FeatureNames: []string{"age", "income"}, OutputNames: []string{"a", "b", "c"}}, [][]float64{{1, 3}})
	want := [][]float64{{1, 1.5, 0}, {6, 1.5, -3}}
	assertClose(t, "multi-output", ex.Values[0], want, 1e-12)
	if !reflect.DeepEqual(ex.OutputNames, []string{"a", "b", "c"}) || !reflect.DeepEqual(ex.FeatureNames, []string{"age", "income"}) {
		t.Errorf("names %v %v", ex.FeatureNames, ex.OutputNames)
	}
	if _, err := NewExact(rowModel(f), [][]float64{{0, 0}}, Options{OutputNames: []string{"a"}}); err == nil {
		t.Error("1 output name for 3 outputs accepted")
	}
}

func TestExplainNoRows(t *testing.T) {
	x, _ := NewExact(rowModel(referenceModels["x0*x1"]), [][]float64{{0, 0}}, Options{})
	ex, err := x.Explain(nil)
	if err != nil || ex.Rows() != 0 || ex.Features() != 2 || ex.Outputs() != 1 {
		t.Errorf("empty X: %v, %+v", err, ex)
	}
}

// TestKernelSolveEnumerated: Kernel's weighted least squares, run by the
// explainer over every coalition with the Shapley kernel (the budget on
// which NewKernel would shortcut to Exact's sum), gives the Shapley values,
// with groups and the logit link too.
func TestKernelSolveEnumerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, d := range []int{2, 3, 6, 9} {
		f := randomModel(rng, d)
		bg, X := randomMatrix(rng, 2, d), randomMatrix(rng, 3, d)
		for _, o := range []Options{{}, {Seed: 3, Workers: 2}} {
			want := explainWith(t, NewExact, rowModel(f), bg, o, X)
			x, err := NewKernel(rowModel(f), bg, o)
			if err != nil {
				t.Fatal(err)
			}
			k := x.(*kernelExplainer)
			if k.budget != 1<<d-2 {
				t.Fatalf("M = %d: budget %d, want every coalition (%d)", d, k.budget, 1<<d-2)
			}
			got, err := k.e.explain(wholeJob(X), X, "kernel", k.leastSquares)
			if err != nil {
				t.Fatal(err)
			}
			for r := range X {
				assertClose(t, fmt.Sprintf("M = %d, row %d: least squares vs exact", d, r), got.Values[r], want.Values[r], 1e-9)
			}
		}
	}
	// Grouped players (3 groups of 6 columns) and a probability model under
	// the logit link.
	d := 6
	w := make([]float64, d)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	prob := func(x []float64) []float64 {
		s := 0.0
		for i, v := range x {
			s += w[i] * v * x[(i+1)%d]
		}
		return []float64{1 / (1 + math.Exp(-s))}
	}
	bg, X := randomMatrix(rng, 3, d), randomMatrix(rng, 2, d)
	o := Options{Groups: [][]int{{0, 3}, {1, 2}, {4, 5}}, Link: LinkLogit}
	want := explainWith(t, NewExact, rowModel(prob), bg, o, X)
	x, err := NewKernel(rowModel(prob), bg, o)
	if err != nil {
		t.Fatal(err)
	}
	k := x.(*kernelExplainer)
	got, err := k.e.explain(wholeJob(X), X, "kernel", k.leastSquares)
	if err != nil {
		t.Fatal(err)
	}
	for r := range X {
		assertClose(t, "grouped logit least squares vs exact", got.Values[r], want.Values[r], 1e-9)
	}
}

// TestManyFeatures: with M = 70 players (beyond any 2^M arithmetic) the
// sampled explainers stay efficient, and Kernel and Permutation agree on
// an additive model, where both are exact.
func TestManyFeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	const d = 70
	w := make([]float64, d)
	for i := range w {
		w[i] = rng.NormFloat64()
	}
	additive := func(x []float64) []float64 {
		s := 0.0
		for i, v := range x {
			s += w[i] * v * v
		}
		return []float64{s}
	}
	bg, X := randomMatrix(rng, 2, d), randomMatrix(rng, 2, d)
	for _, name := range []string{"kernel", "permutation"} {
		ex := explainWith(t, allShapley[name], rowModel(additive), bg, Options{Samples: 2*d + 2, Seed: 1}, X)
		assertEfficient(t, ex, additive, false)
		for r, x := range X {
			want := matrix(d, 1)
			for i := range want {
				want[i][0] = w[i] * (x[i]*x[i] - (bg[0][i]*bg[0][i]+bg[1][i]*bg[1][i])/2)
			}
			assertClose(t, name+" additive", ex.Values[r], want, 1e-9)
		}
	}
	if _, err := NewExact(rowModel(additive), bg, Options{}); err == nil {
		t.Error("Exact accepted 70 players")
	}
}
