package data

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// GroupSums adds up per-feature values (attributions, gradients) over each
// input column's features: out[g] = Σ_{j ∈ Groups()[g]} values[j]. For
// additive attributions such as SHAP values this is the attribution of the
// original column.
func (p *Pipeline) GroupSums(values []float64) ([]float64, error) {
	if len(values) != len(p.features) {
		return nil, fmt.Errorf("data: GroupSums: %d values, the pipeline has %d features", len(values), len(p.features))
	}
	out := make([]float64, len(p.groups))
	for g, idx := range p.groups {
		for _, j := range idx {
			out[g] += values[j]
		}
	}
	return out, nil
}

// Decode maps an encoded row back to cell text for each input column of
// GroupNames: Numeric x = encoded·Width + Center (the clipped, imputed value,
// formatted with the fewest digits that round-trip); Boolean "true" when the
// feature is ≥ 0.5, else "false"; Categorical the category of the largest
// one-hot feature, "" when all of them are 0 (an ignored unseen category);
// Date the day (2006-01-02) of the days-since-origin feature.
func (p *Pipeline) Decode(row []float64) ([]string, error) {
	if len(row) != len(p.features) {
		return nil, fmt.Errorf("data: Decode: row has %d values, the pipeline has %d features", len(row), len(p.features))
	}
	out := make([]string, len(p.columns))
	for i, s := range p.columns {
		g := p.groups[i]
		switch s.Kind {
		case Numeric:
			out[i] = strconv.FormatFloat(row[g[0]]*s.Width+s.Center, 'g', -1, 64)
		case Boolean:
			out[i] = strconv.FormatBool(row[g[0]] >= 0.5)
		case Date:
			d := s.Derived[len(g)-1]
			days := s.Origin + row[g[len(g)-1]]*d.Width + d.Center
			out[i] = time.Unix(0, 0).UTC().Add(time.Duration(math.Round(days)) * 24 * time.Hour).Format(time.DateOnly)
		case Categorical:
			best := -1
			for j, idx := range g {
				if row[idx] > 0 && (best < 0 || row[idx] > row[g[best]]) {
					best = j
				}
			}
			if best >= 0 {
				out[i] = s.Categories[best]
			}
		}
	}
	return out, nil
}
