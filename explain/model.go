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
