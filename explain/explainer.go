package explain

// Explainer explains the rows of X (rows × columns, the columns of the
// background it was built with): one Explanation with a row per row of X.
// Implementations are safe for concurrent use.
type Explainer interface {
	Explain(X [][]float64) (*Explanation, error)
}
