package explain

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/glassbox-ml/glassbox/internal/metrics"
)

// PDPOptions configures PartialDependence. The zero value works.
type PDPOptions struct {
	// GridPoints is the number of grid values; 0 means 20. A feature with
	// at most GridPoints distinct values uses those values instead.
	GridPoints int
	// Grid, when set, is used as is (sorted ascending, finite).
	Grid []float64
	// Output is the model output (column of Predict) to show.
	Output int
	// FeatureName labels the feature (default "x<feature>").
	FeatureName string
	// BatchSize caps the rows of one Predict call; 0 means DefaultBatchSize.
	BatchSize int
}

// PartialDependenceResult holds a partial dependence curve and its ICE curves.
type PartialDependenceResult struct {
	Feature int       `json:"feature"`
	Name    string    `json:"name"`
	Output  int       `json:"output"`
	Grid    []float64 `json:"grid"`
	// ICE[i][g] is f(x_i with the feature set to Grid[g]): one individual
	// conditional expectation curve per row of X.
	ICE [][]float64 `json:"ice"`
	// Average[g] = (1/n) Σ_i ICE[i][g], the partial dependence.
	Average []float64 `json:"average"`
}

// PartialDependence computes the partial dependence of output o on feature j
// (Friedman 2001) and its ICE curves (Goldstein et al. 2015) over the rows of
// X:
//
//	ICE_i(v) = f_o(x_i with x_ij := v),   PD(v) = (1/n) Σ_i ICE_i(v),
//
// on a grid of v: the distinct values of column j when there are at most
// GridPoints of them, else its quantiles at GridPoints equally spaced levels
// from 0 to 1 (linear interpolation, duplicates dropped). For an additive
// model f = g(x_j) + h(x_rest), PD(v) = g(v) + constant and every ICE curve
// is g plus its own constant. PD averages over the marginal of the other
// features, so with strongly correlated features it evaluates the model off
// the data.
func PartialDependence(m Model, X [][]float64, feature int, o PDPOptions) (*PartialDependenceResult, error) {
	if m == nil {
		return nil, errors.New("explain: model is nil")
	}
	cols, err := checkInput(X)
	if err != nil {
		return nil, err
	}
	if feature < 0 || feature >= cols {
		return nil, fmt.Errorf("explain: feature %d out of range [0,%d)", feature, cols)
	}
	if o.Output < 0 {
		return nil, fmt.Errorf("explain: PDPOptions.Output is %d; want ≥ 0", o.Output)
	}
	if err := countOption("PDPOptions.BatchSize", &o.BatchSize, DefaultBatchSize); err != nil {
		return nil, err
	}
	grid, err := pdpGrid(X, feature, o)
	if err != nil {
		return nil, err
	}
	name := o.FeatureName
	if name == "" {
		name = fmt.Sprintf("x%d", feature)
	}
	res := &PartialDependenceResult{
		Feature: feature, Name: name, Output: o.Output, Grid: grid,
		ICE: matrix(len(X), len(grid)), Average: make([]float64, len(grid)),
	}
	// Rows are (row i, grid g) in row-major order, predicted in batches.
	total := len(X) * len(grid)
	batch := make([][]float64, 0, min(total, o.BatchSize))
	flush := func(first int) error {
		pred, err := predict(m, batch, 0)
		if err != nil {
			return err
		}
		if k := len(pred[0]); o.Output >= k {
			return fmt.Errorf("explain: PDPOptions.Output %d out of range: the model has %d outputs", o.Output, k)
		}
		for k, p := range pred {
			i, g := (first+k)/len(grid), (first+k)%len(grid)
			res.ICE[i][g] = p[o.Output]
		}
		batch = batch[:0]
		return nil
	}
	first := 0
	for n := range total {
		i, g := n/len(grid), n%len(grid)
		row := append([]float64(nil), X[i]...)
		row[feature] = grid[g]
		batch = append(batch, row)
		if len(batch) == o.BatchSize || n == total-1 {
			if err := flush(first); err != nil {
				return nil, err
			}
			first = n + 1
		}
	}
	for _, curve := range res.ICE {
		for g, v := range curve {
			res.Average[g] += v / float64(len(X))
		}
	}
	return res, nil
}

func pdpGrid(X [][]float64, feature int, o PDPOptions) ([]float64, error) {
	if o.Grid != nil {
		if len(o.Grid) == 0 {
			return nil, errors.New("explain: PDPOptions.Grid is empty")
		}
		for g, v := range o.Grid {
			if math.IsNaN(v) || math.IsInf(v, 0) || (g > 0 && v < o.Grid[g-1]) {
				return nil, fmt.Errorf("explain: PDPOptions.Grid[%d] is %v; want finite values in ascending order", g, v)
			}
		}
		return append([]float64(nil), o.Grid...), nil
	}
	n := o.GridPoints
	if n < 0 || n == 1 {
		return nil, fmt.Errorf("explain: PDPOptions.GridPoints is %d; want ≥ 2 (0 = 20)", n)
	} else if n == 0 {
		n = 20
	}
	col := make([]float64, len(X))
	for i, x := range X {
		col[i] = x[feature]
	}
	sort.Float64s(col)
	distinct := col[:1:1]
	for _, v := range col[1:] {
		if v != distinct[len(distinct)-1] {
			distinct = append(distinct, v)
		}
	}
	if len(distinct) <= n {
		return distinct, nil
	}
	var grid []float64
	for g := range n {
		v := metrics.Quantile(col, float64(g)/float64(n-1))
		if len(grid) == 0 || v != grid[len(grid)-1] {
			grid = append(grid, v)
		}
	}
	return grid, nil
}
