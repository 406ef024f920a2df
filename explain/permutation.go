package explain

import (
	"math"
	"math/rand/v2"
)

// DefaultPermutations is the Permutation budget when Options.Samples is 0.
const DefaultPermutations = 20

type permutationExplainer struct {
	e      *engine
	passes int
}

// NewPermutation returns an explainer that estimates interventional
// Shapley values by sampling player orderings. Each antithetic pass draws
// a random permutation π and also uses its reverse; along an ordering the
// value of a player is its marginal contribution v(Pre ∪ {i}) − v(Pre), and
// a pass averages the two orderings:
//
//	φ̂_i = (1/P) Σ_p ½[Δ_i(π_p) + Δ_i(reverse π_p)].
//
// Options.Samples is the number of permutations (default
// DefaultPermutations), rounded up to an even number, so P = ⌈Samples/2⌉
// passes. Every pass telescopes to v(N) − v(∅), so efficiency is exact;
// one pass is already exact when f has at most pairwise interactions. A
// pass costs 2(M−1) coalitions of (background rows) model rows each, less
// the coalitions already evaluated for the row. StdErr is the standard
// error of the mean over passes, sd/√P; nil when P = 1.
func NewPermutation(m Model, background [][]float64, o Options) (Explainer, error) {
	e, err := newEngine(m, background, o)
	if err != nil {
		return nil, err
	}
	s := o.Samples
	if s == 0 {
		s = DefaultPermutations
	}
	return &permutationExplainer{e: e, passes: (s + 1) / 2}, nil
}

// Explain estimates the values of every row of X.
func (x *permutationExplainer) Explain(X [][]float64) (*Explanation, error) {
	return x.explainJob(wholeJob(X), X)
}

func (x *permutationExplainer) explainJob(j job, X [][]float64) (*Explanation, error) {
	return x.e.explain(j, X, "permutation", x.row)
}

func (x *permutationExplainer) row(g *game, rng *rand.Rand) ([][]float64, [][]float64, error) {
	M, K, P := len(g.e.cfg.players), g.e.outputs, x.passes
	set := newCoalitions(M)
	orders := make([][]int, 2*P) // player orderings
	chains := make([][]int, 2*P) // coalition index after 0..M players
	m := newMask(M)
	for p := 0; p < P; p++ {
		perm := rng.Perm(M)
		rev := make([]int, M)
		for i, q := range perm {
			rev[M-1-i] = q
		}
		for d, order := range [][]int{perm, rev} {
			clear(m)
			chain := make([]int, M+1)
			chain[0] = set.add(m)
			for t, q := range order {
				m.set(q)
				chain[t+1] = set.add(m)
			}
			orders[2*p+d], chains[2*p+d] = order, chain
		}
	}
	v, err := set.values(g)
	if err != nil {
		return nil, nil, err
	}
	sum, sumSq := matrix(M, K), matrix(M, K)
	est := matrix(M, K)
	for p := 0; p < P; p++ {
		for i := range est {
			clear(est[i])
		}
		for d := 0; d < 2; d++ {
			order, chain := orders[2*p+d], chains[2*p+d]
			for t, q := range order {
				after, before := v[chain[t+1]*K:], v[chain[t]*K:]
				for k := range K {
					est[q][k] += 0.5 * (after[k] - before[k])
				}
			}
		}
		for i := range est {
			for k, e := range est[i] {
				sum[i][k] += e
				sumSq[i][k] += e * e
			}
		}
	}
	for i := range sum {
		for k := range sum[i] {
			sum[i][k] /= float64(P)
		}
	}
	if P < 2 {
		return sum, nil, nil
	}
	for i := range sumSq {
		for k := range sumSq[i] {
			mean := sum[i][k]
			variance := (sumSq[i][k] - float64(P)*mean*mean) / float64(P-1)
			sumSq[i][k] = math.Sqrt(max(variance, 0) / float64(P))
		}
	}
	return sum, sumSq, nil
}
