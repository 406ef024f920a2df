package explain

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Explainer explains the rows of X (rows × columns, the columns of the
// background it was built with): one Explanation with a row per row of X.
// Implementations are safe for concurrent use.
type Explainer interface {
	Explain(X [][]float64) (*Explanation, error)
}

// job places one call of an explainer of this package within the work it
// belongs to: ctx stops it, X[0] is row first of the work's total rows —
// which sets the rows' random streams (with Options.FirstRow) and the
// counts given to the progress hook.
type job struct {
	ctx   context.Context
	first int
	total int
}

// wholeJob is the job of a plain Explain call: all of X, never stopped.
func wholeJob(X [][]float64) job { return job{ctx: context.Background(), total: len(X)} }

// jobExplainer is implemented by every explainer of this package: it
// explains X as the rows j.first, j.first+1, … of j, stops when j.ctx is
// done and reports each row to its progress hook.
type jobExplainer interface {
	explainJob(j job, X [][]float64) (*Explanation, error)
}

// ExplainContext is ex.Explain(X), stopped when ctx is done. The
// explainers of this package check ctx before each row: once it is done no
// row starts, the rows being explained finish (one per worker), and
// ExplainContext returns an error that says how many rows were explained
// and wraps context.Cause(ctx), so errors.Is(err, context.Canceled) holds
// after a cancel or an interrupt signal (signal.NotifyContext). No
// goroutine outlives the call. An Explainer of another package is called
// only if ctx is not done yet, and runs to its end.
func ExplainContext(ctx context.Context, ex Explainer, X [][]float64) (*Explanation, error) {
	if ex == nil {
		return nil, errors.New("explain: ExplainContext: the explainer is nil")
	}
	if ctx.Err() != nil {
		return nil, stopped(ctx, 0, len(X))
	}
	if j, ok := ex.(jobExplainer); ok {
		return j.explainJob(job{ctx: ctx, total: len(X)}, X)
	}
	return ex.Explain(X)
}

// Stream explains the rows of X in blocks of blockRows rows and calls
// yield with each block's Explanation as soon as it is done, in row order:
// first is the index in X of the block's first row. The values in memory
// are those of one block, whatever the number of rows, so that a long job
// can write its output as it goes (CSVWriter and JSONWriter append blocks
// to one file).
//
// The blocks are the rows one call would explain: with an explainer of
// this package, row i of X uses the random stream of row i (see
// Options.FirstRow), so that Merge of the blocks equals ex.Explain(X) byte
// for byte, and the progress hook (Options.Progress,
// LIMEOptions.Progress) counts the rows of all of X, from 0 to len(X). An
// Explainer of another package is called once per block; its values then
// equal those of one call only if they do not depend on the row's position.
//
// Stream stops when ctx is done, as ExplainContext does, or when yield
// returns an error, which it returns. X is checked (equal widths, finite
// values) before the first block, so that bad input is reported before
// anything is yielded. blockRows must be positive.
func Stream(ctx context.Context, ex Explainer, X [][]float64, blockRows int, yield func(first int, part *Explanation) error) error {
	switch {
	case ex == nil:
		return errors.New("explain: Stream: the explainer is nil")
	case yield == nil:
		return errors.New("explain: Stream: yield is nil")
	case blockRows <= 0:
		return fmt.Errorf("explain: Stream: blockRows is %d; want > 0", blockRows)
	case len(X) == 0:
		return nil
	}
	if err := checkMatrix("X", X, len(X[0])); err != nil {
		return err
	}
	jx, _ := ex.(jobExplainer)
	for first := 0; first < len(X); first += blockRows {
		if ctx.Err() != nil {
			return stopped(ctx, first, len(X))
		}
		block := X[first:min(first+blockRows, len(X))]
		var part *Explanation
		var err error
		if jx != nil {
			part, err = jx.explainJob(job{ctx: ctx, first: first, total: len(X)}, block)
		} else {
			part, err = ex.Explain(block)
		}
		if err != nil {
			return err
		}
		if err := yield(first, part); err != nil {
			return err
		}
	}
	return nil
}

// stopped is the error of work stopped by ctx after done of total rows.
func stopped(ctx context.Context, done, total int) error {
	return fmt.Errorf("explain: stopped after %d of %d rows: %w", done, total, context.Cause(ctx))
}

// rows runs explainRow(r) for r = 0 … n−1 on up to workers goroutines
// (forEach) within job j: no row starts once j.ctx is done, and every row
// explained is reported to progress as row j.first + done of j.total —
// one call at a time, with done rising by one from 1, after a call with
// done 0 at the start of the job.
func (j job) rows(n, workers int, progress func(done, total int), explainRow func(r int) error) error {
	var mu sync.Mutex
	done := 0
	if progress != nil && j.first == 0 {
		progress(0, j.total)
	}
	err := forEach(j.ctx, n, workers, func(r int) error {
		if err := explainRow(r); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		done++
		if progress != nil {
			progress(j.first+done, j.total)
		}
		return nil
	})
	if err != nil && j.ctx.Err() != nil {
		return stopped(j.ctx, j.first+done, j.total)
	}
	return err
}
