package explain

import (
	"math"
	"math/rand/v2"
	"testing"
)

// This file holds the brute-force oracle the Shapley tests compare with:
// the definition over all M! orderings, with v(S) computed directly.

// oracle returns [player][output] Shapley values of x by averaging the
// marginal contributions over every ordering of the players.
func oracle(f func([]float64) []float64, x []float64, bg [][]float64, w []float64, groups [][]int, logit bool) (phi [][]float64, base []float64) {
	if groups == nil {
		for j := range x {
			groups = append(groups, []int{j})
		}
	}
	M := len(groups)
	if w == nil {
		for range bg {
			w = append(w, 1/float64(len(bg)))
		}
	}
	v := func(in []bool) []float64 {
		var mean []float64
		for b, row := range bg {
			z := append([]float64(nil), row...)
			for p, on := range in {
				if on {
					for _, j := range groups[p] {
						z[j] = x[j]
					}
				}
			}
			y := f(z)
			if mean == nil {
				mean = make([]float64, len(y))
			}
			for k := range y {
				mean[k] += w[b] * y[k]
			}
		}
		if logit {
			for k, p := range mean {
				mean[k] = math.Log(p / (1 - p))
			}
		}
		return mean
	}
	base = v(make([]bool, M))
	phi = matrix(M, len(base))
	perm := make([]int, M)
	for i := range perm {
		perm[i] = i
	}
	count := 0
	var visit func(t int)
	visit = func(t int) {
		if t == M {
			count++
			in := make([]bool, M)
			prev := base
			for _, p := range perm {
				in[p] = true
				cur := v(in)
				for k := range cur {
					phi[p][k] += cur[k] - prev[k]
				}
				prev = cur
			}
			return
		}
		for i := t; i < M; i++ {
			perm[t], perm[i] = perm[i], perm[t]
			visit(t + 1)
			perm[t], perm[i] = perm[i], perm[t]
		}
	}
	visit(0)
	for p := range phi {
		for k := range phi[p] {
			phi[p][k] /= float64(count)
		}
	}
	return phi, base
}

// randomModel returns a two-output model with main effects, pairwise and
// three-way interactions and non-polynomial terms, drawn from rng.
func randomModel(rng *rand.Rand, d int) func([]float64) []float64 {
	a := make([]float64, d)
	for i := range a {
		a[i] = rng.NormFloat64()
	}
	type term struct {
		i, j, k int
		c       float64
	}
	terms := make([]term, 2*d)
	for t := range terms {
		terms[t] = term{rng.IntN(d), rng.IntN(d), rng.IntN(d), rng.NormFloat64()}
	}
	return func(x []float64) []float64 {
		y0 := 0.3
		for i, v := range x {
			y0 += a[i] * v
		}
		y1 := math.Sin(x[0]) * x[d-1]
		u := 0.0
		for i, v := range x {
			u += a[d-1-i] * v
		}
		y0 += math.Tanh(u) // an interaction of every order
		for n, t := range terms {
			if n%2 == 0 {
				y0 += t.c * x[t.i] * x[t.j]
			} else {
				y1 += t.c * x[t.i] * x[t.j] * x[t.k]
			}
		}
		return []float64{y0, y1}
	}
}

// rowModel turns a per-row function into a Model.
func rowModel(f func([]float64) []float64) Model {
	return ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			out[i] = f(x)
		}
		return out, nil
	})
}

func randomMatrix(rng *rand.Rand, rows, cols int) [][]float64 {
	m := matrix(rows, cols)
	for i := range m {
		for j := range m[i] {
			m[i][j] = rng.NormFloat64()
		}
	}
	return m
}

// assertClose fails when |got − want| > tol·max(1, |want|) anywhere.
func assertClose(t *testing.T, what string, got, want [][]float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d players, want %d", what, len(got), len(want))
	}
	for p := range want {
		for k := range want[p] {
			if d := math.Abs(got[p][k] - want[p][k]); d > tol*math.Max(1, math.Abs(want[p][k])) {
				t.Errorf("%s: player %d output %d = %.12g, want %.12g (diff %.3g)", what, p, k, got[p][k], want[p][k], d)
			}
		}
	}
}

// assertEfficient checks Σφ + base = link(f(x)) to 1e-9 relative for every
// row and output.
func assertEfficient(t *testing.T, ex *Explanation, f func([]float64) []float64, logit bool) {
	t.Helper()
	for r, x := range ex.Data {
		y := f(x)
		for k, v := range y {
			if logit {
				v = math.Log(v / (1 - v))
			}
			got := ex.Prediction(r, k)
			if math.Abs(got-v) > 1e-9*math.Max(1, math.Abs(v)) {
				t.Errorf("%s: row %d output %d: Σφ + base = %.15g, f(x) = %.15g", ex.Method, r, k, got, v)
			}
		}
	}
}

// constructor is the signature of NewExact, NewKernel and NewPermutation.
type constructor func(Model, [][]float64, Options) (Explainer, error)

// allShapley lists the sampling-free and sampled constructors by method.
var allShapley = map[string]constructor{
	"exact": NewExact, "kernel": NewKernel, "permutation": NewPermutation,
}

// explainWith builds an explainer and explains X, failing the test on an
// error.
func explainWith(t *testing.T, ctor constructor, m Model, bg [][]float64, o Options, X [][]float64) *Explanation {
	t.Helper()
	x, err := ctor(m, bg, o)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := x.Explain(X)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}
