package explain_test

import (
	"fmt"

	"github.com/glassbox-ml/glassbox/explain"
)

// Partial dependence and permutation importance of f = 2·x0 + x1², which
// ignores x2.
func ExamplePartialDependence() {
	model := explain.ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for r, x := range X {
			out[r] = []float64{2*x[0] + x[1]*x[1]}
		}
		return out, nil
	})
	var X [][]float64
	var y []float64
	for i := range 30 {
		x := []float64{float64(i % 5), float64(i%3) - 1, float64(i % 7)}
		X = append(X, x)
		y = append(y, 2*x[0]+x[1]*x[1])
	}
	pd, err := explain.PartialDependence(model, X, 0, explain.PDPOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("grid", pd.Grid)
	fmt.Printf("PD slope %.1f\n", pd.Average[1]-pd.Average[0])
	pi, err := explain.PermutationFeatureImportance(model, X, y, explain.MSE, explain.ImportanceOptions{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("importance of the ignored x2: %.1f ± %.1f\n", pi.Mean[2], pi.Std[2])
	// Output:
	// grid [0 1 2 3 4]
	// PD slope 2.0
	// importance of the ignored x2: 0.0 ± 0.0
}
