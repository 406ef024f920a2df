package explain

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
)

// mlp is a float64 network x → act(W1ᵀx + c) → W2ᵀh + b2 → σ (when
// sigmoid), an Affine model whose Head is everything after the first
// layer's pre-activation. scale rescales each column first, as a model
// that standardises its inputs does.
type mlp struct {
	scale   []float64
	W1      [][]float64 // columns × units
	c       []float64
	W2      [][]float64 // units × outputs
	b2      []float64
	tanh    bool
	sigmoid bool
	decline bool // AffineParts declines: explainers fall back to Predict
	heads   atomic.Int64
}

func (m *mlp) AffineParts(x []float64) ([]float64, [][]float64, error) {
	if m.decline {
		return nil, nil, nil
	}
	parts := make([][]float64, len(x))
	for j, v := range x {
		parts[j] = make([]float64, len(m.c))
		for k := range m.c {
			parts[j][k] = v * m.scale[j] * m.W1[j][k]
		}
	}
	return append([]float64(nil), m.c...), parts, nil
}

// Head counts the calls made to it directly: the structured path's.
func (m *mlp) Head(Z [][]float64) ([][]float64, error) {
	m.heads.Add(1)
	return m.head(Z)
}

func (m *mlp) head(Z [][]float64) ([][]float64, error) {
	out := make([][]float64, len(Z))
	for i, z := range Z {
		out[i] = append([]float64(nil), m.b2...)
		for k, v := range z {
			if m.tanh {
				v = math.Tanh(v)
			} else {
				v = max(v, 0)
			}
			for o := range m.b2 {
				out[i][o] += v * m.W2[k][o]
			}
		}
		if m.sigmoid {
			for o, v := range out[i] {
				out[i][o] = 1 / (1 + math.Exp(-v))
			}
		}
	}
	return out, nil
}

func (m *mlp) Predict(X [][]float64) ([][]float64, error) {
	Z := make([][]float64, len(X))
	for i, x := range X {
		c, parts, _ := (&mlp{scale: m.scale, W1: m.W1, c: m.c}).AffineParts(x)
		Z[i] = sumParts(c, parts)
	}
	return m.head(Z)
}

func randomMLP(rng *rand.Rand, columns, units, outputs int) *mlp {
	m := &mlp{scale: make([]float64, columns), W1: randMatrix(rng, columns, units), c: randVector(rng, units),
		W2: randMatrix(rng, units, outputs), b2: randVector(rng, outputs)}
	for j := range m.scale {
		m.scale[j] = 0.5 + rng.Float64()
	}
	return m
}

func randMatrix(rng *rand.Rand, r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = randVector(rng, c)
	}
	return out
}

func randVector(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}

// TestAffineMatchesBlackBox: on random networks, the explainers' structured
// path (pre-activations from per-player parts: Gray code for Exact, one
// step per permutation step, complements for Kernel's pairs) gives the
// values of the black-box path (the same model seen only through Predict)
// within 1e-9, with groups, weighted and zero-weight background rows,
// several outputs and the logit link; a model that declines is explained
// through Predict.
func TestAffineMatchesBlackBox(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	for trial := range 6 {
		columns := 4 + rng.IntN(7)
		outputs := 1 + trial%2
		m := randomMLP(rng, columns, 3+rng.IntN(12), outputs)
		m.tanh = trial%3 == 1
		m.sigmoid = trial%2 == 0
		background := randMatrix(rng, 7, columns)
		X := randMatrix(rng, 3, columns)
		weights := []float64{1, 2, 0, 1, 3, 1, 0.5}
		o := Options{Seed: int64(trial), BackgroundWeights: weights}
		if m.sigmoid && trial%4 == 0 {
			o.Link = LinkLogit
		}
		if trial >= 3 {
			o.Groups = [][]int{{0, 1}}
			for j := 2; j < columns; j++ {
				o.Groups = append(o.Groups, []int{j})
			}
		}
		blackBox := ModelFunc(m.Predict)
		for _, method := range shapleyMethods(columns) {
			want := explainWith(t, method.new, blackBox, background, method.opts(o), X)
			m.heads.Store(0)
			got := explainWith(t, method.new, m, background, method.opts(o), X)
			if m.heads.Load() == 0 {
				t.Fatalf("trial %d %s: the structured path was not taken", trial, method.name)
			}
			if got.Evaluations != want.Evaluations {
				t.Errorf("trial %d %s: %d evaluations, black box %d", trial, method.name, got.Evaluations, want.Evaluations)
			}
			if d := maxDiff(got.Values, want.Values); d > 1e-9 {
				t.Errorf("trial %d %s: structured and black-box values differ by %.3g", trial, method.name, d)
			}
			m.decline = true
			m.heads.Store(0)
			declined := explainWith(t, method.new, m, background, method.opts(o), X)
			m.decline = false
			if m.heads.Load() != 0 {
				t.Errorf("trial %d %s: a declining model's Head was called", trial, method.name)
			}
			if d := maxDiff(declined.Values, want.Values); d != 0 {
				t.Errorf("trial %d %s: a declining model's values differ from Predict's by %.3g", trial, method.name, d)
			}
		}
	}
}

// shapleyMethod is a Shapley explainer the structured path serves, with
// its options.
type shapleyMethod struct {
	name string
	new  constructor
	opts func(Options) Options
}

