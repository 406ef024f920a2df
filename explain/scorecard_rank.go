package explain

import "sort"

// spearman is Spearman's rank correlation of a and b: the Pearson
// correlation of their ranks, tied values sharing their mean rank; 0 when
// either is constant.
func spearman(a, b []float64) float64 {
	return correlation(ranks(a), ranks(b))
}

// ranks returns the 1-based ranks of v, ties sharing their mean rank.
func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for start := 0; start < len(idx); {
		end := start
		for end < len(idx) && v[idx[end]] == v[idx[start]] {
			end++
		}
		for _, i := range idx[start:end] {
			r[i] = float64(start+end+1) / 2
		}
		start = end
	}
	return r
}

// jaccard is |A ∩ B| / |A ∪ B| of two index sets (1 when both are empty).
func jaccard(a, b []int) float64 {
	in := make(map[int]bool, len(a))
	for _, i := range a {
		in[i] = true
	}
	both, union := 0, len(in)
	seen := make(map[int]bool, len(b))
	for _, i := range b {
		if seen[i] {
			continue
		}
		seen[i] = true
		if in[i] {
			both++
		} else {
			union++
		}
	}
	if union == 0 {
		return 1
	}
	return float64(both) / float64(union)
}

// topK returns the indices of the k largest |v|, largest first.
func topK(v []float64, k int) []int {
	idx := orderByMagnitude(v)
	return idx[:min(k, len(idx))]
}

// absAll returns |v| element-wise.
func absAll(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		if x < 0 {
			x = -x
		}
		out[i] = x
	}
	return out
}
