package metrics

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Scores returns column col of p as scores and, per row, whether its class
// is positive, after checking the input like AUC does (class indices in y,
// finite probabilities). With one probability column only col 0 exists;
// it is P(y = 1).
func Scores(y []float64, p [][]float64, col, positive int) (score []float64, pos []bool, err error) {
	k, c, err := classes(y, p)
	if err != nil {
		return nil, nil, err
	}
	if col < 0 || col >= len(p[0]) {
		return nil, nil, fmt.Errorf("metrics: column %d of %d", col, len(p[0]))
	}
	if positive < 0 || positive >= k {
		return nil, nil, fmt.Errorf("metrics: positive class %d of %d", positive, k)
	}
	score, pos = make([]float64, len(y)), make([]bool, len(y))
	for i, row := range p {
		score[i], pos[i] = row[col], c[i] == positive
	}
	return score, pos, nil
}

// PRCurve returns the precision–recall curve of the scores for the rows
// marked positive: one point per distinct score, taken as the threshold
// "score ≥ t", from the highest score down, so recall ascends to 1. The
// average precision is AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ with R₀ = 0 (scikit-learn's
// average_precision_score, no interpolation). It is undefined (an error
// wrapping ErrUndefined) when no row is positive.
func PRCurve(score []float64, pos []bool) (recall, precision []float64, ap float64, err error) {
	if len(score) == 0 || len(score) != len(pos) {
		return nil, nil, 0, fmt.Errorf("metrics: %d scores for %d labels", len(score), len(pos))
	}
	npos := 0
	for _, v := range pos {
		if v {
			npos++
		}
	}
	if npos == 0 {
		return nil, nil, 0, fmt.Errorf("%w: precision and recall need positive rows; there are none", ErrUndefined)
	}
	order := make([]int, len(score))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return 0
	})
	tp, fp := 0, 0
	prev := 0.0
	for n, i := range order {
		if pos[i] {
			tp++
		} else {
			fp++
		}
		if n+1 < len(order) && score[order[n+1]] == score[i] {
			continue // ties form one threshold
		}
		r, pr := float64(tp)/float64(npos), float64(tp)/float64(tp+fp)
		recall, precision = append(recall, r), append(precision, pr)
		ap += (r - prev) * pr
		prev = r
	}
	return recall, precision, ap, nil
}

// Bin is one bin of a reliability diagram: the rows whose predicted
// probability lies in [Lo, Hi) (the last bin includes 1).
type Bin struct {
	Lo, Hi    float64
	Count     int
	Predicted float64 // mean predicted probability; NaN when Count is 0
	Observed  float64 // share of positive rows; NaN when Count is 0
}

// CalibrationBins splits [0, 1] into bins equal-width bins and returns, for
// each, the mean predicted probability and the observed rate of positives.
// Probabilities outside [0, 1] are an error.
func CalibrationBins(prob []float64, pos []bool, bins int) ([]Bin, error) {
	if bins < 1 {
		return nil, fmt.Errorf("metrics: %d calibration bins; want at least 1", bins)
	}
	if len(prob) == 0 {
		return nil, errors.New("metrics: no rows")
	}
	if len(prob) != len(pos) {
		return nil, fmt.Errorf("metrics: %d probabilities for %d labels", len(prob), len(pos))
	}
	out := make([]Bin, bins)
	sumP, sumY := make([]float64, bins), make([]float64, bins)
	for b := range out {
		out[b].Lo, out[b].Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
	}
	for i, v := range prob {
		if !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("metrics: probability row %d is %v; want a value in [0,1]", i, v)
		}
		b := min(int(math.Floor(v*float64(bins))), bins-1)
		out[b].Count++
		sumP[b] += v
		if pos[i] {
			sumY[b]++
		}
	}
	for b := range out {
		if out[b].Count == 0 {
			out[b].Predicted, out[b].Observed = math.NaN(), math.NaN()
			continue
		}
		n := float64(out[b].Count)
		out[b].Predicted, out[b].Observed = sumP[b]/n, sumY[b]/n
	}
	return out, nil
}
