package metrics

import "math"

// Quantile returns the p-quantile (0 ≤ p ≤ 1) of sorted, non-empty values
// by linear interpolation between order statistics: with h = (n−1)·p,
//
//	Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
//
// This is Hyndman & Fan's type 7, the default of NumPy's percentile and R's
// quantile, which lime's quartile bins and the preprocessing's robust
// scaling follow. (gonum's stat.Quantile offers the empirical and type-4
// rules, not this one.)
func Quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
