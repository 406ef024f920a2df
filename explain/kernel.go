package explain

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/combin"
)

type kernelExplainer struct {
	e      *engine
	budget int
	design *kernelDesign
}

// NewKernel returns a Kernel SHAP explainer: the values solve the weighted
// least squares problem
//
//	min_φ Σ_S k(S)·(v(S) − v(∅) − Σ_{i∈S} φ_i)²   subject to   Σ_i φ_i = v(N) − v(∅)
//
// over coalitions S with the Shapley kernel k(S) = (M−1)/(C(M,|S|)·|S|·(M−|S|)),
// whose solution over all coalitions is the Shapley values (Lundberg & Lee,
// 2017). The constraint is imposed exactly (by eliminating one value), so
// efficiency holds to rounding.
//
// The budget is Options.Samples distinct coalitions (default 2M+2048, at
// least M+1). Subset sizes are taken in pairs (s, M−s) from the smallest s;
// a pair is enumerated completely, with its exact kernel weight, while the
// remaining budget covers it and its share of the remaining kernel weight,
// times the remaining budget, is at least its number of subsets (shap's
// rule). The rest of the budget draws complement pairs (S, N∖S) until that
// many distinct coalitions are drawn: |S| from the sizes not enumerated, in
// proportion to their total kernel weight, and S uniform among subsets of
// that size; a coalition drawn twice is evaluated once and counts twice,
// and the draws share the sizes' total weight. When the budget covers all
// 2^M − 2 proper coalitions (always for M ≤ 11 with the default budget)
// the least squares solution is the Shapley value, and it is computed as
// Exact computes it. Every coalition costs (background rows) model rows.
//
// Unlike shap's KernelExplainer no feature is ever dropped by L1 selection.
// StdErr is not estimated (it would need repeated solves) and is nil.
func NewKernel(m Model, background [][]float64, o Options) (Explainer, error) {
	e, err := newEngine(m, background, o)
	if err != nil {
		return nil, err
	}
	M := len(e.cfg.players)
	budget := o.Samples
	if budget == 0 {
		budget = 2*M + 2048
	}
	switch {
	case M < 63 && budget >= 1<<M-2:
		budget = 1<<M - 2
	case budget < M+1:
		return nil, fmt.Errorf("explain: Options.Samples = %d coalitions cannot determine %d values; Kernel needs at least M+1 = %d", budget, M, M+1)
	}
	return &kernelExplainer{e: e, budget: budget, design: newKernelDesign(M, budget)}, nil
}

// Explain estimates the values of every row of X.
func (x *kernelExplainer) Explain(X [][]float64) (*Explanation, error) {
	return x.explainJob(wholeJob(X), X)
}

func (x *kernelExplainer) explainJob(j job, X [][]float64) (*Explanation, error) {
	return x.e.explain(j, X, "kernel", x.row)
}

func (x *kernelExplainer) row(g *game, rng *rand.Rand) ([][]float64, [][]float64, error) {
	if M := len(g.e.cfg.players); M < 63 && x.budget == 1<<M-2 {
		// Every coalition: the least squares solution is the Shapley
		// value, which Exact's weighted sum computes without the solve.
		return exactRow(g, rng)
	}
	return x.leastSquares(g, rng)
}

// leastSquares draws the budget's coalitions (kernelDesign.draw) and
// solves for the values (solveKernel).
func (x *kernelExplainer) leastSquares(g *game, rng *rand.Rand) ([][]float64, [][]float64, error) {
	set, weight := x.design.draw(rng)
	v, err := set.values(g)
	if err != nil {
		return nil, nil, err
	}
	return solveKernel(set, weight, v, g.e.base, g.fx)
}

// kernelDesign is what the coalitions of every row share: those of the
// enumerated sizes, with their weights, and how the rest are drawn.
type kernelDesign struct {
	players    int
	enumerated *coalitions
	weight     []float64
	left       int       // coalitions to draw
	sizes      []int     // the sizes drawn from
	cum        []float64 // their cumulative kernel weight
}

// sizeWeight is the Shapley kernel's total weight of the coalitions of
// size s among M players: (M−1)/(s(M−s)).
func sizeWeight(M, s int) float64 { return float64(M-1) / float64(s*(M-s)) }

