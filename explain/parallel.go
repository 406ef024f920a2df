package explain

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// rowFunc explains the row g.x: phi and se are [player][output]; se is nil
// when the values are exact. rng is the row's own generator.
type rowFunc func(g *game, rng *rand.Rand) (phi, se [][]float64, err error)

// rowRand returns the generator of row r: a PCG stream fixed by (seed, r),
// so that the values do not depend on which worker explains the row.
func rowRand(seed int64, r int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15*uint64(r+1)))
}

// explain validates X, explains its rows in parallel (cfg.workers at a
// time, each with its own game) and assembles the Explanation.
func (e *engine) explain(X [][]float64, method string, f rowFunc) (*Explanation, error) {
	c := e.cfg
	if err := checkMatrix("X", X, c.columns); err != nil {
		return nil, err
	}
	n := len(X)
	phis := make([][][]float64, n)
	ses := make([][][]float64, n)
	evals := make([]int64, n)
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < min(c.workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := e.newGame()
			for !failed.Load() {
				r := int(next.Add(1) - 1)
				if r >= n {
					return
				}
				err := g.reset(X[r])
				if err == nil {
					phis[r], ses[r], err = f(g, rowRand(c.opts.Seed, r))
				}
				evals[r] = g.evals
				if err != nil {
					errs[r] = fmt.Errorf("%w (explaining row %d)", err, r)
					failed.Store(true)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	ex := &Explanation{
		Values:       phis,
		BaseValues:   make([][]float64, n),
		Method:       method,
		FeatureNames: append([]string(nil), c.names...),
		OutputNames:  append([]string(nil), e.outNames...),
		Data:         make([][]float64, n),
		Link:         c.linkName(),
		Seed:         c.opts.Seed,
		Categories:   c.opts.Categories,
	}
	if c.opts.Groups != nil {
		ex.Groups = make([][]int, len(c.players))
		for g, cols := range c.players {
			ex.Groups[g] = append([]int(nil), cols...)
		}
	}
	hasSE := false
	for r := range X {
		ex.BaseValues[r] = append([]float64(nil), e.base...)
		ex.Data[r] = append([]float64(nil), X[r]...)
		ex.Evaluations += evals[r]
		hasSE = hasSE || ses[r] != nil
	}
	if hasSE {
		ex.StdErr = ses
	}
	return ex, nil
}

// matrix allocates a rows × cols matrix backed by one slice.
func matrix(rows, cols int) [][]float64 {
	flat := make([]float64, rows*cols)
	m := make([][]float64, rows)
	for i := range m {
		m[i] = flat[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return m
}
