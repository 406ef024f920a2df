package tfevents

import "math"

// Histogram is TensorBoard's HistogramProto. Bucket i counts the values v with
// BucketLimits[i-1] < v ≤ BucketLimits[i] (for i = 0, v ≤ BucketLimits[0]);
// the limits increase. TensorBoard draws the first non-empty bucket from Min
// and the last one up to Max.
type Histogram struct {
	Min, Max   float64 // the smallest and largest value
	Num        float64 // how many values
	Sum        float64 // their sum
	SumSquares float64 // the sum of their squares

	BucketLimits []float64 // right edges, increasing
	BucketCounts []float64 // counts, one per limit
}

// HistogramFromBins converts equal-width (or any contiguous) bins into a
// Histogram: edges e0 < … < en and counts c1 … cn, where ci counts the values
// between e(i-1) and ei, as in GlassBox's histograms.jsonl. mean and std (the
// population standard deviation) give Sum and SumSquares, which the bins
// alone cannot. Min is e0 and Max is en; bucket i has limit e(i+1) and count
// c(i+1). When edges and counts disagree in length, the extra ones are
// ignored; fewer than one bin gives an empty Histogram with Min = Max = e0
// (or 0 without edges).
func HistogramFromBins(edges []float64, counts []int, mean, std float64) Histogram {
	n := min(len(counts), len(edges)-1)
	var h Histogram
	if len(edges) > 0 {
		h.Min, h.Max = edges[0], edges[0]
	}
	if n <= 0 {
		return h
	}
	h.Max = edges[n]
	h.BucketLimits = make([]float64, n)
	h.BucketCounts = make([]float64, n)
	for i := range n {
		h.BucketLimits[i] = edges[i+1]
		h.BucketCounts[i] = float64(counts[i])
		h.Num += float64(counts[i])
	}
	h.Sum = mean * h.Num
	h.SumSquares = h.Num * (std*std + mean*mean)
	return h
}

// Mean returns Sum/Num (NaN when Num is 0).
func (h Histogram) Mean() float64 {
	if h.Num == 0 {
		return math.NaN()
	}
	return h.Sum / h.Num
}

// encodeHistogram writes h as a HistogramProto.
func encodeHistogram(m *pb, h Histogram) {
	m.doubleNZ(1, h.Min)
	m.doubleNZ(2, h.Max)
	m.doubleNZ(3, h.Num)
	m.doubleNZ(4, h.Sum)
	m.doubleNZ(5, h.SumSquares)
	m.packedDoubles(6, h.BucketLimits)
	m.packedDoubles(7, h.BucketCounts)
}

// decodeHistogram parses a HistogramProto.
func decodeHistogram(b []byte) (*Histogram, error) {
	h := &Histogram{}
	err := parseFields(b, func(f field) (err error) {
		switch f.num {
		case 1:
			h.Min = f.double()
		case 2:
			h.Max = f.double()
		case 3:
			h.Num = f.double()
		case 4:
			h.Sum = f.double()
		case 5:
			h.SumSquares = f.double()
		case 6:
			h.BucketLimits, err = f.doubles(h.BucketLimits)
		case 7:
			h.BucketCounts, err = f.doubles(h.BucketCounts)
		}
		return err
	})
	return h, err
}