// newKernelDesign enumerates the sizes the budget covers (see NewKernel).
func newKernelDesign(M, budget int) *kernelDesign {
	d := &kernelDesign{players: M, enumerated: newCoalitions(M)}
	remaining := 0.0 // total kernel weight of the sizes not enumerated
	for t := 1; t < M; t++ {
		remaining += sizeWeight(M, t)
	}
	left := budget
	rest := math.Ldexp(1, M) - 2 // coalitions of the sizes not enumerated
	m := newMask(M)
	s := 1
	for ; s <= M/2; s++ {
		c := math.Round(combin.GeneralizedBinomial(float64(M), float64(s)))
		n, share := c, sizeWeight(M, s)
		if s != M-s {
			n, share = 2*c, 2*share
		}
		// Enumerate the pair when its share of the remaining weight,
		// in coalitions, covers all its subsets, and everything when the
		// budget does.
		if n > float64(left) || (float64(left) < rest && float64(left)*share/remaining < n) {
			break
		}
		left -= int(n)
		rest -= n
		remaining -= share
		w := sizeWeight(M, s) / c
		gen, members := combin.NewCombinationGenerator(M, s), make([]int, s)
		for gen.Next() {
			clear(m)
			for _, p := range gen.Combination(members) {
				m.set(p)
			}
			// Enumerated sizes are never drawn: their masks skip the index.
			d.enumerated.appendNew(m)
			d.weight = append(d.weight, w)
			if s != M-s {
				for p := range M {
					m.flip(p)
				}
				d.enumerated.appendNew(m)
				d.weight = append(d.weight, w)
			}
		}
	}
	if s > M/2 || left < 2 {
		return d
	}
	// Sizes s..M−s remain: complement pairs are drawn, a size in
	// proportion to its total weight.
	d.left = left
	total := 0.0
	for t := s; t <= M-s; t++ {
		total += sizeWeight(M, t)
		d.sizes = append(d.sizes, t)
		d.cum = append(d.cum, total)
	}
	return d
}

// draw returns the coalitions of one row and their weights: the
// enumerated ones, then complement pairs (S, N∖S) drawn until left new
// coalitions are drawn — |S| from the sizes not enumerated, in proportion
// to their total kernel weight, and S uniform among subsets of that size;
// a coalition drawn twice is evaluated once and counts twice, and the
// draws share the sizes' total weight.
func (d *kernelDesign) draw(rng *rand.Rand) (*coalitions, []float64) {
	set := d.enumerated.clone()
	weight := append(make([]float64, 0, set.len()+d.left), d.weight...)
	if d.left == 0 {
		return set, weight
	}
	M, first := d.players, set.len()
	add := func(m mask) {
		if i := set.add(m); i == len(weight) {
			weight = append(weight, 1)
		} else {
			weight[i]++
		}
	}
	total := d.cum[len(d.cum)-1]
	perm := make([]int, M)
	m := newMask(M)
	for draws := 0; set.len()-first < d.left-1 && draws < 100*(first+d.left); draws++ {
		u := rng.Float64() * total
		i := 0
		for i < len(d.cum)-1 && d.cum[i] <= u {
			i++
		}
		size := d.sizes[i]
		for p := range perm {
			perm[p] = p
		}
		clear(m)
		for t := range size { // partial Fisher–Yates: a uniform size-subset
			j := t + rng.IntN(M-t)
			perm[t], perm[j] = perm[j], perm[t]
			m.set(perm[t])
		}
		add(m)
		for p := range M {
			m.flip(p)
		}
		add(m)
	}
	// Each draw counts once; together the draws carry the sizes' weight.
	drawn := 0.0
	for _, w := range weight[first:] {
		drawn += w
	}
	for i := first; i < len(weight); i++ {
		weight[i] *= total / drawn
	}
	return set, weight
}

// solveKernel solves the constrained weighted least squares problem by
// eliminating the last player: with Δ = f(x) − base,
//
//	v(S) − base − z_M·Δ ≈ Σ_{i<M} (z_i − z_M)·φ_i,   φ_M = Δ − Σ_{i<M} φ_i,
//
// each equation scaled by √k(S). It is solved for all outputs through the
// normal equations GΦ = H, G = Σ_S k(S)·a·aᵀ and H = Σ_S k(S)·a·yᵀ with
// a_i = z_i − z_M ∈ {−1, 0, 1}, so a coalition costs one addition per pair
// of its non-zero a_i rather than a row of a dense factorisation; when G is
// not well conditioned (cond(G) = cond(A)² > 1e10) by one QR factorisation
// of the scaled rows instead.
func solveKernel(set *coalitions, weight, v, base, fx []float64) ([][]float64, [][]float64, error) {
	if phi, ok := solveKernelNormal(set, weight, v, base, fx); ok {
		return phi, nil, nil
	}
	return solveKernelQR(set, weight, v, base, fx)
}