// shapleyMethods returns them with small budgets for columns columns.
func shapleyMethods(columns int) []shapleyMethod {
	return []shapleyMethod{
		{"exact", NewExact, func(o Options) Options { return o }},
		{"kernel", NewKernel, func(o Options) Options { o.Samples = 2*columns + 6; return o }},
		{"permutation", NewPermutation, func(o Options) Options { o.Samples = 6; return o }},
	}
}

func maxDiff(a, b [][][]float64) float64 {
	worst := 0.0
	for i := range a {
		for j := range a[i] {
			for k := range a[i][j] {
				worst = max(worst, math.Abs(a[i][j][k]-b[i][j][k]))
			}
		}
	}
	return worst
}

// TestAffineErrors: a model whose AffineParts misbehaves is an error naming
// what it returned, never a panic or a silent mislabel.
func TestAffineErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	m := randomMLP(rng, 3, 4, 1)
	background := randMatrix(rng, 2, 3)
	for want, bad := range map[string]Model{
		"AffineParts returned 2 parts for 3 columns (background row 0)": shortParts{m},
		"model panicked in AffineParts: boom":                           panicParts{m},
	} {
		_, err := NewKernel(bad, background, Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want one saying %q", err, want)
		}
	}
}

type shortParts struct{ *mlp }

func (s shortParts) AffineParts(x []float64) ([]float64, [][]float64, error) {
	c, parts, err := s.mlp.AffineParts(x)
	return c, parts[1:], err
}

type panicParts struct{ *mlp }

func (panicParts) AffineParts([]float64) ([]float64, [][]float64, error) { panic("boom") }

// mlp32 is mlp with Head32: it reads float32 pre-activations in Head32's
// layout, checks the layout, evaluates mlp's head in float64 and then
// overwrites Z, as Head32 may.
type mlp32 struct {
	*mlp
	calls atomic.Int64
}

func (m *mlp32) Head32(Z []float32, rows int, out []float64) error {
	m.calls.Add(1)
	u := len(m.c)
	w := (u + 7) &^ 7
	if len(Z) < (rows+3)&^3*w {
		return fmt.Errorf("Z holds %d values for %d rows of %d", len(Z), rows, w)
	}
	zs := make([][]float64, rows)
	for r := range zs {
		zs[r] = make([]float64, u)
		for k, v := range Z[r*w : (r+1)*w] {
			switch {
			case k < u:
				zs[r][k] = float64(v)
			case v != 0:
				return fmt.Errorf("padding (%d, %d) is %v", r, k, v)
			}
		}
	}
	for _, v := range Z[rows*w : (rows+3)&^3*w] {
		if v-v != 0 {
			return fmt.Errorf("a padding row holds %v", v)
		}
	}
	res, err := m.head(zs)
	if err != nil {
		return err
	}
	for r, y := range res {
		copy(out[r*len(y):], y)
	}
	for i := range Z[:rows*w] {
		Z[i] = -7
	}
	return nil
}

// TestHead32MatchesBlackBox: the float32 structured path (Head32) gives the
// black-box values within 1e-9 on networks whose pre-activations are small
// integers, exact in float32 — so the path adds, orders and weights what
// the black-box path does — and within float32 rounding on random ones,
// through Exact's long Gray code too.
func TestHead32MatchesBlackBox(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	integers := func(r, c int) [][]float64 {
		m := make([][]float64, r)
		for i := range m {
			m[i] = make([]float64, c)
			for j := range m[i] {
				m[i][j] = float64(rng.IntN(11) - 5)
			}
		}
		return m
	}
	for trial := range 6 {
		columns := 4 + rng.IntN(7)
		if trial == 5 {
			columns = 14 // 16,384 coalitions in a Gray code
		}
		outputs := 1 + trial%2
		units := 3 + rng.IntN(12)
		m := &mlp32{mlp: randomMLP(rng, columns, units, outputs)}
		m.tanh, m.sigmoid = trial%3 == 1, trial%2 == 0
		background, X := randMatrix(rng, 7, columns), randMatrix(rng, 3, columns)
		tol := 1e-4
		if trial < 3 {
			for j := range m.scale {
				m.scale[j] = 1
			}
			m.W1, m.c = integers(columns, units), integers(1, units)[0]
			background, X = integers(7, columns), integers(3, columns)
			tol = 1e-9
		}
		o := Options{Seed: int64(trial), BackgroundWeights: []float64{1, 2, 0, 1, 3, 1, 0.5}}
		if trial%2 == 1 {
			o.Groups = [][]int{{0, 1}}
			for j := 2; j < columns; j++ {
				o.Groups = append(o.Groups, []int{j})
			}
		}
		for _, method := range shapleyMethods(columns) {
			want := explainWith(t, method.new, ModelFunc(m.Predict), background, method.opts(o), X)
			m.calls.Store(0)
			got := explainWith(t, method.new, m, background, method.opts(o), X)
			if m.calls.Load() == 0 || m.heads.Load() != 0 {
				t.Fatalf("trial %d %s: Head32 called %d times, Head %d", trial, method.name, m.calls.Load(), m.heads.Load())
			}
			if got.Evaluations != want.Evaluations {
				t.Errorf("trial %d %s: %d evaluations, black box %d", trial, method.name, got.Evaluations, want.Evaluations)
			}
			if d := maxDiff(got.Values, want.Values); d > tol {
				t.Errorf("trial %d %s: float32 structured and black-box values differ by %.3g (tolerance %g)", trial, method.name, d, tol)
			}
		}
	}
}
