package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// MSE is the mean squared error (1/n) Σᵢ (pᵢ − yᵢ)², averaged over outputs.
func MSE(y, p [][]float64) (float64, error) {
	return perOutput(y, p, func(t, e []float64) (float64, error) {
		return meanSquaredError(t, e), nil
	})
}

func meanSquaredError(t, e []float64) float64 {
	s := 0.0
	for i := range t {
		s += (e[i] - t[i]) * (e[i] - t[i])
	}
	return s / float64(len(t))
}

// RMSE is √MSE of each output, averaged over outputs.
func RMSE(y, p [][]float64) (float64, error) {
	return perOutput(y, p, func(t, e []float64) (float64, error) {
		return math.Sqrt(meanSquaredError(t, e)), nil
	})
}

// MAE is the mean absolute error (1/n) Σᵢ |pᵢ − yᵢ|, averaged over outputs.
func MAE(y, p [][]float64) (float64, error) {
	return perOutput(y, p, func(t, e []float64) (float64, error) {
		s := 0.0
		for i := range t {
			s += math.Abs(e[i] - t[i])
		}
		return s / float64(len(t)), nil
	})
}

// R2 is the coefficient of determination 1 − Σ(pᵢ − yᵢ)² / Σ(yᵢ − ȳ)²
// (gonum's stat.RSquaredFrom), averaged over outputs; undefined (an error
// wrapping ErrUndefined) when an output's targets are constant.
func R2(y, p [][]float64) (float64, error) {
	return perOutput(y, p, func(t, e []float64) (float64, error) {
		for _, v := range t[1:] {
			if v != t[0] {
				return stat.RSquaredFrom(e, t, nil), nil
			}
		}
		return 0, fmt.Errorf("%w: R² needs targets that vary; they are constant (all %v)", ErrUndefined, t[0])
	})
}

// perOutput applies f to each output's column of targets and predictions
// and averages the results.
func perOutput(y, p [][]float64, f func(t, e []float64) (float64, error)) (float64, error) {
	k, err := checkRegression(y, p)
	if err != nil {
		return 0, err
	}
	t, e := make([]float64, len(y)), make([]float64, len(y))
	sum := 0.0
	for j := range k {
		for i := range y {
			t[i], e[i] = y[i][j], p[i][j]
		}
		v, err := f(t, e)
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum / float64(k), nil
}
