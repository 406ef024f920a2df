package data

import (
	"math"
	"slices"
)

// present returns the non-NaN values of x, sorted ascending.
func present(x []float64) []float64 {
	out := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// ValueCount is a value, how often it occurs, and its share of the
// non-missing cells.
type ValueCount struct {
	Value string  `json:"value"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// counts tallies the non-empty strings of cells, most frequent first, ties
// in ascending order of value.
func counts(cells []string) []ValueCount {
	m := map[string]int{}
	for _, s := range cells {
		if s != "" {
			m[s]++
		}
	}
	total := 0
	for _, n := range m {
		total += n
	}
	out := make([]ValueCount, 0, len(m))
	for v, n := range m {
		out = append(out, ValueCount{v, n, float64(n) / float64(total)})
	}
	slices.SortFunc(out, func(a, b ValueCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if a.Value < b.Value {
			return -1
		}
		if a.Value > b.Value {
			return 1
		}
		return 0
	})
	return out
}
