package ml

import (
	"errors"
	"fmt"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// batchBuckets are the row counts Predict and Gradient run graphs with: a
// request is cut into chunks of at most the largest bucket and each chunk is
// padded up to the next bucket, so each graph compiles at most len(batchBuckets)
// times whatever the callers' batch sizes.
// Padding at most quadruples a chunk of more than 128 rows (10,000 rows run
// as 4096 + 4096 + 2048).
var batchBuckets = []int{1, 16, 128, 512, 2048, 4096}

func bucketFor(n int) int {
	for _, b := range batchBuckets {
		if n <= b {
			return b
		}
	}
	return batchBuckets[len(batchBuckets)-1]
}

// errNotTrained is returned by Predict and Gradient before the model has weights.
var errNotTrained = errors.New("ml: the model has no weights yet: call Fit or load a run first")

// Predict returns the model's outputs for X (rows × InputDim encoded
// features): probabilities for classification (one column P(y=1) for binary,
// k columns for multi-class), values for regression. It implements
// explain.Model and is safe for concurrent use.
func (m *Sequential) Predict(X [][]float64) ([][]float64, error) {
	if err := m.ready(X); err != nil {
		return nil, err
	}
	if m.pureGo { // checks the values while converting them, in parallel
		net, err := m.native()
		if err != nil {
			return nil, err
		}
		return net.predict(X)
	}
	if err := checkRows("X", X, m.inputDim); err != nil {
		return nil, err
	}
	return m.predictGraph(X)
}

// predictGraph runs Predict through GoMLX's compiled graph.
func (m *Sequential) predictGraph(X [][]float64) ([][]float64, error) {
	e, err := m.executor(&m.predict, func() (*model.Exec, error) {
		return model.NewExec(m.backend, m.store, func(scope *model.Scope, x *graph.Node) *graph.Node {
			out, _ := m.forward(scope, x, false)
			return out
		})
	})
	if err != nil {
		return nil, err
	}
	return m.runChunks(e, X, m.OutputDim(), nil)
}

// executor returns the executor in *slot, building it on first use. Only
// the building is locked: a GoMLX Exec compiles each shape once and runs
// compiled graphs from several goroutines, and the weights are only read,
// so Predict and Gradient calls run concurrently.
func (m *Sequential) executor(slot **model.Exec, build func() (*model.Exec, error)) (*model.Exec, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if *slot == nil {
		e, err := build()
		if err != nil {
			return nil, err
		}
		*slot = e
	}
	return *slot, nil
}

// Gradient returns ∂f_output(x)/∂x_j for every row of X (rows × InputDim),
// computed by GoMLX's reverse-mode autodiff through the trained network.
// It implements explain.GradientModel and is safe for concurrent use.
func (m *Sequential) Gradient(X [][]float64, output int) ([][]float64, error) {
	if err := m.ready(X); err != nil {
		return nil, err
	}
	if err := checkRows("X", X, m.inputDim); err != nil {
		return nil, err
	}
	k := m.OutputDim()
	if output < 0 || output >= k {
		return nil, fmt.Errorf("ml: Gradient: output %d out of range, the model has %d output(s)", output, k)
	}
	e, err := m.executor(&m.grad, func() (*model.Exec, error) {
		return model.NewExec(m.backend, m.store, func(scope *model.Scope, x, mask *graph.Node) *graph.Node {
			out, _ := m.forward(scope, x, false)
			selected := graph.ReduceAllSum(graph.Mul(out, mask))
			return graph.Gradient(selected, x)[0]
		})
	})
	if err != nil {
		return nil, err
	}
	mask := make([]float32, k)
	mask[output] = 1
	return m.runChunks(e, X, m.inputDim, tensors.FromFlatDataAndDimensions(mask, 1, k))
}

// ready checks that the model can run on X.
func (m *Sequential) ready(X [][]float64) error {
	if err := m.trained(); err != nil {
		return err
	}
	return checkShape("X", X, m.inputDim)
}

// trained reports whether the model is compiled and has weights.
func (m *Sequential) trained() error {
	if !m.compiled {
		return errors.New("ml: the model is not compiled: call Compile first")
	}
	m.mu.Lock()
	trained := m.store != nil
	m.mu.Unlock()
	if !trained {
		return errNotTrained
	}
	return nil
}

// runChunks runs e over X in bucket-sized chunks, passing extra (if not nil)
// as a second argument, and gathers width columns per row.
func (m *Sequential) runChunks(e *model.Exec, X [][]float64, width int, extra *tensors.Tensor) ([][]float64, error) {
	out := make([][]float64, 0, len(X))
	maxRows := batchBuckets[len(batchBuckets)-1]
	for lo := 0; lo < len(X); lo += maxRows {
		hi := min(lo+maxRows, len(X))
		padded := bucketFor(hi - lo)
		x := tensors.FromFlatDataAndDimensions(flatten(X, lo, hi, padded), padded, m.inputDim)
		args := []any{x}
		if extra != nil {
			args = append(args, extra)
		}
		var res *tensors.Tensor
		err := catchPanic(func() error {
			r, err := e.Call1(args...)
			res = r
			return err
		})
		x.FinalizeAll()
		if err != nil {
			return nil, fmt.Errorf("ml: running the model on rows %d…%d: %w", lo, hi-1, err)
		}
		flat, err := tensors.CopyFlatData[float32](res)
		res.FinalizeAll()
		if err != nil {
			return nil, err
		}
		for r := 0; r < hi-lo; r++ {
			row := make([]float64, width)
			for j := range row {
				row[j] = float64(flat[r*width+j])
			}
			out = append(out, row)
		}
	}
	return out, nil
}
