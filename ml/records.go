package ml

import (
	"errors"
	"fmt"
	"strings"

	"github.com/glassbox-ml/glassbox/ml/data"
)

var errNoPipeline = errors.New("ml: this run has no preprocessing (it was written by Sequential.Fit, not Train): pass encoded rows to Model.Predict")

// Encode turns raw records (original column name → cell text, as in a CSV
// row: unscaled numbers, categories as text, "" or NA for missing) into the
// encoded rows the model takes, with the run's fitted pipeline. Errors name
// the record and column of a missing column or an unseen category.
func (r *Run) Encode(records []map[string]string) ([][]float64, error) {
	if r.Pipeline == nil {
		return nil, errNoPipeline
	}
	return r.Pipeline.TransformRecords(records)
}

// PredictRecords encodes raw records and predicts them (see Encode and
// Sequential.Predict).
func (r *Run) PredictRecords(records []map[string]string) ([][]float64, error) {
	X, err := r.Encode(records)
	if err != nil {
		return nil, err
	}
	return r.Model.Predict(X)
}

// PredictFrame encodes every row of f (which must have the run's feature
// columns; others, such as the target, are ignored) and predicts them.
func (r *Run) PredictFrame(f *data.Frame) ([][]float64, error) {
	if r.Pipeline == nil {
		return nil, errNoPipeline
	}
	X, err := r.Pipeline.Transform(f)
	if err != nil {
		return nil, err
	}
	return r.Model.Predict(X)
}

// Targets returns the target column of f's rows as the run learned it:
// class indices into Config.Data.Classes for classification, values for
// regression. A class the run did not learn is an error naming the row.
func (r *Run) Targets(f *data.Frame) ([]float64, error) {
	dc := r.Config.Data
	if dc == nil {
		return nil, errNoPipeline
	}
	if r.Config.Task == TaskRegression {
		return data.RegressionTarget(f, dc.Target)
	}
	y, classes, err := data.ClassTarget(f, dc.Target)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(dc.Classes))
	for i, c := range dc.Classes {
		index[c] = i
	}
	for i, v := range y {
		j, ok := index[classes[int(v)]]
		if !ok {
			return nil, fmt.Errorf("ml: row %d has the class %q, which the run did not learn (its classes: %s)",
				i+1, classes[int(v)], strings.Join(dc.Classes, ", "))
		}
		y[i] = float64(j)
	}
	return y, nil
}

// FeatureNames are the names of the encoded features, in model input order
// ("income", "region=north", …).
func (r *Run) FeatureNames() []string {
	if r.Pipeline == nil {
		return nil
	}
	return r.Pipeline.FeatureNames()
}

// Groups returns, for each column of Columns, the indices of its encoded
// features, to sum attributions of the encoded model back per original
// column (explain.Options.Groups).
func (r *Run) Groups() [][]int {
	if r.Pipeline == nil {
		return nil
	}
	return r.Pipeline.Groups()
}

// Decode maps encoded rows back to cell text per original column (see
// data.Pipeline.Decode).
func (r *Run) Decode(X [][]float64) ([][]string, error) {
	if r.Pipeline == nil {
		return nil, errNoPipeline
	}
	out := make([][]string, len(X))
	for i, row := range X {
		d, err := r.Pipeline.Decode(row)
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}

// Summary is the model's layer table.
func (r *Run) Summary() ModelSummary { return r.Model.Summary() }
