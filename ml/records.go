package ml

import (
	"errors"

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
