package explain

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// linearModel is f(x) = Σ w_j x_j + b, one output.
func linearModel(w []float64, b float64) ModelFunc {
	return func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			s := b
			for j, v := range x {
				s += w[j] * v
			}
			out[i] = []float64{s}
		}
		return out, nil
	}
}

// gaussianData draws n rows of independent N(mu_j, sd_j²) columns.
func gaussianData(seed uint64, n int, mu, sd []float64) [][]float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	X := make([][]float64, n)
	for i := range X {
		X[i] = make([]float64, len(mu))
		for j := range mu {
			X[i][j] = mu[j] + sd[j]*r.NormFloat64()
		}
	}
	return X
}

func TestLIMEContinuousRecoversLinearSlopes(t *testing.T) {
	w := []float64{3, -2, 0.5, 0, 1.2}
	sd := []float64{1, 2, 4, 1, 0.5}
	train := gaussianData(7, 500, []float64{0, 1, -1, 2, 5}, sd)
	l, err := NewLIME(linearModel(w, 0.3), train, LIMEOptions{NoDiscretize: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	e := surrogateOf(t, l, train[3])
	// On standardised inputs z = (x−x̄)/σ the model is Σ (w_j σ_j) z_j + c,
	// so the surrogate's weights must be w_j·σ_j up to ridge shrinkage
	// (α = 1 against ~Σπ ≈ hundreds of effective samples).
	_, stds := columnStats(train)
	want := make([]float64, len(w))
	for j := range w {
		want[j] = w[j] * stds[j]
	}
	for j := range w {
		if math.Abs(e.Weights[j]-want[j]) > 0.02*math.Abs(want[j])+1e-3 {
			t.Errorf("weight %d = %v, want %v", j, e.Weights[j], want[j])
		}
	}
	if got, exp := orderByMagnitude(e.Weights), orderByMagnitude(want); !reflect.DeepEqual(got, exp) {
		t.Errorf("ranking %v, want %v", got, exp)
	}
	if e.Fidelity < 0.999 {
		t.Errorf("fidelity %v on an exactly linear model", e.Fidelity)
	}
	if math.Abs(e.LocalPrediction-e.ModelPrediction) > 0.01*math.Abs(e.ModelPrediction)+0.05 {
		t.Errorf("surrogate %v vs model %v", e.LocalPrediction, e.ModelPrediction)
	}
}

func columnStats(X [][]float64) (mean, std []float64) {
	col := make([]float64, len(X))
	for j := range X[0] {
		for i := range X {
			col[i] = X[i][j]
		}
		m, s := stat.PopMeanStdDev(col, nil)
		mean, std = append(mean, m), append(std, s)
	}
	return mean, std
}

func TestLIMEDiscretizedSignsAndRanking(t *testing.T) {
	w := []float64{4, -2, 1, 0.25}
	train := gaussianData(3, 800, []float64{0, 0, 0, 0}, []float64{1, 1, 1, 1})
	l, err := NewLIME(linearModel(w, 0), train, LIMEOptions{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	// An instance in the top quartile of every feature: being in that bin
	// raises f by w_j·(E[x|top] − E[x|other bins]), so weights have the
	// sign of w_j and the order of |w_j|.
	e := surrogateOf(t, l, []float64{2, 2, 2, 2})
	for j := range w {
		if math.Signbit(e.Weights[j]) != math.Signbit(w[j]) {
			t.Errorf("weight %d = %v has the wrong sign (w = %v)", j, e.Weights[j], w[j])
		}
	}
	if got := orderByMagnitude(e.Weights); !reflect.DeepEqual(got, []int{0, 1, 2, 3}) {
		t.Errorf("ranking %v, want [0 1 2 3]", got)
	}
	if top := e.Conditions[e.Kept[0]]; top != "x0 > "+formatNumber(l.bins[0].(*quartileBins).cuts[2]) {
		t.Errorf("top condition %q", top)
	}
	if e.Fidelity <= 0 || e.Fidelity > 1 {
		t.Errorf("fidelity %v outside (0, 1]", e.Fidelity)
	}
}

func TestLIMEDeterministicAndRowIndependent(t *testing.T) {
	train := gaussianData(11, 300, []float64{0, 1, 2}, []float64{1, 1, 1})
	m := ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			p := 1 / (1 + math.Exp(-(x[0] - x[1]*x[2])))
			out[i] = []float64{1 - p, p}
		}
		return out, nil
	})
	o := LIMEOptions{Seed: 42, Samples: 1000, Workers: 2}
	l, err := NewLIME(m, train, o)
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Explain(train[:4])
	if err != nil {
		t.Fatal(err)
	}
	o.Workers = 1
	l1, err := NewLIME(m, train, o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := l1.Explain(train[:4])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed, different Workers: different explanations")
	}
	first, err := l.Explain(train[:1])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first.Values[0], a.Values[0]) || !reflect.DeepEqual(first.Surrogates[0], a.Surrogates[0]) {
		t.Error("row 0 explained alone differs from row 0 of four")
	}
	o.Seed = 43
	l2, err := NewLIME(m, train, o)
	if err != nil {
		t.Fatal(err)
	}
	c, err := l2.Explain(train[:1])
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(c.Values[0], a.Values[0]) {
		t.Error("a different seed gave identical weights")
	}
	if a.Method != "lime" || a.Outputs() != 2 || a.Rows() != 4 || a.Evaluations != 4*1000 {
		t.Fatalf("method %q, %d outputs, %d rows, %d evaluations", a.Method, a.Outputs(), a.Rows(), a.Evaluations)
	}
	for r := range a.Rows() {
		p := 1 / (1 + math.Exp(-(train[r][0] - train[r][1]*train[r][2])))
		for o, want := range []float64{1 - p, p} {
			s := a.Surrogates[r][o]
			if s.Fidelity < 0 || s.Fidelity > 1 {
				t.Errorf("row %d output %d: fidelity %v outside [0, 1]", r, o, s.Fidelity)
			}
			if math.Abs(s.ModelPrediction-want) > 1e-12 {
				t.Errorf("row %d output %d: model prediction %v, want %v", r, o, s.ModelPrediction, want)
			}
			// Discretised: every value is the weight itself, and the
			// values with the intercept give the surrogate's prediction.
			if math.Abs(a.Prediction(r, o)-s.LocalPrediction) > 1e-12 {
				t.Errorf("row %d output %d: intercept + Σ values = %v, surrogate %v", r, o, a.Prediction(r, o), s.LocalPrediction)
			}
			for j, w := range s.Weights {
				if a.Values[r][j][o] != w {
					t.Errorf("row %d output %d feature %d: value %v, weight %v", r, o, j, a.Values[r][j][o], w)
				}
			}
		}
		// The two outputs sum to 1, so their surrogates mirror each other.
		for j := range 3 {
			if d := a.Values[r][j][0] + a.Values[r][j][1]; math.Abs(d) > 1e-9 {
				t.Errorf("row %d feature %d: weights of P(0) and P(1) sum to %v, want 0", r, j, d)
			}
		}
	}
	// Outputs selects: only P(y=1), named after the option.
	o.Outputs, o.OutputNames = []int{1}, []string{"P(no)", "P(yes)"}
	l3, err := NewLIME(m, train, o)
	if err != nil {
		t.Fatal(err)
	}
	d, err := l3.Explain(train[:1])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.OutputNames, []string{"P(yes)"}) || len(d.Values[0][0]) != 1 || len(d.Surrogates[0]) != 1 {
		t.Fatalf("Outputs [1]: names %v, %d values, %d surrogates", d.OutputNames, len(d.Values[0][0]), len(d.Surrogates[0]))
	}
}

