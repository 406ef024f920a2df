package explain

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// categoryBins is lime's treatment of a categorical feature: one bin per
// category code seen in training, drawn with its training frequency.
type categoryBins struct {
	codes      []float64 // the codes seen in training, ascending
	cumulative []float64 // running share of training rows, per code
	labels     []string  // label of every code 0…len−1
}

// newCategoryBins counts the codes of a training column; every value must
// be an integer code naming one of labels.
func newCategoryBins(col []float64, labels []string) (*categoryBins, error) {
	if len(labels) == 0 {
		return nil, errors.New("categorical with no category labels")
	}
	count := map[float64]int{}
	for i, v := range col {
		if v != math.Trunc(v) || v < 0 || int(v) >= len(labels) {
			return nil, fmt.Errorf("training row %d has value %v, not a code 0…%d of its categories", i, v, len(labels)-1)
		}
		count[v]++
	}
	c := &categoryBins{labels: labels}
	for v := range count {
		c.codes = append(c.codes, v)
	}
	sort.Float64s(c.codes)
	run := 0.0
	for _, v := range c.codes {
		run += float64(count[v]) / float64(len(col))
		c.cumulative = append(c.cumulative, run)
	}
	return c, nil
}

// bin returns the index of the instance's code among the training codes, or
// len(codes) — a bin no sample falls in — for a code unseen in training.
func (c *categoryBins) bin(v float64) int {
	i := sort.SearchFloat64s(c.codes, math.Round(v))
	if i < len(c.codes) && c.codes[i] == math.Round(v) {
		return i
	}
	return len(c.codes)
}

func (c *categoryBins) sampleBin(r *rand.Rand) int {
	u := r.Float64() * c.cumulative[len(c.cumulative)-1]
	return min(sort.Search(len(c.cumulative), func(i int) bool { return c.cumulative[i] > u }), len(c.codes)-1)
}

func (c *categoryBins) sampleValue(_ *rand.Rand, b int) float64 { return c.codes[b] }

// describe names the instance's category: "channel=web".
func (c *categoryBins) describe(name string, b int) string {
	if b >= len(c.codes) {
		return name + "=(unseen)"
	}
	return name + "=" + c.labels[int(c.codes[b])]
}
