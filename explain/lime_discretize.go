package explain

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/glassbox-ml/glassbox/internal/metrics"
	"gonum.org/v1/gonum/stat"
)

// quartileBins is lime's QuartileDiscretizer for one column: the distinct
// 25th, 50th and 75th percentiles of the training column (numpy's linear
// interpolation) cut the line into len(cuts)+1 bins; bin b holds the values
// with cuts[b-1] < v ≤ cuts[b]. For each bin it keeps the training values'
// mean, population standard deviation (+1e-11), bounds and frequency, which
// is what lime samples perturbations from.
type quartileBins struct {
	cuts       []float64
	mean, std  []float64    // per bin
	lo, hi     []float64    // per bin: [min, cuts...] and [cuts..., max]
	freq       []float64    // per bin: share of training rows
	cumulative []float64    // running sum of freq, for sampling a bin
	tails      []truncation // per bin, the standardised bounds
}

// newQuartileBins computes the bins of one training column.
func newQuartileBins(col []float64) quartileBins {
	sorted := append([]float64(nil), col...)
	sort.Float64s(sorted)
	var q quartileBins
	for _, p := range []float64{25, 50, 75} {
		v := metrics.Quantile(sorted, p/100)
		if len(q.cuts) == 0 || v != q.cuts[len(q.cuts)-1] {
			q.cuts = append(q.cuts, v)
		}
	}
	nb := len(q.cuts) + 1
	q.mean = make([]float64, nb)
	q.std = make([]float64, nb)
	q.freq = make([]float64, nb)
	q.cumulative = make([]float64, nb)
	// Sorted, each bin is a run of values: bin b ends after the last value ≤ cuts[b].
	run, lo := 0.0, 0
	for b := range nb {
		hi := len(sorted)
		if b < len(q.cuts) {
			hi, _ = slices.BinarySearch(sorted, math.Nextafter(q.cuts[b], math.Inf(1)))
		}
		if in := sorted[lo:hi]; len(in) > 0 {
			q.mean[b], q.std[b] = stat.PopMeanStdDev(in, nil)
		}
		q.std[b] += 1e-11
		q.freq[b] = float64(hi-lo) / float64(len(sorted))
		run += q.freq[b]
		q.cumulative[b] = run
		lo = hi
	}
	q.lo = append([]float64{sorted[0]}, q.cuts...)
	q.hi = append(append([]float64(nil), q.cuts...), sorted[len(sorted)-1])
	q.tails = make([]truncation, nb)
	for b := range nb {
		q.tails[b] = newTruncation((q.lo[b]-q.mean[b])/q.std[b], (q.hi[b]-q.mean[b])/q.std[b])
	}
	return q
}

// bin returns the number of cuts strictly below v (numpy.searchsorted, left).
func (q *quartileBins) bin(v float64) int {
	return sort.SearchFloat64s(q.cuts, v)
}

// describe names bin b the way lime does — "name <= c0", "c0 < name <= c1",
// "name > c2" — with the cuts written as formatNumber writes values
// ("income > 56,925") rather than lime's two fixed decimals.
func (q *quartileBins) describe(name string, b int) string {
	switch {
	case b == 0:
		return fmt.Sprintf("%s <= %s", name, formatNumber(q.cuts[0]))
	case b == len(q.cuts):
		return fmt.Sprintf("%s > %s", name, formatNumber(q.cuts[b-1]))
	default:
		return fmt.Sprintf("%s < %s <= %s", formatNumber(q.cuts[b-1]), name, formatNumber(q.cuts[b]))
	}
}

// sampleBin draws a bin with probability equal to its training frequency.
func (q *quartileBins) sampleBin(r *rand.Rand) int {
	u := r.Float64() * q.cumulative[len(q.cumulative)-1]
	b := sort.Search(len(q.cumulative), func(i int) bool { return q.cumulative[i] > u })
	return min(b, len(q.cumulative)-1)
}

// sampleValue draws a value inside bin b from the normal distribution with
// the bin's training mean and standard deviation, truncated to the bin's
// bounds [lo, hi] (lime's undiscretize). A bin of zero width returns its
// bound.
func (q *quartileBins) sampleValue(r *rand.Rand, b int) float64 {
	if q.lo[b] == q.hi[b] {
		return q.lo[b]
	}
	return q.mean[b] + q.std[b]*q.tails[b].sample(r)
}

// truncation describes N(0,1) truncated to [a, b]. When the interval holds
// at least a third of the normal's mass it is sampled by rejection (a draw
// of N(0,1) kept when it falls inside; at most three draws expected);
// otherwise by inverting the CDF, with pa and pb being Φ(a) and Φ(b) — or,
// on the upper tail (a > 0), the survival function 1 − Φ at a and b, which
// keeps precision there.
type truncation struct {
	a, b   float64
	pa, pb float64
	upper  bool
	reject bool
}

func newTruncation(a, b float64) truncation {
	t := truncation{a: a, b: b, pa: 0.5 * math.Erfc(-a/math.Sqrt2), pb: 0.5 * math.Erfc(-b/math.Sqrt2)}
	t.reject = t.pb-t.pa >= 1.0/3
	if a > 0 {
		t.pa, t.pb, t.upper = 0.5*math.Erfc(a/math.Sqrt2), 0.5*math.Erfc(b/math.Sqrt2), true
	}
	return t
}

// sample draws from the truncated normal.
func (t truncation) sample(r *rand.Rand) float64 {
	if t.reject {
		for {
			if z := r.NormFloat64(); z >= t.a && z <= t.b {
				return z
			}
		}
	}
	p := t.pa + r.Float64()*(t.pb-t.pa)
	if t.upper {
		return clamp(math.Sqrt2*math.Erfcinv(2*p), t.a, t.b)
	}
	return clamp(-math.Sqrt2*math.Erfcinv(2*p), t.a, t.b)
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
