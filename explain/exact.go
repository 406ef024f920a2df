package explain

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// MaxExactFeatures is the largest number of players Exact accepts.
const MaxExactFeatures = 20

type exactExplainer struct{ e *engine }

// NewExact returns an explainer that computes interventional Shapley
// values exactly, by evaluating all 2^M coalitions of the M players:
//
//	φ_i = Σ_{S ⊆ N∖{i}} |S|!(M−|S|−1)!/M! · (v(S∪{i}) − v(S)),
//	v(S) = link(Σ_b w_b f(x_S, b_S̄)),
//
// with the background rows b weighted by w (equal weights by default). It
// costs (2^M − 2)·(background rows) + 1 model rows per explained row, and
// refuses M > MaxExactFeatures: use NewKernel or NewPermutation then, or
// fewer players via Options.Groups. The model's background predictions are
// made here, once.
func NewExact(m Model, background [][]float64, o Options) (Explainer, error) {
	e, err := newEngine(m, background, o)
	if err != nil {
		return nil, err
	}
	if M := len(e.cfg.players); M > MaxExactFeatures {
		return nil, fmt.Errorf("explain: Exact needs 2^M coalitions and refuses M = %d > %d players; use NewKernel or NewPermutation, or group columns with Options.Groups", M, MaxExactFeatures)
	}
	return &exactExplainer{e}, nil
}

// Explain computes the exact values of every row of X.
func (x *exactExplainer) Explain(X [][]float64) (*Explanation, error) {
	return x.explainJob(wholeJob(X), X)
}

func (x *exactExplainer) explainJob(j job, X [][]float64) (*Explanation, error) {
	return x.e.explain(j, X, "exact", exactRow)
}

func exactRow(g *game, _ *rand.Rand) ([][]float64, [][]float64, error) {
	M, K := len(g.e.cfg.players), g.e.outputs
	// Coalitions in Gray code order, i ⊕ (i >> 1): each differs from the
	// one before by one player, so an Affine model's game builds it with
	// one vector addition. byGray[i] is the value of coalition i ⊕ (i >> 1).
	byGray, err := g.values(1<<M, func(i int, dst mask) { dst[0] = uint64(i ^ i>>1) })
	if err != nil {
		return nil, nil, err
	}
	v := make([]float64, len(byGray))
	for i := range 1 << M {
		s := i ^ i>>1
		copy(v[s*K:(s+1)*K], byGray[i*K:(i+1)*K])
	}
	w := shapleyWeights(M)
	phi := matrix(M, K)
	for s := 0; s < 1<<M; s++ {
		size := bits.OnesCount(uint(s))
		for p := 0; p < M; p++ {
			if s>>p&1 == 1 {
				continue
			}
			with, without := v[(s|1<<p)*K:], v[s*K:]
			for k := range K {
				phi[p][k] += w[size] * (with[k] - without[k])
			}
		}
	}
	return phi, nil, nil
}

// shapleyWeights returns w[s] = s!(M−s−1)!/M! = 1/(M·C(M−1, s)) for
// s = 0..M−1.
func shapleyWeights(M int) []float64 {
	w := make([]float64, M)
	c := 1.0 // C(M−1, s)
	for s := range w {
		w[s] = 1 / (float64(M) * c)
		c = c * float64(M-1-s) / float64(s+1)
	}
	return w
}