// solveKernelNormal solves the normal equations by Cholesky; ok is false
// when G is singular or badly conditioned.
func solveKernelNormal(set *coalitions, weight, v, base, fx []float64) (phi [][]float64, ok bool) {
	M, K, n := set.players, len(base), set.len()
	m := M - 1
	G := mat.NewSymDense(m, nil)
	H := mat.NewDense(m, K, nil)
	gs, hs := G.RawSymmetric(), H.RawMatrix() // row-major; G's upper triangle
	g, h := gs.Data, hs.Data
	// A coalition adds k(S) to G_ij for the pairs of its non-zero columns
	// nz. When nz is most of the m columns it costs less through its
	// complement c: G_ij += k(S)·(1 − [i∈c] − [j∈c] + [i∈c][j∈c]), the
	// constant and the row sums kept aside (all, out) until the end; H
	// likewise.
	all, out := 0.0, make([]float64, m)
	allH := make([]float64, K)
	nz, c := make([]int, 0, m), make([]int, 0, m)
	for r := range n {
		z := set.mask(r)
		w := weight[r]
		if w == 0 {
			continue
		}
		zM := z.has(M - 1)
		sign := 1.0 // a_i = z_i − z_M: +1 on S when z_M = 0, −1 off S when z_M = 1
		if zM {
			sign = -1
		}
		nz = z.members(nz[:0], m, !zM)
		c = z.members(c[:0], m, zM)
		pairs, sub, large := nz, 1.0, len(nz) > m/2
		if large {
			all += w
			for _, i := range c {
				out[i] += w
			}
			pairs, sub = c, -1
		}
		for a, i := range pairs {
			row := g[i*gs.Stride:]
			for _, j := range pairs[a:] {
				row[j] += w
			}
		}
		for k := range K {
			y := v[r*K+k] - base[k]
			if zM {
				y -= fx[k] - base[k]
			}
			if large {
				allH[k] += sign * w * y
			}
			for _, i := range pairs {
				h[i*hs.Stride+k] += sub * sign * w * y
			}
		}
	}
	for i := range m {
		for j := i; j < m; j++ {
			g[i*gs.Stride+j] += all - out[i] - out[j]
		}
		for k := range K {
			h[i*hs.Stride+k] += allH[k]
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(G) || chol.Cond() > 1e10 {
		return nil, false
	}
	var sol mat.Dense
	if err := chol.SolveTo(&sol, H); err != nil {
		return nil, false
	}
	return kernelValues(&sol, M, K, base, fx), true
}

// solveKernelQR solves the least squares problem by a QR factorisation of
// the scaled rows.
func solveKernelQR(set *coalitions, weight, v, base, fx []float64) ([][]float64, [][]float64, error) {
	M, K, n := set.players, len(base), set.len()
	A := mat.NewDense(n, M-1, nil)
	B := mat.NewDense(n, K, nil)
	for r := range n {
		z := set.mask(r)
		sw := math.Sqrt(weight[r])
		zM := 0.0
		if z.has(M - 1) {
			zM = 1
		}
		for i := 0; i < M-1; i++ {
			zi := 0.0
			if z.has(i) {
				zi = 1
			}
			A.Set(r, i, sw*(zi-zM))
		}
		for k := range K {
			B.Set(r, k, sw*(v[r*K+k]-base[k]-zM*(fx[k]-base[k])))
		}
	}
	var qr mat.QR
	qr.Factorize(A)
	var sol mat.Dense
	if err := qr.SolveTo(&sol, false, B); err != nil {
		var cond mat.Condition
		if !errors.As(err, &cond) || math.IsInf(float64(cond), 0) || float64(cond) > 1e12 {
			return nil, nil, fmt.Errorf("explain: Kernel SHAP's %d coalitions do not determine the %d values (%v); raise Options.Samples", n, M, err)
		}
	}
	return kernelValues(&sol, M, K, base, fx), nil, nil
}

// kernelValues returns the values: the solution for the first M−1 players
// and, for the last, what remains of f(x) − base.
func kernelValues(sol *mat.Dense, M, K int, base, fx []float64) [][]float64 {
	phi := matrix(M, K)
	for k := range K {
		rest := fx[k] - base[k]
		for i := 0; i < M-1; i++ {
			phi[i][k] = sol.At(i, k)
			rest -= phi[i][k]
		}
		phi[M-1][k] = rest
	}
	return phi
}
