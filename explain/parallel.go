package explain

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// workers is the number of goroutines for an option that is 0 for "all
// cores": runtime.GOMAXPROCS(0).
func workers(option int) int {
	if option == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return option
}

// forEach calls f(0) … f(n−1) on up to workers goroutines (an errgroup
// with a limit) and returns the first error; once a call has failed or ctx
// is done no further call starts, and when ctx stopped it before f(n−1)
// started it returns context.Cause(ctx). It returns when every call it
// started has returned. It is the one worker pool of the package.
func forEach(ctx context.Context, n, workers int, f func(i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(workers, 1))
	started := 0
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if gctx.Err() != nil { // stopped before it began
				return context.Cause(gctx)
			}
			return f(i)
		})
		started++
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if ctx.Err() != nil && started < n {
		return context.Cause(ctx)
	}
	return nil
}

// rowFunc explains the row g.x: phi and se are [player][output]; se is nil
// when the values are exact. rng is the row's own generator.
type rowFunc func(g *game, rng *rand.Rand) (phi, se [][]float64, err error)

// rowRand returns the generator of row r: a PCG stream fixed by (seed, r),
// so that the values do not depend on which worker explains the row.
func rowRand(seed int64, r int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15*uint64(r+1)))
}

// explain validates X, explains its rows in parallel (cfg.workers at a
// time; a game, with its batch buffers, is reused from row to row) as the
// rows of job j, and assembles the Explanation.
func (e *engine) explain(j job, X [][]float64, method string, f rowFunc) (*Explanation, error) {
	c := e.cfg
	if err := checkMatrix("X", X, c.columns); err != nil {
		return nil, err
	}
	n := len(X)
	phis := make([][][]float64, n)
	ses := make([][][]float64, n)
	evals := make([]int64, n)
	games := make(chan *game, c.workers)
	for range c.workers {
		games <- e.newGame()
	}
	err := j.rows(n, c.workers, c.opts.Progress, func(r int) error {
		g := <-games
		defer func() { games <- g }()
		err := g.reset(X[r])
		if err == nil {
			phis[r], ses[r], err = f(g, rowRand(c.opts.Seed, c.opts.FirstRow+j.first+r))
		}
		evals[r] = g.evals
		if err != nil {
			return fmt.Errorf("%w (explaining row %d)", err, j.first+r)
		}
		return nil
	})
	if err != nil {
		return nil, err
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
		Categories:   c.categories,
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
