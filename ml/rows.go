package ml

import (
	"fmt"
	"math"
)

// checkRows verifies that X is non-empty, rectangular with width columns and
// finite, naming the first bad row and column.
func checkRows(what string, X [][]float64, width int) error {
	if err := checkShape(what, X, width); err != nil {
		return err
	}
	for i, row := range X {
		if j := nonFinite(row); j >= 0 {
			return nonFiniteError(what, i, j, row[j])
		}
	}
	return nil
}

// checkShape is checkRows without looking at the values.
func checkShape(what string, X [][]float64, width int) error {
	if len(X) == 0 {
		return fmt.Errorf("ml: %s has no rows", what)
	}
	for i, row := range X {
		if len(row) != width {
			return fmt.Errorf("ml: %s row %d has %d columns, want %d", what, i, len(row), width)
		}
	}
	return nil
}

// nonFinite returns the first column of row holding NaN or ±Inf, or −1.
func nonFinite(row []float64) int {
	for j, v := range row {
		if v-v != 0 { // NaN or ±Inf: one subtraction instead of two tests
			return j
		}
	}
	return -1
}

func nonFiniteError(what string, row, col int, v float64) error {
	return fmt.Errorf("ml: %s row %d column %d is %v; impute or drop non-finite values first", what, row, col, v)
}

// flatten copies rows lo…hi−1 of X into a float32 matrix of padded rows,
// repeating the last row as padding.
func flatten(X [][]float64, lo, hi, padded int) []float32 {
	width := len(X[lo])
	out := make([]float32, padded*width)
	for r := 0; r < padded; r++ {
		src := X[min(lo+r, hi-1)]
		for j, v := range src {
			out[r*width+j] = float32(v)
		}
	}
	return out
}

// labelsFor checks y against the task and returns it in the model's output
// layout: binary y is one column of 0/1; multi-class y is one-hot with k
// columns, or one column of class indices 0…k−1 that is expanded to one-hot;
// regression y has k columns.
func labelsFor(task Task, y [][]float64, n, k int) ([][]float64, error) {
	if len(y) != n {
		return nil, fmt.Errorf("ml: y has %d rows, X has %d", len(y), n)
	}
	if task == TaskMulticlass && k > 1 && len(y) > 0 && len(y[0]) == 1 {
		out := make([][]float64, n)
		for i, row := range y {
			if len(row) != 1 {
				return nil, fmt.Errorf("ml: y row %d has %d columns, want 1 (class index) like row 0", i, len(row))
			}
			c := row[0]
			if c != math.Trunc(c) || c < 0 || int(c) >= k {
				return nil, fmt.Errorf("ml: y row %d is %v, want a class index in 0…%d", i, c, k-1)
			}
			out[i] = make([]float64, k)
			out[i][int(c)] = 1
		}
		return out, nil
	}
	if err := checkRows("y", y, k); err != nil {
		return nil, err
	}
	switch task {
	case TaskBinary:
		for i, row := range y {
			if row[0] != 0 && row[0] != 1 {
				return nil, fmt.Errorf("ml: y row %d is %v, binary labels must be 0 or 1", i, row[0])
			}
		}
	case TaskMulticlass:
		for i, row := range y {
			var sum float64
			for j, v := range row {
				if v != 0 && v != 1 {
					return nil, fmt.Errorf("ml: y row %d column %d is %v, one-hot labels must be 0 or 1", i, j, v)
				}
				sum += v
			}
			if sum != 1 {
				return nil, fmt.Errorf("ml: y row %d has %v ones, a one-hot label has exactly one", i, sum)
			}
		}
	}
	return y, nil
}
