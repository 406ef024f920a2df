package metrics

import (
	"errors"
	"fmt"
	"math"
)

// ErrUndefined is wrapped by the error of a metric that has no value for
// valid input: AUC when the targets hold one class only, R² when they are
// constant.
var ErrUndefined = errors.New("metrics: undefined")

// checkRows checks that p has len(y) > 0 rows of the same positive width,
// all finite, and returns the width.
func checkRows(n int, p [][]float64) (int, error) {
	if n == 0 {
		return 0, errors.New("metrics: no rows")
	}
	if len(p) != n {
		return 0, fmt.Errorf("metrics: %d predictions for %d targets", len(p), n)
	}
	k := len(p[0])
	if k == 0 {
		return 0, errors.New("metrics: prediction row 0 has no outputs")
	}
	return k, finiteRows("prediction", p, k)
}

// finiteRows checks that every row has k values, all finite.
func finiteRows(what string, rows [][]float64, k int) error {
	for i, row := range rows {
		if len(row) != k {
			return fmt.Errorf("metrics: %s row %d has %d outputs; want %d", what, i, len(row), k)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("metrics: %s row %d, output %d is %v", what, i, j, v)
			}
		}
	}
	return nil
}

// classes checks a classification input and returns the number of classes
// (2 for one probability column) and the targets as class indices.
func classes(y []float64, p [][]float64) (k int, c []int, err error) {
	k, err = checkRows(len(y), p)
	if err != nil {
		return 0, nil, err
	}
	k = max(k, 2)
	c = make([]int, len(y))
	for i, v := range y {
		c[i] = int(v)
		if float64(c[i]) != v || c[i] < 0 || c[i] >= k {
			return 0, nil, fmt.Errorf("metrics: target row %d is %v; want a class index in [0,%d)", i, v, k)
		}
	}
	return k, c, nil
}

// PredictedClass is the class a probability row predicts: P(y=1) ≥ ½ with
// one column, else the first arg-max column.
func PredictedClass(p []float64) int {
	if len(p) == 1 {
		if p[0] >= 0.5 {
			return 1
		}
		return 0
	}
	best := 0
	for j, v := range p {
		if v > p[best] {
			best = j
		}
	}
	return best
}

// probability returns the predicted probability of class c.
func probability(p []float64, c int) float64 {
	if len(p) == 1 {
		if c == 1 {
			return p[0]
		}
		return 1 - p[0]
	}
	return p[c]
}

// checkRegression checks two rows × outputs matrices of the same shape.
func checkRegression(y, p [][]float64) (int, error) {
	k, err := checkRows(len(y), p)
	if err != nil {
		return 0, err
	}
	return k, finiteRows("target", y, k)
}
