package datasets

import (
	"math"
	"testing"

	"github.com/glassbox-ml/glassbox/ml/data"
)

// TestCustomersLearnableNotTrivial fits a logistic regression by gradient
// descent on the ten numeric inputs of a stratified training split and
// checks its held-out accuracy lies within [0.72, 0.88]: the data can be
// learned, yet not perfectly.
func TestCustomersLearnableNotTrivial(t *testing.T) {
	f, err := Customers(5000, 5)
	if err != nil {
		t.Fatal(err)
	}
	y, classes, err := data.ClassTarget(f, "buys")
	if err != nil || len(classes) != 2 {
		t.Fatal(classes, err)
	}
	split, err := data.StratifiedSplit(y, 0, 0.3, 1)
	if err != nil {
		t.Fatal(err)
	}
	train, _, test, err := split.Frames(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := data.Fit(train, data.Options{Columns: CustomerNumericColumns})
	if err != nil {
		t.Fatal(err)
	}
	Xtr, err := p.Transform(train)
	if err != nil {
		t.Fatal(err)
	}
	Xte, err := p.Transform(test)
	if err != nil {
		t.Fatal(err)
	}
	w := make([]float64, p.NumFeatures()+1)
	for range 300 {
		grad := make([]float64, len(w))
		for i, x := range Xtr {
			e := sigmoid(dot(w, x)) - y[split.Train[i]]
			for j, v := range x {
				grad[j] += e * v
			}
			grad[len(x)] += e
		}
		for j := range w {
			w[j] -= 0.5 * grad[j] / float64(len(Xtr))
		}
	}
	right := 0
	for i, x := range Xte {
		if (sigmoid(dot(w, x)) > 0.5) == (y[split.Test[i]] == 1) {
			right++
		}
	}
	if acc := float64(right) / float64(len(Xte)); acc < 0.72 || acc > 0.88 {
		t.Errorf("held-out accuracy %v, want within [0.72, 0.88]", acc)
	}
	// The fitted signs agree with the truth on every non-null feature.
	for j, e := range CustomerTruth {
		if e.Sign() != 0 && math.Signbit(w[j]) != (e.Sign() < 0) {
			t.Errorf("%s: fitted weight %v, true sign %d", e.Column, w[j], e.Sign())
		}
	}
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// dot returns w·x + w[len(x)] (the intercept).
func dot(w, x []float64) float64 {
	s := w[len(x)]
	for j, v := range x {
		s += w[j] * v
	}
	return s
}
