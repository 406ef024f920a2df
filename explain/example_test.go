package explain_test

import (
	"fmt"

	"github.com/glassbox-ml/glassbox/explain"
)

// Explain f(x) = x0·x1 + 2·x2 at one row against a background of two rows.
func Example() {
	f := explain.ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			out[i] = []float64{x[0]*x[1] + 2*x[2]}
		}
		return out, nil
	})
	background := [][]float64{{0, 0, 0}, {1, 1, 1}}
	opts := explain.Options{FeatureNames: []string{"price", "quantity", "discount"}, Seed: 1}
	ex, err := explain.NewExact(f, background, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := ex.Explain([][]float64{{3, 2, 0.5}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("base %.4g\n", e.BaseValues[0][0])
	top, _ := e.TopK(0, 0, 3)
	for _, j := range top {
		fmt.Printf("%-8s %+.4g\n", e.FeatureNames[j], e.Values[0][j][0])
	}
	fmt.Printf("f(x)     %.4g\n", e.Prediction(0, 0))
	// Output:
	// base 1.5
	// price    +3
	// quantity +2.5
	// discount +0
	// f(x)     7
}
