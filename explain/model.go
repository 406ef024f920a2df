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

// Affine is a Model whose first step is affine in its input columns and
// whose remaining steps, its head, act on that step's result:
//
//	f(x) = Head(c + Σ_j A_j(x_j)),   c, A_j(x_j) ∈ ℝ^u,
//
// as in a neural network whose first layer is dense: A_j(x_j) = x_j·W_j
// (row j of the kernel), or, when the model encodes or rescales each column
// before that layer, W applied to column j's encoding. The models of package
// ml implement it on the pure-Go backend.
//
// The Shapley explainers use it to share the first layer across
// coalitions. The masked row (x_S, b_S̄) of coalition S and background row
// b has the pre-activation
//
//	z(S, b) = z(∅, b) + Σ_{j∈S} (A_j(x_j) − A_j(b_j)) = z(x) − Σ_{j∉S} (A_j(x_j) − A_j(b_j)),
//
// and a coalition's complement has z(S̄, b) = z(x) + z(∅, b) − z(S, b), so
// a coalition costs u additions per player that differs from a coalition
// already evaluated (one for each step of a permutation, one for each step
// of Exact's Gray code) instead of a pass through the first layer; only the
// head is evaluated for every masked row. The values equal the black-box
// path's up to rounding.
type Affine interface {
	Model
	// AffineParts returns c and the parts A_j(x_j) of every column of x
	// (len(x) slices of len(c) values). A model that cannot split itself
	// at present returns a nil c and no error; explainers then call
	// Predict as for any model.
	AffineParts(x []float64) (c []float64, parts [][]float64, err error)
	// Head returns the model's outputs for pre-activations Z (rows of
	// len(c) values): Head(c + Σ_j A_j(x_j)) = Predict(x).
	Head(Z [][]float64) ([][]float64, error)
}

// Head32 is an Affine model whose head also evaluates float32
// pre-activations, as a float32 network computes them. The structured path
// then builds the masked rows' pre-activations in float32 — half the
// memory traffic of float64, and no conversion before a float32 head — and
// its values equal the black-box path's up to float32 rounding of the
// first layer, which Predict rounds as well. The models of package ml
// implement it on the pure-Go backend.
type Head32 interface {
	Affine
	// Head32 writes the outputs for the pre-activation rows of Z into out
	// (rows × outputs, row-major). A row of Z holds len(c) rounded up to a
	// multiple of 8 values, the padding zero, and Z has room for rows
	// rounded up to a multiple of 4, the padding rows finite. Head32 may
	// overwrite Z, and is called from one goroutine per explainer worker.
	Head32(Z []float32, rows int, out []float64) error
}
