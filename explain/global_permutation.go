package explain

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"gonum.org/v1/gonum/stat"
)

// ImportanceOptions configures PermutationImportance. The zero value works.
type ImportanceOptions struct {
	// Repeats is the number of shuffles per feature; 0 means 5.
	Repeats int
	// Seed fixes the shuffles: feature j uses a stream derived from (Seed, j).
	Seed int64
	// FeatureNames label the features (default x0, x1, …).
	FeatureNames []string
	// Workers score features concurrently; 0 means GOMAXPROCS.
	Workers int
}

// PermutationImportance is the drop in a metric when one feature's column is
// shuffled, per feature.
type PermutationImportance struct {
	Metric       string   `json:"metric"`
	FeatureNames []string `json:"feature_names"`
	// Baseline is the metric on the unshuffled data.
	Baseline float64 `json:"baseline"`
	// Drops[j][k] is the importance of feature j in repeat k: baseline −
	// shuffled score when higher is better, shuffled − baseline for losses,
	// so that a larger drop always means a more important feature.
	Drops [][]float64 `json:"drops"`
	// Mean and Std (population) of Drops per feature.
	Mean []float64 `json:"mean"`
	Std  []float64 `json:"std"`
	Seed int64     `json:"seed"`
}

// PermutationFeatureImportance measures how much the model relies on each
// feature (Breiman 2001; Fisher, Rudin & Dominici 2019): for feature j and
// repeat k, the rows of column j of X are shuffled (the other columns kept),
// the model is scored on the shuffled data with the metric, and
//
//	drop_jk = s(X) − s(X with column j shuffled)   (higher-is-better metrics)
//	drop_jk = s(X with column j shuffled) − s(X)   (losses),
//
// reported as mean ± standard deviation over the repeats. A feature the
// model ignores has every drop exactly 0. The drops measure reliance under
// the data's distribution; correlated features share their importance.
func PermutationFeatureImportance(m Model, X [][]float64, y []float64, metric Metric, o ImportanceOptions) (*PermutationImportance, error) {
	if m == nil {
		return nil, errors.New("explain: model is nil")
	}
	if metric.Score == nil {
		return nil, errors.New("explain: metric has no Score function")
	}
	if len(X) < 2 || len(X[0]) == 0 {
		return nil, fmt.Errorf("explain: X has %d rows; permutation importance needs at least 2 rows and 1 column", len(X))
	}
	cols := len(X[0])
	if err := checkMatrix("X", X, cols); err != nil {
		return nil, err
	}
	if len(y) != len(X) {
		return nil, fmt.Errorf("explain: y has %d targets for %d rows of X", len(y), len(X))
	}
	if err := countOption("ImportanceOptions.Repeats", &o.Repeats, 5); err != nil {
		return nil, err
	}
	if err := countOption("ImportanceOptions.Workers", &o.Workers, runtime.GOMAXPROCS(0)); err != nil {
		return nil, err
	}
	names, err := featureNames(m, o.FeatureNames, cols, "ImportanceOptions.FeatureNames")
	if err != nil {
		return nil, err
	}
	score := func(Z [][]float64) (float64, error) {
		pred, err := predict(m, Z, 0)
		if err != nil {
			return 0, err
		}
		return metric.Score(y, pred)
	}
	base, err := score(X)
	if err != nil {
		return nil, err
	}
	res := &PermutationImportance{
		Metric: metric.Name, FeatureNames: append([]string(nil), names...), Baseline: base,
		Drops: make([][]float64, cols), Mean: make([]float64, cols), Std: make([]float64, cols), Seed: o.Seed,
	}
	// Each feature shuffles its own copy of X.
	err = forEach(context.Background(), cols, o.Workers, func(j int) error {
		Z := make([][]float64, len(X))
		for i, x := range X {
			Z[i] = append([]float64(nil), x...)
		}
		rng := rowRand(o.Seed, j)
		drops := make([]float64, o.Repeats)
		for k := range drops {
			for i, p := range rng.Perm(len(X)) {
				Z[i][j] = X[p][j]
			}
			s, err := score(Z)
			if err != nil {
				return fmt.Errorf("%w (feature %d shuffled, repeat %d)", err, j, k)
			}
			drops[k] = base - s
			if !metric.HigherIsBetter {
				drops[k] = -drops[k]
			}
		}
		res.Drops[j] = drops
		res.Mean[j], res.Std[j] = stat.PopMeanStdDev(drops, nil)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
