package explain

// Model predicts a batch: X is rows × features; the result is rows × outputs.
// Implementations must return exactly len(X) rows, each with the same number
// of outputs, and must be safe for concurrent calls (explainers call Predict
// from several goroutines).
type Model interface {
	Predict(X [][]float64) ([][]float64, error)
}

// ModelFunc adapts an ordinary function to the Model interface.
type ModelFunc func(X [][]float64) ([][]float64, error)

// Predict calls f(X).
func (f ModelFunc) Predict(X [][]float64) ([][]float64, error) { return f(X) }

// GradientModel is a differentiable Model, as the models of package ml are.
// It is what the gradient attributions (saliency, input × gradient,
// Integrated Gradients) need.
type GradientModel interface {
	Model
	// Gradient returns ∂f_output(x)/∂x for every row of X: a rows × features
	// matrix, for the given output index.
	Gradient(X [][]float64, output int) ([][]float64, error)
}

// LinearModel is a Model whose outputs are g(η) with the linear predictor
// η_o(x) = Σ_j W[o][j]·x_j + B[o] and a fixed link g (identity for linear
// regression, the logistic function for logistic regression). Linear SHAP
// explains η in closed form.
type LinearModel interface {
	Model
	// LinearPredictor returns W (outputs × features) and B (outputs).
	LinearPredictor() (W [][]float64, B []float64)
}

// Described is a Model that names its input columns and its outputs, as the
// models of package ml do (a run's encoded model names its encoded columns,
// its raw model the table's columns; both name their outputs after the
// target, e.g. "P(buys)"). Explainers, LIME, the scorecard and the global
// views take these names whenever their options leave them empty. A nil
// slice means "unnamed"; a slice whose length differs from the model's
// width is an error, never a silent mislabel.
type Described interface {
	FeatureNames() []string
	OutputNames() []string
}

// Categorized is a Model some of whose input columns hold category codes 0,
// 1, …: CategoryLabels()[j] names the codes of column j, nil for a numeric
// column. Options.Categories and LIMEOptions.Categories default to it.
type Categorized interface {
	CategoryLabels() [][]string
}
