package explain

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// DependenceData is what a SHAP dependence plot shows for one feature: its
// value against its attribution in every explained row, coloured by a
// second column that likely interacts with it.
type DependenceData struct {
	Feature int    `json:"feature"` // player index in the Explanation
	Name    string `json:"name"`
	Output  int    `json:"output"`
	Column  int    `json:"column"` // the data column of the feature
	// Values[r] is the feature's value and Attributions[r] its attribution
	// in explained row r.
	Values       []float64 `json:"values"`
	Attributions []float64 `json:"attributions"`
	// Interaction is the suggested colouring column (-1 when there is none),
	// InteractionValues its values per row and InteractionStrength the score
	// it was chosen by.
	Interaction         int       `json:"interaction"`
	InteractionName     string    `json:"interaction_name,omitempty"`
	InteractionValues   []float64 `json:"interaction_values,omitempty"`
	InteractionStrength float64   `json:"interaction_strength"`
}

// Dependence extracts the SHAP dependence data of one feature and output
// from an explanation made on single-column players (no Groups, or the
// feature's group has one column). The suggested interaction column k
// maximises, over the other data columns, the sum over bins of
//
//	|corr(x_k, φ_feature)|
//
// where the rows are sorted by the feature's value and cut into bins of
// about n/10 rows (at least 3; shap's approximate_interactions uses the same
// idea): within a bin the feature's own value barely moves, so what still
// moves its attribution there is likely an interaction with x_k. Bins where
// x_k or φ is constant count 0; fewer than 6 rows give no suggestion.
func Dependence(e *Explanation, feature, output int) (*DependenceData, error) {
	if e == nil {
		return nil, errors.New("explain: explanation is nil")
	}
	if feature < 0 || feature >= e.Features() {
		return nil, fmt.Errorf("explain: feature %d out of range [0,%d)", feature, e.Features())
	}
	if err := e.checkOutput(output); err != nil {
		return nil, err
	}
	if len(e.Data) != len(e.Values) {
		return nil, fmt.Errorf("explain: explanation has %d data rows for %d value rows", len(e.Data), len(e.Values))
	}
	col := feature
	if e.Groups != nil {
		if len(e.Groups[feature]) != 1 {
			return nil, fmt.Errorf("explain: feature %d (%s) is a group of %d columns; a dependence plot needs a single column", feature, e.FeatureNames[feature], len(e.Groups[feature]))
		}
		col = e.Groups[feature][0]
	}
	n := len(e.Values)
	d := &DependenceData{
		Feature: feature, Name: e.FeatureNames[feature], Output: output, Column: col,
		Values: make([]float64, n), Attributions: make([]float64, n), Interaction: -1,
	}
	for r := range n {
		if col >= len(e.Data[r]) || len(e.Data[r]) != len(e.Data[0]) {
			return nil, fmt.Errorf("explain: data row %d has %d columns; want %d, with column %d for feature %d", r, len(e.Data[r]), len(e.Data[0]), col, feature)
		}
		if len(e.Values[r]) != e.Features() || len(e.Values[r][feature]) != e.Outputs() {
			return nil, fmt.Errorf("explain: value row %d has the wrong shape: %d features, want %d", r, len(e.Values[r]), e.Features())
		}
		d.Values[r] = e.Data[r][col]
		d.Attributions[r] = e.Values[r][feature][output]
	}
	if n < 6 {
		return d, nil
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return d.Values[order[a]] < d.Values[order[b]] })
	size := max(3, n/10)
	best := 0.0
	for k := range e.Data[0] {
		if k == col {
			continue
		}
		score := 0.0
		for start := 0; start < n; {
			end := min(n, start+size)
			if n-end < size/2 { // fold a short tail into the last bin
				end = n
			}
			var xs, ys []float64
			for _, r := range order[start:end] {
				xs = append(xs, e.Data[r][k])
				ys = append(ys, d.Attributions[r])
			}
			score += math.Abs(correlation(xs, ys))
			start = end
		}
		if score > best {
			best, d.Interaction = score, k
		}
	}
	if d.Interaction >= 0 {
		d.InteractionStrength = best
		d.InteractionName = fmt.Sprintf("x%d", d.Interaction)
		if e.Groups == nil && d.Interaction < len(e.FeatureNames) {
			d.InteractionName = e.FeatureNames[d.Interaction]
		}
		d.InteractionValues = make([]float64, n)
		for r := range n {
			d.InteractionValues[r] = e.Data[r][d.Interaction]
		}
	}
	return d, nil
}

// correlation is gonum's Pearson correlation of x and y, 0 when either is
// constant.
func correlation(x, y []float64) float64 {
	if c := stat.Correlation(x, y, nil); !math.IsNaN(c) {
		return c
	}
	return 0
}
