package explain_test

import (
	"fmt"
	"math"

	"github.com/glassbox-ml/glassbox/explain"
)

// LIME explains one prediction of a credit-style logistic model with a
// local linear surrogate on quartile bins of the training data.
func ExampleLIME() {
	// Training data: income (thousands) and debt ratio on a fixed grid.
	var train [][]float64
	for i := range 20 {
		for k := range 10 {
			train = append(train, []float64{20 + 4*float64(i), float64(k) / 10})
		}
	}
	// The model returns [P(reject), P(approve)].
	model := explain.ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for r, x := range X {
			p := 1 / (1 + math.Exp(-(0.08*(x[0]-50) - 4*(x[1]-0.5))))
			out[r] = []float64{1 - p, p}
		}
		return out, nil
	})
	lime, err := explain.NewLIME(model, train, explain.LIMEOptions{
		FeatureNames: []string{"income", "debt_ratio"},
		OutputNames:  []string{"P(reject)", "P(approve)"},
		Outputs:      []int{1}, // explain P(approve) only
		Seed:         7,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := lime.Explain([][]float64{{80, 0.2}})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := e.Surrogates[0][0]
	fmt.Println(e.OutputNames[0])
	for _, j := range s.Kept {
		fmt.Printf("%-22s %+.2f\n", s.Conditions[j], e.Values[0][j][0])
	}
	fmt.Printf("model %.3f, surrogate %.3f, fidelity %.2f\n", s.ModelPrediction, s.LocalPrediction, s.Fidelity)
	// Output:
	// P(approve)
	// income > 77            +0.40
	// debt_ratio <= 0.2      +0.24
	// model 0.973, surrogate 1.093, fidelity 0.51
}
