package explain

import (
	"fmt"
	"math"
)

// predict calls m on X and checks its answer: one row per input row, each
// with the same number of finite outputs — outputs of them when outputs > 0.
// An error or a panic inside the model is returned as an error. Every call
// of a Model in this package goes through it (an Affine model's Head too).
func predict(m Model, X [][]float64, outputs int) (out [][]float64, err error) {
	return guarded(m.Predict, X, outputs)
}

// guarded is predict for any of a model's functions of a batch.
func guarded(f func([][]float64) ([][]float64, error), X [][]float64, outputs int) (out [][]float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("explain: model panicked: %v", r)
		}
	}()
	out, err = f(X)
	if err != nil {
		return nil, fmt.Errorf("explain: model failed: %w", err)
	}
	if len(out) != len(X) {
		return nil, fmt.Errorf("explain: model returned %d rows for %d input rows", len(out), len(X))
	}
	for i, y := range out {
		if outputs <= 0 {
			if len(y) == 0 {
				return nil, fmt.Errorf("explain: model returned no outputs for batch row %d", i)
			}
			outputs = len(y)
		}
		if len(y) != outputs {
			return nil, fmt.Errorf("explain: model returned %d outputs for batch row %d; want %d", len(y), i, outputs)
		}
		for k, v := range y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("explain: model returned %v for batch row %d, output %d", v, i, k)
			}
		}
	}
	return out, nil
}

// guardedHead32 is guarded for Head32: an error or a panic is an error,
// and so is a non-finite output.
func guardedHead32(h Head32, Z []float32, rows int, out []float64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("explain: model panicked in Head32: %v", r)
		}
	}()
	if err := h.Head32(Z, rows, out); err != nil {
		return fmt.Errorf("explain: model failed: %w", err)
	}
	K := len(out) / max(rows, 1)
	for i, v := range out {
		if v-v != 0 { // NaN and ±Inf give NaN
			return fmt.Errorf("explain: model returned %v for batch row %d, output %d", v, i/K, i%K)
		}
	}
	return nil
}
