package explain_test

import (
	"fmt"

	"github.com/glassbox-ml/glassbox/explain"
)

// quadratic is f(x) = x0² + 3·x0·x1 with its gradient.
type quadratic struct{}

func (quadratic) Predict(X [][]float64) ([][]float64, error) {
	out := make([][]float64, len(X))
	for r, x := range X {
		out[r] = []float64{x[0]*x[0] + 3*x[0]*x[1]}
	}
	return out, nil
}

func (quadratic) Gradient(X [][]float64, _ int) ([][]float64, error) {
	out := make([][]float64, len(X))
	for r, x := range X {
		out[r] = []float64{2*x[0] + 3*x[1], 3 * x[0]}
	}
	return out, nil
}

// Integrated Gradients from the zero baseline: with Gauss–Legendre nodes
// the attributions of a quadratic are exact and add up to f(x) − f(0).
func ExampleIntegratedGradients() {
	ex, gap, err := explain.IntegratedGradients(quadratic{}, [][]float64{{1, 2}}, explain.GradientOptions{Steps: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("attributions %.3f %.3f, base %.1f, completeness gap below 1e-12: %v\n",
		ex.Values[0][0][0], ex.Values[0][1][0], ex.BaseValues[0][0], gap[0][0] < 1e-12)
	// Output:
	// attributions 4.000 3.000, base 0.0, completeness gap below 1e-12: true
}
