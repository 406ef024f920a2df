package explain

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/integrate"
)

// FaithfulnessCurve is a deletion or insertion curve over rows. Point k is
// the model after the k most supporting features were removed (deletion:
// set to the background mean x̄) or inserted (insertion: taken from the row,
// starting from x̄), a feature's support being its attribution signed
// toward the row's deviation f(x) − f(x̄). Over rows r the points are
//
//	Σ_r s_r·(f(z_rk) − f(x̄)) / Σ_r |f(x_r) − f(x̄)|,   s_r = sign(f(x_r) − f(x̄)),
//
// so deletion runs from 1 (the rows) to 0 (the mean row), insertion from 0
// to 1, and rows weigh by how far their prediction is from the mean row's.
// For an additive model, ordering by the exact attributions gives the lowest
// possible deletion curve and the highest insertion curve.
type FaithfulnessCurve struct {
	Fraction []float64 `json:"fraction"` // k / M
	Value    []float64 `json:"value"`
	// Area under Value over Fraction (trapezoid rule). Deletion: lower is
	// better; insertion: higher is better.
	Area float64 `json:"area"`
	// RandomArea is the same area with the features taken in random
	// order, the reference a faithful ranking must beat.
	RandomArea float64 `json:"random_area"`
	// Rows counts the rows that carry signal: a row whose prediction is
	// within 1e-9 of the mean row's is skipped.
	Rows int `json:"rows"`
}

// faithfulnessCurves computes the deletion and insertion curves of output o
// for the rows of X with attributions attr [row][feature] (see
// FaithfulnessCurve) and the same curves with features in random order.
func faithfulnessCurves(m Model, X [][]float64, attr [][]float64, mean []float64, o int, seed int64) (del, ins FaithfulnessCurve, err error) {
	M := len(mean)
	ref, err := predict(m, [][]float64{mean}, 0)
	if err != nil {
		return del, ins, fmt.Errorf("%w (predicting the background mean row)", err)
	}
	f0 := ref[0][o]
	fraction := make([]float64, M+1)
	for k := range fraction {
		fraction[k] = float64(k) / float64(M)
	}
	del.Fraction, ins.Fraction = fraction, fraction
	curves := [4][]float64{} // deletion, insertion, random deletion, random insertion
	for c := range curves {
		curves[c] = make([]float64, M+1)
	}
	rows, total := 0, 0.0
	for r, x := range X {
		pred, err := predict(m, [][]float64{x}, len(ref[0]))
		if err != nil {
			return del, ins, fmt.Errorf("%w (faithfulness curves, row %d)", err, r)
		}
		span := pred[0][o] - f0
		if math.Abs(span) <= 1e-9 {
			continue
		}
		sign := math.Copysign(1, span)
		support := make([]float64, M)
		for j, a := range attr[r] {
			support[j] = sign * a
		}
		random := rowRand(seed, r).Perm(M)
		var batch [][]float64
		for _, order := range [][]int{decreasing(support), random} {
			d := append([]float64(nil), x...)
			in := append([]float64(nil), mean...)
			batch = append(batch, append([]float64(nil), d...), append([]float64(nil), in...))
			for _, j := range order {
				d[j], in[j] = mean[j], x[j]
				batch = append(batch, append([]float64(nil), d...), append([]float64(nil), in...))
			}
		}
		if pred, err = predict(m, batch, len(ref[0])); err != nil {
			return del, ins, fmt.Errorf("%w (faithfulness curves, row %d)", err, r)
		}
		rows++
		total += math.Abs(span)
		for k := range M + 1 {
			for c := range curves {
				// Batch layout: order (ranked, random) × step k × (deletion, insertion).
				p := pred[(c/2)*2*(M+1)+2*k+c%2][o]
				curves[c][k] += sign * (p - f0)
			}
		}
	}
	if rows == 0 {
		return del, ins, nil
	}
	for c := range curves {
		for k := range curves[c] {
			curves[c][k] /= total
		}
	}
	del.Value, ins.Value = curves[0], curves[1]
	del.Area, ins.Area = integrate.Trapezoidal(fraction, curves[0]), integrate.Trapezoidal(fraction, curves[1])
	del.RandomArea, ins.RandomArea = integrate.Trapezoidal(fraction, curves[2]), integrate.Trapezoidal(fraction, curves[3])
	del.Rows, ins.Rows = rows, rows
	return del, ins, nil
}

// decreasing returns the indices of v by decreasing value, ties in index order.
func decreasing(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] > v[idx[b]] })
	return idx
}
