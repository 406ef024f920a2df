package datasets

import (
	"math"
	"slices"
	"testing"

	"github.com/glassbox-ml/glassbox/ml/data"
)

// TestCustomersLearnableNotTrivial fits a logistic regression by gradient
// descent on the ten numeric inputs of a stratified training split and
// checks its held-out accuracy lies within [0.72, 0.88]: the data can be
// learned, yet not perfectly. The messy variant, cleaned by median
// imputation and IQR clipping, with channel one-hot encoded, must stay
// within the same range.
func TestCustomersLearnableNotTrivial(t *testing.T) {
	clean, err := Customers(5000, 5)
	if err != nil {
		t.Fatal(err)
	}
	acc, w, p := heldOutAccuracy(t, clean, data.Options{Columns: CustomerNumericColumns})
	t.Logf("clean data, 10 features: held-out accuracy %.3f", acc)
	if acc < 0.72 || acc > 0.88 {
		t.Errorf("held-out accuracy %v, want within [0.72, 0.88]", acc)
	}
	// The fitted signs agree with the truth on every non-null feature.
	names := p.FeatureNames()
	for j, e := range CustomerTruth {
		if names[j] != e.Column {
			t.Fatalf("feature %d is %q, want %q", j, names[j], e.Column)
		}
		if e.Sign() != 0 && math.Signbit(w[j]) != (e.Sign() < 0) {
			t.Errorf("%s: fitted weight %v, true sign %d", e.Column, w[j], e.Sign())
		}
	}
	messy, err := MessyCustomers(5000, 5)
	if err != nil {
		t.Fatal(err)
	}
	acc, _, p = heldOutAccuracy(t, messy, data.Options{Columns: append(slices.Clone(CustomerNumericColumns), "channel"),
		Impute: data.ImputeMedian, Clip: data.ClipIQR})
	t.Logf("messy data, cleaned, 13 features: held-out accuracy %.3f", acc)
	if acc < 0.72 || acc > 0.88 || p.NumFeatures() != 13 {
		t.Errorf("messy data: held-out accuracy %v with %d features, want within [0.72, 0.88] with 13", acc, p.NumFeatures())
	}
}

// heldOutAccuracy splits f 70/30 by "buys", fits a pipeline with opts and a
// logistic regression (300 steps of gradient descent, rate 0.5) on the
// training part, and returns the test accuracy, the weights (intercept
// last) and the pipeline.
func heldOutAccuracy(t *testing.T, f *data.Frame, opts data.Options) (float64, []float64, *data.Pipeline) {
	t.Helper()
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
	p, err := data.Fit(train, opts)
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
	return float64(right) / float64(len(Xte)), w, p
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