func TestLIMEForwardSelection(t *testing.T) {
	w := []float64{0, 5, 0, -3, 0, 0, 0, 1}
	train := gaussianData(2, 400, make([]float64, 8), []float64{1, 1, 1, 1, 1, 1, 1, 1})
	l, err := NewLIME(linearModel(w, 1), train, LIMEOptions{NumFeatures: 2, NoDiscretize: true})
	if err != nil {
		t.Fatal(err)
	}
	e := surrogateOf(t, l, train[0])
	if !reflect.DeepEqual(e.Kept, []int{1, 3}) {
		t.Fatalf("forward selection kept %v, want features 1 then 3", e.Kept)
	}
	for j, v := range e.Weights {
		if j != 1 && j != 3 && v != 0 {
			t.Errorf("unselected feature %d has weight %v", j, v)
		}
	}
}

func TestQuartileBinsMatchNumpy(t *testing.T) {
	// numpy.percentile([1..8], [25, 50, 75]) = [2.75, 4.5, 6.25].
	q := newQuartileBins([]float64{8, 1, 7, 2, 6, 3, 5, 4})
	if !reflect.DeepEqual(q.cuts, []float64{2.75, 4.5, 6.25}) {
		t.Fatalf("cuts %v", q.cuts)
	}
	for _, c := range []struct {
		v    float64
		bin  int
		desc string
	}{{2.75, 0, "a <= 2.75"}, {2.76, 1, "2.75 < a <= 4.5"}, {4.5, 1, "2.75 < a <= 4.5"}, {9, 3, "a > 6.25"}} {
		b := q.bin(c.v)
		if b != c.bin || q.describe("a", b) != c.desc {
			t.Errorf("bin(%v) = %d %q, want %d %q", c.v, b, q.describe("a", b), c.bin, c.desc)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		b := q.sampleBin(r)
		v := q.sampleValue(r, b)
		if v < q.lo[b] || v > q.hi[b] {
			t.Fatalf("sample %v outside bin %d [%v, %v]", v, b, q.lo[b], q.hi[b])
		}
	}
	// A constant column has one cut and zero-width bins.
	c := newQuartileBins([]float64{3, 3, 3})
	if len(c.cuts) != 1 || c.sampleValue(r, 0) != 3 {
		t.Errorf("constant column: cuts %v", c.cuts)
	}
}

func TestLIMERendering(t *testing.T) {
	train := gaussianData(5, 100, []float64{0, 0}, []float64{1, 1})
	l, err := NewLIME(linearModel([]float64{1, -1}, 0), train, LIMEOptions{FeatureNames: []string{"age", "<b>"}, Samples: 500})
	if err != nil {
		t.Fatal(err)
	}
	e, err := l.Explain([][]float64{{0.1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	txt := e.Text()
	if !strings.Contains(txt, "age") || !strings.Contains(txt, "fidelity") {
		t.Errorf("text lacks names or fidelity:\n%s", txt)
	}
}

func TestLIMEBadInput(t *testing.T) {
	train := [][]float64{{0, 1}, {1, 2}, {2, 3}}
	m := linearModel([]float64{1, 1}, 0)
	for name, c := range map[string]struct {
		m     Model
		train [][]float64
		o     LIMEOptions
		want  string
	}{
		"nil model":   {nil, train, LIMEOptions{}, "model is nil"},
		"one row":     {m, train[:1], LIMEOptions{}, "at least 2"},
		"ragged":      {m, [][]float64{{0, 1}, {1}}, LIMEOptions{}, "training row 1 has 1 columns"},
		"nan":         {m, [][]float64{{0, 1}, {1, math.NaN()}}, LIMEOptions{}, "training row 1, column 1"},
		"samples":     {m, train, LIMEOptions{Samples: -1}, "Samples"},
		"names":       {m, train, LIMEOptions{FeatureNames: []string{"a"}}, "FeatureNames"},
		"selection":   {m, train, LIMEOptions{Selection: "lasso"}, "Selection"},
		"width":       {m, train, LIMEOptions{KernelWidth: math.Inf(1)}, "KernelWidth"},
		"output":      {m, train, LIMEOptions{Outputs: []int{-1}}, "Outputs"},
		"num feature": {m, train, LIMEOptions{NumFeatures: -2}, "NumFeatures"},
	} {
		_, err := NewLIME(c.m, c.train, c.o)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, c.want)
		}
	}
	l2, err := NewLIME(linearModel([]float64{1, 1}, 0), train, LIMEOptions{Samples: 20, Outputs: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l2.Explain([][]float64{{0, 0}}); err == nil || !strings.Contains(err.Error(), "lists output 1; the model has 1 outputs") {
		t.Errorf("Output past the model's outputs: %v", err)
	}
	l, err := NewLIME(m, train, LIMEOptions{Samples: 50})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Explain([][]float64{{1}}); err == nil || !strings.Contains(err.Error(), "X row 0 has 1 columns") {
		t.Errorf("short row: %v", err)
	}
	if _, err := l.Explain([][]float64{{0, 0}, {math.Inf(-1), 0}}); err == nil || !strings.Contains(err.Error(), "X row 1, column 0") {
		t.Errorf("Inf: %v", err)
	}
	if _, err := l.Explain(nil); err == nil || !strings.Contains(err.Error(), "no rows") {
		t.Errorf("no rows: %v", err)
	}
	if _, err := (*LIME)(nil).Explain([][]float64{{1, 2}}); err == nil {
		t.Error("nil LIME: no error")
	}
	bad := map[string]Model{
		"model failed: boom":     ModelFunc(func([][]float64) ([][]float64, error) { return nil, errors.New("boom") }),
		"returned 1 rows for 20": ModelFunc(func([][]float64) ([][]float64, error) { return [][]float64{{1}}, nil }),
		"no outputs":             ModelFunc(func(X [][]float64) ([][]float64, error) { return make([][]float64, len(X)), nil }),
		"model panicked: oops":   ModelFunc(func([][]float64) ([][]float64, error) { panic("oops") }),
		"returned NaN for batch row 0, output 0": ModelFunc(func(X [][]float64) ([][]float64, error) {
			out := make([][]float64, len(X))
			for i := range out {
				out[i] = []float64{math.NaN()}
			}
			return out, nil
		}),
	}
	for want, bm := range bad {
		l, err := NewLIME(bm, train, LIMEOptions{Samples: 20})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Explain([][]float64{{0, 0}}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want one mentioning %q", err, want)
		}
	}
}

func TestTruncatedNormalMoments(t *testing.T) {
	// E[Z | a ≤ Z ≤ b] = (φ(a) − φ(b)) / (Φ(b) − Φ(a)) for Z ~ N(0,1), on
	// the rejection branch (wide), the inverse-CDF branch (narrow) and the
	// upper tail.
	phi := func(z float64) float64 { return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) }
	cdf := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range [][2]float64{{-1, 2}, {-0.2, 0.1}, {1.5, 4}, {-3, -2.5}} {
		tr := newTruncation(c[0], c[1])
		const n = 200000
		sum := 0.0
		for range n {
			z := tr.sample(r)
			if z < c[0] || z > c[1] {
				t.Fatalf("[%v, %v]: draw %v outside", c[0], c[1], z)
			}
			sum += z
		}
		want := (phi(c[0]) - phi(c[1])) / (cdf(c[1]) - cdf(c[0]))
		if math.Abs(sum/n-want) > 0.005 {
			t.Errorf("[%v, %v] (rejection %v): mean %v, want %v", c[0], c[1], tr.reject, sum/n, want)
		}
	}
}

func TestLIMEConstantColumnAndNarrowKernel(t *testing.T) {
	train := gaussianData(6, 200, []float64{0, 0}, []float64{1, 1})
	for _, r := range train {
		r[1] = 4 // a constant column
	}
	for _, o := range []LIMEOptions{{Samples: 500}, {Samples: 500, NumFeatures: 2}} {
		l, err := NewLIME(linearModel([]float64{2, 1}, 0), train, o)
		if err != nil {
			t.Fatal(err)
		}
		e := surrogateOf(t, l, train[0])
		if e.Weights[1] != 0 || e.Weights[0] == 0 || math.IsNaN(e.Fidelity) {
			t.Errorf("%+v: weights %v, fidelity %v; the constant column must get 0", o, e.Weights, e.Fidelity)
		}
	}
	// Without discretisation lime gives a constant column scale 1 and so
	// perturbs it by N(0, 1): its weight is then the model's slope.
	l, err := NewLIME(linearModel([]float64{2, 1}, 0), train, LIMEOptions{Samples: 2000, NoDiscretize: true})
	if err != nil {
		t.Fatal(err)
	}
	if e := surrogateOf(t, l, train[0]); math.Abs(e.Weights[1]-1) > 0.01 {
		t.Errorf("continuous constant column: weight %v, want the slope 1", e.Weights[1])
	}
	if _, err := NewLIME(l.m, train, LIMEOptions{KernelWidth: 1e-200}); err == nil || !strings.Contains(err.Error(), "KernelWidth") {
		t.Errorf("kernel width whose square underflows: %v", err)
	}
	l, err = NewLIME(linearModel([]float64{2, 1}, 0), train, LIMEOptions{Samples: 50, NoDiscretize: true, KernelWidth: 1e-10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Explain([][]float64{{5, 4}}); err == nil || !strings.Contains(err.Error(), "weight 0") {
		t.Errorf("narrow kernel: %v", err)
	}
}

func TestLIMECategoricalFeature(t *testing.T) {
	// y = 2·[channel = web] + x1: the category, not its code, drives the output.
	labels := []string{"phone", "store", "web"}
	model := ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			web := 0.0
			if x[0] == 2 {
				web = 2
			}
			out[i] = []float64{web + x[1]}
		}
		return out, nil
	})
	rng := rand.New(rand.NewPCG(3, 4))
	train := make([][]float64, 400)
	for i := range train {
		train[i] = []float64{float64(rng.IntN(3)), rng.NormFloat64()}
	}
	for _, noDisc := range []bool{false, true} {
		l, err := NewLIME(model, train, LIMEOptions{Seed: 1, FeatureNames: []string{"channel", "x1"},
			Categories: [][]string{labels, nil}, NoDiscretize: noDisc})
		if err != nil {
			t.Fatal(err)
		}
		e := surrogateOf(t, l, []float64{2, 0.1})
		if top := e.Kept[0]; top != 0 || e.Conditions[0] != "channel=web" || math.Abs(e.Weights[0]-2) > 0.1 {
			t.Errorf("NoDiscretize=%v: top feature %d %q weight %v, want channel=web with weight ≈ 2", noDisc, top, e.Conditions[top], e.Weights[top])
		}
		// Every perturbed code is a real category.
		for _, v := range l.bins[0].(*categoryBins).codes {
			if v != 0 && v != 1 && v != 2 {
				t.Fatalf("code %v", v)
			}
		}
	}
	if _, err := NewLIME(model, [][]float64{{0.5, 0}, {1, 1}}, LIMEOptions{Categories: [][]string{labels, nil}}); err == nil ||
		!strings.Contains(err.Error(), "channel") && !strings.Contains(err.Error(), "feature 0") {
		t.Errorf("a non-integer code was accepted: %v", err)
	}
	if _, err := NewLIME(model, train, LIMEOptions{Categories: [][]string{labels}}); err == nil || !strings.Contains(err.Error(), "Categories has 1 entries for 2 columns") {
		t.Errorf("short Categories: %v", err)
	}
}

// surrogateOf explains x alone and returns the surrogate of the first
// explained output.
func surrogateOf(t testing.TB, l *LIME, x []float64) Surrogate {
	t.Helper()
	e, err := l.Explain([][]float64{x})
	if err != nil {
		t.Fatal(err)
	}
	return e.Surrogates[0][0]
}
