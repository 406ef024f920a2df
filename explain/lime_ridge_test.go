package explain

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// bruteRidge solves weighted ridge regression with an unpenalised intercept
// from the augmented normal equations (AᵀWA + α·diag(0,1,…,1))·θ = AᵀWy,
// A = [1 Z], and returns the weighted R² computed from the residuals.
func bruteRidge(t *testing.T, Z [][]float64, y, w []float64, alpha float64) (coef []float64, intercept, r2 float64) {
	n, p := len(Z), len(Z[0])
	a := mat.NewDense(p+1, p+1, nil)
	b := mat.NewVecDense(p+1, nil)
	for i := range n {
		row := append([]float64{1}, Z[i]...)
		for j := range p + 1 {
			b.SetVec(j, b.AtVec(j)+w[i]*row[j]*y[i])
			for k := range p + 1 {
				a.Set(j, k, a.At(j, k)+w[i]*row[j]*row[k])
			}
		}
	}
	for j := 1; j <= p; j++ {
		a.Set(j, j, a.At(j, j)+alpha)
	}
	var theta mat.VecDense
	if err := theta.SolveVec(a, b); err != nil {
		t.Fatal(err)
	}
	intercept = theta.AtVec(0)
	for j := 1; j <= p; j++ {
		coef = append(coef, theta.AtVec(j))
	}
	var sw, my float64
	for i := range n {
		sw += w[i]
		my += w[i] * y[i]
	}
	my /= sw
	var sse, sst float64
	for i := range n {
		pred := intercept
		for j, c := range coef {
			pred += c * Z[i][j]
		}
		sse += w[i] * (y[i] - pred) * (y[i] - pred)
		sst += w[i] * (y[i] - my) * (y[i] - my)
	}
	return coef, intercept, 1 - sse/sst
}

func TestRidgeMatchesNormalEquations(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 20 {
		n, p := 30+r.IntN(50), 1+r.IntN(6)
		Z, y, w := make([][]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			Z[i] = make([]float64, p)
			for j := range p {
				Z[i][j] = r.NormFloat64() * float64(j+1)
				y[i] += Z[i][j] * r.NormFloat64()
			}
			y[i] += r.NormFloat64()
			w[i] = r.Float64()
		}
		alpha := []float64{0, 0.01, 1, 10}[trial%4]
		m := newWeightedMoments(Z, y, w)
		all := make([]int, p)
		for j := range all {
			all[j] = j
		}
		coef, b, r2 := m.ridge(all, alpha)
		wantCoef, wantB, wantR2 := bruteRidge(t, Z, y, w, alpha)
		for j := range coef {
			if math.Abs(coef[j]-wantCoef[j]) > 1e-9*(1+math.Abs(wantCoef[j])) {
				t.Errorf("trial %d: coef %d = %v, want %v", trial, j, coef[j], wantCoef[j])
			}
		}
		if math.Abs(b-wantB) > 1e-9*(1+math.Abs(wantB)) || math.Abs(r2-wantR2) > 1e-9 {
			t.Errorf("trial %d: intercept %v r2 %v, want %v %v", trial, b, r2, wantB, wantR2)
		}
	}
}

func TestRidgeSingularMinimumNorm(t *testing.T) {
	// Two identical columns with α = 0: the minimum-norm solution splits
	// the slope equally, as scikit-learn's SVD fallback does.
	Z := [][]float64{{0, 0}, {1, 1}, {2, 2}, {3, 3}}
	y := []float64{1, 3, 5, 7}
	w := []float64{1, 1, 1, 1}
	m := newWeightedMoments(Z, y, w)
	coef, b, r2 := m.ridge([]int{0, 1}, 0)
	if math.Abs(coef[0]-1) > 1e-9 || math.Abs(coef[1]-1) > 1e-9 || math.Abs(b-1) > 1e-9 || math.Abs(r2-1) > 1e-12 {
		t.Errorf("coef %v intercept %v r2 %v, want [1 1] 1 1", coef, b, r2)
	}
	// A constant target fitted exactly scores 1; no columns gives the mean.
	c := newWeightedMoments(Z, []float64{2, 2, 2, 2}, w)
	if _, b, r2 := c.ridge(nil, 1); b != 2 || r2 != 1 {
		t.Errorf("constant target: intercept %v r2 %v", b, r2)
	}
}

func TestLIMERecoversRandomLinearRankings(t *testing.T) {
	// Property: for random linear models on independent features,
	// continuous LIME ranks features by |w_j·σ_j|.
	r := rand.New(rand.NewPCG(9, 10))
	for trial := range 8 {
		M := 3 + r.IntN(6)
		w, mu, sd := make([]float64, M), make([]float64, M), make([]float64, M)
		for j := range M {
			// Distinct effect sizes, at least 20 % apart, random signs.
			w[j] = math.Pow(1.2, float64(j)) * (1 + 0.1*r.Float64())
			if r.IntN(2) == 0 {
				w[j] = -w[j]
			}
			mu[j], sd[j] = r.NormFloat64(), 1
		}
		train := gaussianData(uint64(trial), 600, mu, sd)
		_, stds := columnStats(train)
		want := make([]float64, M)
		for j := range M {
			want[j] = w[j] * stds[j]
		}
		l, err := NewLIME(linearModel(w, r.NormFloat64()), train, LIMEOptions{NoDiscretize: true, Seed: int64(trial), Selection: SelectNone})
		if err != nil {
			t.Fatal(err)
		}
		e := surrogateOf(t, l, train[trial])
		got, exp := orderByMagnitude(e.Weights), orderByMagnitude(want)
		for k := range got {
			if got[k] != exp[k] || math.Signbit(e.Weights[got[k]]) != math.Signbit(want[got[k]]) {
				t.Fatalf("trial %d: ranking %v (weights %v), want %v (%v)", trial, got, e.Weights, exp, want)
			}
		}
	}
}

func TestLIMESelections(t *testing.T) {
	// Nine features, of which 0, 4 and 8 matter: highest weights (auto
	// with 10 features) and forward selection of 3 both find them.
	w := []float64{3, 0, 0, 0, -2, 0, 0, 0, 1}
	train := gaussianData(12, 500, make([]float64, 9), []float64{1, 1, 1, 1, 1, 1, 1, 1, 1})
	for _, o := range []LIMEOptions{{NumFeatures: 3}, {NumFeatures: 3, Selection: SelectHighestWeights}, {NumFeatures: 3, Selection: SelectForward}} {
		o.NoDiscretize = true
		l, err := NewLIME(linearModel(w, 0), train, o)
		if err != nil {
			t.Fatal(err)
		}
		e := surrogateOf(t, l, train[1])
		if !reflect.DeepEqual(e.Kept, []int{0, 4, 8}) {
			t.Errorf("selection %q kept %v, want features 0, 4, 8", o.Selection, e.Kept)
		}
	}
	l, err := NewLIME(linearModel(w, 0), train, LIMEOptions{Selection: SelectNone, NumFeatures: 2})
	if err != nil {
		t.Fatal(err)
	}
	e := surrogateOf(t, l, train[1])
	if len(e.Kept) != 9 {
		t.Errorf("SelectNone kept %d features, want all 9", len(e.Kept))
	}
}
