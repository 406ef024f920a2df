package ml_test

import (
	"fmt"

	"github.com/glassbox-ml/glassbox/ml"
)

// The reference workflow on encoded rows: the label is 1 when x₀ + x₁ > 0.
func Example() {
	var X, y [][]float64
	for i := 0; i < 400; i++ {
		a, b := float64(i%20)/10-1, float64(i/20)/10-1
		label := 0.0
		if a+b > 0 {
			label = 1
		}
		X = append(X, []float64{a, b})
		y = append(y, []float64{label})
	}
	m := ml.NewSequential(ml.Dense(64, ml.ReLU, 2), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Optimizer: "adam", LearningRate: 0.01, Backend: "go"}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(m.Summary().Text())
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 20, BatchSize: 32, Seed: 1, Quiet: true}); err != nil {
		fmt.Println(err)
		return
	}
	metrics, err := m.Evaluate(X, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("accuracy above 0.95: %v\n", metrics["accuracy"] > 0.95)
	p, _ := m.Predict([][]float64{{0.8, 0.6}, {-0.8, -0.6}})
	fmt.Printf("P(1 | far above the line) > 0.9: %v; P(1 | far below) < 0.1: %v\n", p[0][0] > 0.9, p[1][0] < 0.1)
	// Output:
	// Layer (type)                 Output Shape              Param #
	// ──────────────────────────────────────────────────────────────
	// dense_0 (Dense)              (None, 64)                    192
	// dense_1 (Dense)              (None, 1)                      65
	// ──────────────────────────────────────────────────────────────
	// Total params: 257
	// Trainable params: 257
	// Non-trainable params: 0
	// accuracy above 0.95: true
	// P(1 | far above the line) > 0.9: true; P(1 | far below) < 0.1: true
}
