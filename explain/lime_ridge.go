package explain

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// weightedMoments holds the weighted, centred second moments of a design Z
// (n × p) and a target y under sample weights w — everything a weighted
// ridge regression with an intercept needs, for any subset of the columns:
//
//	x̄ = Σ wᵢ zᵢ / Σ wᵢ,  Sxx = Σ wᵢ (zᵢ−x̄)(zᵢ−x̄)ᵀ,  Sxy = Σ wᵢ (zᵢ−x̄)(yᵢ−ȳ),  Syy = Σ wᵢ (yᵢ−ȳ)².
type weightedMoments struct {
	meanX []float64
	meanY float64
	sxx   [][]float64
	sxy   []float64
	syy   float64
}

func newWeightedMoments(Z [][]float64, y, w []float64) weightedMoments {
	p := len(Z[0])
	m := weightedMoments{meanX: make([]float64, p), sxy: make([]float64, p), sxx: make([][]float64, p)}
	sw := 0.0
	for i, z := range Z {
		sw += w[i]
		m.meanY += w[i] * y[i]
		for j, v := range z {
			m.meanX[j] += w[i] * v
		}
	}
	m.meanY /= sw
	for j := range m.meanX {
		m.meanX[j] /= sw
		m.sxx[j] = make([]float64, p)
	}
	c := make([]float64, p)
	for i, z := range Z {
		dy := y[i] - m.meanY
		m.syy += w[i] * dy * dy
		for j, v := range z {
			c[j] = v - m.meanX[j]
			m.sxy[j] += w[i] * c[j] * dy
		}
		for j := range p {
			wc := w[i] * c[j]
			row := m.sxx[j]
			for k := j; k < p; k++ {
				row[k] += wc * c[k]
			}
		}
	}
	for j := range p {
		for k := j + 1; k < p; k++ {
			m.sxx[k][j] = m.sxx[j][k]
		}
	}
	return m
}

// ridge fits y ≈ b + Σ_{j∈cols} β_j z_j by weighted ridge regression with
// penalty alpha·|β|² (the intercept is not penalised), as scikit-learn's
// Ridge(alpha, fit_intercept=True) with sample_weight does:
// β = (Sxx + αI)⁻¹ Sxy on the chosen columns, b = ȳ − x̄ᵀβ. A singular
// system (possible only with alpha = 0) gets the minimum-norm solution.
// r2 is the weighted coefficient of determination 1 − SSE/Syy on the fitted
// data, with SSE = Syy − 2βᵀSxy + βᵀSxxβ; a constant target scores 1 when
// fitted exactly, else 0 (scikit-learn's convention).
func (m *weightedMoments) ridge(cols []int, alpha float64) (coef []float64, intercept, r2 float64) {
	k := len(cols)
	coef = make([]float64, k)
	if k > 0 {
		g := mat.NewSymDense(k, nil)
		b := mat.NewVecDense(k, nil)
		for a, ca := range cols {
			b.SetVec(a, m.sxy[ca])
			for c := a; c < k; c++ {
				v := m.sxx[ca][cols[c]]
				if a == c {
					v += alpha
				}
				g.SetSym(a, c, v)
			}
		}
		x := mat.NewVecDense(k, coef)
		var ch mat.Cholesky
		if !ch.Factorize(g) || ch.SolveVecTo(x, b) != nil {
			minNormSolve(g, b, x)
		}
	}
	intercept = m.meanY
	sse := m.syy
	for a, ca := range cols {
		intercept -= coef[a] * m.meanX[ca]
		sse -= 2 * coef[a] * m.sxy[ca]
		for c, cc := range cols {
			sse += coef[a] * m.sxx[ca][cc] * coef[c]
		}
	}
	sse = math.Max(sse, 0)
	switch {
	case m.syy > 0:
		r2 = math.Max(0, math.Min(1, 1-sse/m.syy))
	case sse <= 1e-300:
		r2 = 1
	}
	return coef, intercept, r2
}

// minNormSolve writes the minimum-norm least-squares solution of g·x = b to
// x, discarding singular values below 1e-12 of the largest.
func minNormSolve(g *mat.SymDense, b, x *mat.VecDense) {
	var svd mat.SVD
	if !svd.Factorize(g, mat.SVDThin) {
		x.Zero()
		return
	}
	s := svd.Values(nil)
	rank := 0
	for _, v := range s {
		if v > s[0]*1e-12 {
			rank++
		}
	}
	if rank == 0 {
		x.Zero()
		return
	}
	var dst mat.Dense
	svd.SolveTo(&dst, b, rank)
	x.CopyVec(dst.ColView(0))
}

// forwardSelection is lime's forward selection: starting from no features it
// adds, num times, the feature whose unpenalised weighted least-squares fit
// (with the features already chosen) has the highest weighted R²; ties go to
// the lowest index.
func (m *weightedMoments) forwardSelection(num int) []int {
	p := len(m.meanX)
	used := make([]int, 0, min(num, p))
	taken := make([]bool, p)
	for len(used) < min(num, p) {
		best, bestScore := -1, math.Inf(-1)
		for f := range p {
			if taken[f] {
				continue
			}
			_, _, r2 := m.ridge(append(used, f), 0)
			if r2 > bestScore {
				best, bestScore = f, r2
			}
		}
		used = append(used, best)
		taken[best] = true
	}
	return used
}

// highestWeights is lime's "highest_weights" selection: fit a ridge with
// α = 0.01 on every feature and keep the num features with the largest
// |β_j · z0_j|, z0 being the explained instance in the regression's space.
func (m *weightedMoments) highestWeights(z0 []float64, num int) []int {
	all := make([]int, len(m.meanX))
	for j := range all {
		all[j] = j
	}
	coef, _, _ := m.ridge(all, 0.01)
	sort.SliceStable(all, func(a, b int) bool {
		return math.Abs(coef[all[a]]*z0[all[a]]) > math.Abs(coef[all[b]]*z0[all[b]])
	})
	return all[:min(num, len(all))]
}
