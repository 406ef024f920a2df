package explain_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/glassbox-ml/glassbox/explain"
)

// NewScorecard scores how far SHAP and LIME explanations of a model can be
// trusted; here a logistic model whose true effects are known.
func ExampleNewScorecard() {
	effects := []float64{1.2, -0.8, 0, 0.4} // log-odds per unit; x2 is noise
	model := explain.ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for r, x := range X {
			eta := 0.0
			for j, v := range x {
				eta += effects[j] * v
			}
			out[r] = []float64{1 / (1 + math.Exp(-eta))}
		}
		return out, nil
	})
	rng := rand.New(rand.NewPCG(1, 2))
	draw := func(n int) [][]float64 {
		X := make([][]float64, n)
		for i := range X {
			X[i] = []float64{rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()}
		}
		return X
	}
	rows, background := draw(10), draw(50)
	sc, err := explain.NewScorecard(model, rows, background, explain.ScorecardOptions{
		Method:      "exact",
		SHAP:        explain.Options{Link: explain.LinkLogit},
		LIME:        explain.LIMEOptions{Samples: 1000},
		TopK:        2,
		GroundTruth: effects, // features share one scale (unit variance)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range sc.Criteria {
		if c.Name == "SHAP additivity error" || c.Name == "Ground truth, effect direction agreement" {
			fmt.Printf("%s: pass=%v\n", c.Name, c.Pass)
		}
	}
	// Output:
	// SHAP additivity error: pass=true
	// Ground truth, effect direction agreement: pass=true
}
