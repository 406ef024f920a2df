package explain

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// SampleBackground returns n rows of data drawn uniformly without
// replacement (copies, in their original order), seeded by seed; all rows
// when n ≥ len(data). The explainers' cost grows linearly with the
// background, so a sample of 100 rows or a KMeans summary is customary.
func SampleBackground(data [][]float64, n int, seed int64) ([][]float64, error) {
	if err := checkData(data); err != nil {
		return nil, err
	}
	if n <= 0 {
		return nil, fmt.Errorf("explain: SampleBackground n = %d; want > 0", n)
	}
	idx := make([]int, len(data))
	for i := range idx {
		idx[i] = i
	}
	if n < len(data) {
		rng := rand.New(rand.NewPCG(uint64(seed), 0x5ca1ab1e))
		for t := range n {
			j := t + rng.IntN(len(idx)-t)
			idx[t], idx[j] = idx[j], idx[t]
		}
		idx = idx[:n]
		sort.Ints(idx)
	}
	out := make([][]float64, len(idx))
	for i, r := range idx {
		out[i] = append([]float64(nil), data[r]...)
	}
	return out, nil
}

func checkData(data [][]float64) error {
	if len(data) == 0 || len(data[0]) == 0 {
		return fmt.Errorf("explain: data is empty")
	}
	return checkMatrix("data", data, len(data[0]))
}

// KMeans summarises data by k weighted centres: k-means++ seeding (seeded
// by seed) then Lloyd iterations until no row changes cluster (at most 300).
// Each centre's coordinates are then snapped to the nearest value the
// column takes in the cluster's rows, so one-hot and integer columns keep
// valid values (as shap.kmeans with round_values). weights[c] is the
// fraction of rows in cluster c: pass centres as the background and weights
// as Options.BackgroundWeights. With k ≥ the number of distinct rows the
// distinct rows are returned with their frequencies.
func KMeans(data [][]float64, k int, seed int64) (centres [][]float64, weights []float64, err error) {
	if err := checkData(data); err != nil {
		return nil, nil, err
	}
	if k <= 0 {
		return nil, nil, fmt.Errorf("explain: KMeans k = %d; want > 0", k)
	}
	n, d := len(data), len(data[0])
	rng := rand.New(rand.NewPCG(uint64(seed), 0xc1a55))
	centres = make([][]float64, 0, k)
	dist := make([]float64, n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	next := rng.IntN(n)
	for len(centres) < k {
		c := append([]float64(nil), data[next]...)
		centres = append(centres, c)
		total := 0.0
		for i, row := range data {
			dist[i] = min(dist[i], sqDist(row, c))
			total += dist[i]
		}
		if total == 0 { // every row coincides with a centre
			break
		}
		u := rng.Float64() * total
		next = n - 1
		for i, v := range dist {
			if u < v {
				next = i
				break
			}
			u -= v
		}
	}
	assign := make([]int, n)
	for i := range assign {
		assign[i] = -1
	}
	for iter := 0; iter < 300; iter++ {
		changed := false
		for i, row := range data {
			best, bestD := 0, math.Inf(1)
			for c, ctr := range centres {
				if dd := sqDist(row, ctr); dd < bestD {
					best, bestD = c, dd
				}
			}
			if assign[i] != best {
				assign[i], changed = best, true
			}
		}
		if !changed {
			break
		}
		counts := make([]int, len(centres))
		for c := range centres {
			clear(centres[c])
		}
		for i, row := range data {
			counts[assign[i]]++
			for j, v := range row {
				centres[assign[i]][j] += v
			}
		}
		for c, ctr := range centres {
			if counts[c] == 0 { // keep the empty cluster out of the way
				copy(ctr, data[rng.IntN(n)])
				continue
			}
			for j := range ctr {
				ctr[j] /= float64(counts[c])
			}
		}
	}
	out, w := make([][]float64, 0, len(centres)), make([]float64, 0, len(centres))
	for c, ctr := range centres {
		count := 0
		for j := range d {
			best, bestD := ctr[j], math.Inf(1)
			for i, row := range data {
				if assign[i] == c && math.Abs(row[j]-ctr[j]) < bestD {
					best, bestD = row[j], math.Abs(row[j]-ctr[j])
				}
			}
			ctr[j] = best
		}
		for _, a := range assign {
			if a == c {
				count++
			}
		}
		if count > 0 {
			out = append(out, ctr)
			w = append(w, float64(count)/float64(n))
		}
	}
	return out, w, nil
}

func sqDist(a, b []float64) float64 {
	s := 0.0
	for j, v := range a {
		t := v - b[j]
		s += t * t
	}
	return s
}
