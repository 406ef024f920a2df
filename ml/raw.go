package ml

import "github.com/glassbox-ml/glassbox/ml/data"

// RawRows returns the rows of f in the units of the run's original input
// columns, one number per column of Columns (see data.Pipeline.Values):
// numbers as read, yes/no as 1/0, categories as their index in
// Categories(column). These are the rows RawModel predicts, and explaining
// them gives attributions an analyst reads in the table's own units.
func (r *Run) RawRows(f *data.Frame) ([][]float64, error) {
	if r.Pipeline == nil {
		return nil, errNoPipeline
	}
	return r.Pipeline.Values(f)
}

// Columns are the original input columns, in the order of RawRows. They
// are the one name for the table's columns across GlassBox: what RawModel
// takes, what a run's DataConfig.Columns lists, and the groups of the
// encoded features (Groups).
func (r *Run) Columns() []string {
	if r.Pipeline == nil {
		return nil
	}
	return r.Pipeline.GroupNames()
}

// Categories returns the training categories of a categorical input column,
// in the order RawRows numbers them; nil for other columns.
func (r *Run) Categories(column string) []string {
	if r.Pipeline == nil {
		return nil
	}
	return r.Pipeline.Categories(column)
}

// RawModel returns the run's model as a function of raw rows (see RawRows):
// each row is encoded with the fitted preprocessing and predicted. It
// satisfies explain.Model, so SHAP and LIME explain in original units with
// one feature per original column.
func (r *Run) RawModel() *RawModel { return &RawModel{run: r} }

// RawModel predicts rows in original units; see Run.RawModel.
type RawModel struct{ run *Run }

// Predict encodes X (rows of RawRows's form) and predicts them. Category
// codes are rounded to the nearest category; errors name the row and column
// of a non-finite value or a row of the wrong width.
func (m *RawModel) Predict(X [][]float64) ([][]float64, error) {
	if m.run.Pipeline == nil {
		return nil, errNoPipeline
	}
	enc, err := m.run.Pipeline.EncodeValues(X)
	if err != nil {
		return nil, err
	}
	return m.run.Model.Predict(enc)
}

// CategoryLabels returns, per original column (the order of Columns), the
// names of the codes RawRows uses for it: the categories of a categorical
// column, "no" and "yes" for a boolean one, nil for a numeric one. It is
// what explain.LIMEOptions.Categories takes, so LIME perturbs those columns
// as categories and describes them as "channel=web".
func (r *Run) CategoryLabels() [][]string {
	if r.Pipeline == nil {
		return nil
	}
	kinds := r.Pipeline.GroupKinds()
	out := make([][]string, len(kinds))
	for i, name := range r.Columns() {
		switch kinds[i] {
		case data.Categorical:
			out[i] = r.Pipeline.Categories(name)
		case data.Boolean:
			out[i] = []string{"no", "yes"}
		}
	}
	return out
}
