package explain

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func sumModel(X [][]float64) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i, x := range X {
		s := 0.0
		for _, v := range x {
			s += v
		}
		out[i] = []float64{s}
	}
	return out, nil
}

// expectError fails unless err is non-nil and mentions every fragment.
func expectError(t *testing.T, what string, err error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("%s: error %q does not mention %q", what, err, f)
		}
	}
}

func TestBadConstruction(t *testing.T) {
	bg := [][]float64{{0, 0, 0}, {1, 1, 1}}
	m := ModelFunc(sumModel)
	cases := []struct {
		name      string
		bg        [][]float64
		o         Options
		fragments []string
	}{
		{"empty background", nil, Options{}, []string{"background is empty"}},
		{"ragged background", [][]float64{{0, 0, 0}, {1, 1}}, Options{}, []string{"background row 1", "2 columns"}},
		{"NaN background", [][]float64{{0, 0, 0}, {1, math.NaN(), 1}}, Options{}, []string{"background row 1, column 1", "NaN"}},
		{"negative samples", bg, Options{Samples: -1}, []string{"Options.Samples"}},
		{"negative workers", bg, Options{Workers: -2}, []string{"Options.Workers"}},
		{"negative batch", bg, Options{BatchSize: -2}, []string{"Options.BatchSize"}},
		{"unknown link", bg, Options{Link: "probit"}, []string{"probit"}},
		{"weights length", bg, Options{BackgroundWeights: []float64{1}}, []string{"BackgroundWeights", "1 weights for 2"}},
		{"negative weight", bg, Options{BackgroundWeights: []float64{1, -1}}, []string{"BackgroundWeights[1]"}},
		{"zero weights", bg, Options{BackgroundWeights: []float64{0, 0}}, []string{"sum to 0"}},
		{"feature names", bg, Options{FeatureNames: []string{"a"}}, []string{"FeatureNames", "1 names for 3"}},
		{"group overlap", bg, Options{Groups: [][]int{{0, 1}, {1, 2}}}, []string{"column 1", "Groups[0] and [1]"}},
		{"group gap", bg, Options{Groups: [][]int{{0, 1}}}, []string{"column 2", "no group"}},
		{"group range", bg, Options{Groups: [][]int{{0, 1, 2, 3}}}, []string{"column 3"}},
		{"empty group", bg, Options{Groups: [][]int{{0, 1, 2}, {}}}, []string{"Groups[1] is empty"}},
		{"group names", bg, Options{Groups: [][]int{{0, 1, 2}}, GroupNames: []string{"a", "b"}}, []string{"GroupNames"}},
		{"names without groups", bg, Options{GroupNames: []string{"a"}}, []string{"without Options.Groups"}},
		{"logit of a sum", bg, Options{Link: LinkLogit}, []string{"logit link", "(0,1)"}},
	}
	for _, c := range cases {
		for name, ctor := range allShapley {
			_, err := ctor(m, c.bg, c.o)
			expectError(t, c.name+"/"+name, err, c.fragments...)
		}
	}
	for name, ctor := range allShapley {
		_, err := ctor(nil, bg, Options{})
		expectError(t, "nil model/"+name, err, "model is nil")
	}
	wide := make([][]float64, 1)
	wide[0] = make([]float64, MaxExactFeatures+1)
	_, err := NewExact(m, wide, Options{})
	expectError(t, "too many features", err, "M = 21", "NewKernel", "NewPermutation")
	_, err = NewKernel(m, [][]float64{make([]float64, 30)}, Options{Samples: 10})
	expectError(t, "kernel budget", err, "Options.Samples = 10", "at least M+1 = 31")
}

func TestBadRows(t *testing.T) {
	bg := [][]float64{{0, 0, 0}}
	for name, ctor := range allShapley {
		x, err := ctor(ModelFunc(sumModel), bg, Options{FeatureNames: []string{"a", "b", "c"}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = x.Explain([][]float64{{1, 2, 3}, {1, 2}})
		expectError(t, "width/"+name, err, "X row 1 has 2 columns; want 3")
		_, err = x.Explain([][]float64{{1, 2, 3}, {1, 2, math.Inf(1)}})
		expectError(t, "Inf/"+name, err, "X row 1, column 2", "+Inf")
		_, err = x.Explain([][]float64{{math.NaN(), 2, 3}})
		expectError(t, "NaN/"+name, err, "X row 0, column 0", "NaN")
	}
}

// TestBadModels: a model that fails, panics or answers with the wrong
// shape gives an error naming the explained row, never a panic.
func TestBadModels(t *testing.T) {
	bg := [][]float64{{0, 0, 0}, {1, 0, 1}}
	// Each model behaves on the background (two rows, first value 0 or 1)
	// and misbehaves when the explained row's first value, 5, appears.
	trigger := func(bad func(X [][]float64) ([][]float64, error)) Model {
		return ModelFunc(func(X [][]float64) ([][]float64, error) {
			for _, x := range X {
				if x[0] == 5 {
					return bad(X)
				}
			}
			return sumModel(X)
		})
	}
	errBoom := errors.New("boom")
	cases := []struct {
		name      string
		model     Model
		fragments []string
	}{
		{"error", trigger(func([][]float64) ([][]float64, error) { return nil, errBoom }), []string{"model failed", "boom", "explaining row 1"}},
		{"panic", trigger(func([][]float64) ([][]float64, error) { panic("index out of range") }), []string{"model panicked", "index out of range", "row 1"}},
		{"too few rows", trigger(func(X [][]float64) ([][]float64, error) { return make([][]float64, len(X)-1), nil }), []string{"rows for", "row 1"}},
		{"ragged", trigger(func(X [][]float64) ([][]float64, error) {
			out, _ := sumModel(X)
			out[len(out)-1] = []float64{1, 2}
			return out, nil
		}), []string{"2 outputs", "want 1", "row 1"}},
		{"NaN", trigger(func(X [][]float64) ([][]float64, error) {
			out, _ := sumModel(X)
			out[0][0] = math.NaN()
			return out, nil
		}), []string{"NaN", "output 0", "row 1"}},
	}
	X := [][]float64{{0.5, 1, 1}, {5, 1, 1}}
	for _, c := range cases {
		for name, ctor := range allShapley {
			x, err := ctor(c.model, bg, Options{Workers: 1})
			if err != nil {
				t.Fatalf("%s/%s: %v", c.name, name, err)
			}
			ex, err := x.Explain(X)
			expectError(t, c.name+"/"+name, err, c.fragments...)
			if ex != nil {
				t.Errorf("%s/%s: explanation returned with the error", c.name, name)
			}
		}
	}
	// Failures on the background are reported by the constructor.
	for name, ctor := range allShapley {
		_, err := ctor(ModelFunc(func([][]float64) ([][]float64, error) { panic("nil map") }), bg, Options{})
		expectError(t, "background panic/"+name, err, "model panicked", "background rows 0..1")
		_, err = ctor(ModelFunc(func(X [][]float64) ([][]float64, error) { return make([][]float64, len(X)), nil }), bg, Options{})
		expectError(t, "no outputs/"+name, err, "no outputs")
	}
	// A probability model reaching exactly 1 cannot be explained in log-odds.
	sat := ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			out[i] = []float64{math.Min(1, 0.25+x[0]/4)}
		}
		return out, nil
	})
	x, err := NewExact(sat, bg, Options{Link: LinkLogit})
	if err != nil {
		t.Fatal(err)
	}
	_, err = x.Explain([][]float64{{5, 0, 0}})
	expectError(t, "logit saturation", err, "logit link", "row 0")
}
