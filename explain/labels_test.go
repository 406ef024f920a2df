package explain

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// namedModel is a linear model with two outputs that names its columns,
// outputs and the categories of column 2, as ml's models do.
type namedModel struct{ features, outputs []string }

func (m namedModel) Predict(X [][]float64) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i, x := range X {
		s := x[0] - 2*x[1] + x[2]
		out[i] = []float64{s, -s}
	}
	return out, nil
}

func (m namedModel) FeatureNames() []string { return m.features }
func (m namedModel) OutputNames() []string  { return m.outputs }
func (m namedModel) CategoryLabels() [][]string {
	return [][]string{nil, nil, {"web", "store"}}
}

func TestDescribedModelNamesEveryMethod(t *testing.T) {
	m := namedModel{[]string{"income", "age", "channel"}, []string{"score", "-score"}}
	X := [][]float64{{1, 2, 1}, {0, 1, 0}, {2, 0, 1}, {1, 1, 0}}
	check := func(method string, ex *Explanation, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		if !reflect.DeepEqual(ex.FeatureNames, m.features) || !reflect.DeepEqual(ex.OutputNames, m.outputs) {
			t.Errorf("%s: names %v / %v, want the model's", method, ex.FeatureNames, ex.OutputNames)
		}
		if !reflect.DeepEqual(ex.Categories, m.CategoryLabels()) {
			t.Errorf("%s: categories %v, want the model's", method, ex.Categories)
		}
	}
	for name, newSHAP := range map[string]func(Model, [][]float64, Options) (Explainer, error){
		"exact": NewExact, "kernel": NewKernel, "permutation": NewPermutation,
	} {
		x, err := newSHAP(m, X, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ex, err := x.Explain(X[:2])
		check(name, ex, err)
	}
	l, err := NewLIME(m, X, LIMEOptions{Samples: 200})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := l.Explain(X[:2])
	check("lime", ex, err)
	if got := ex.Surrogates[0][0].Conditions[2]; got != "channel=store" {
		t.Errorf("LIME condition of the categorical column: %q, want channel=store", got)
	}
	// The CSV names every row's output, for LIME as for SHAP.
	var buf bytes.Buffer
	if err := ex.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(recs[0], ","); h != "row,output,base_value,income,age,channel,prediction,model_prediction,fidelity" {
		t.Errorf("LIME CSV header %s", h)
	}
	if len(recs) != 1+2*2 || recs[1][1] != "score" || recs[2][1] != "-score" {
		t.Errorf("LIME CSV rows %v: want one per row and output, named", recs[1:])
	}
	pi, err := PermutationFeatureImportance(m, X, []float64{1, 2, 3, 4}, MSE, ImportanceOptions{})
	if err == nil {
		t.Errorf("MSE on a two-output model: no error (%v)", pi)
	}
	ig, _, err := IntegratedGradients(gradientOf(m), X[:1], GradientOptions{})
	check("integrated gradients", ig, err)
	// Options win over the model's names.
	x, err := NewKernel(m, X, Options{FeatureNames: []string{"a", "b", "c"}, OutputNames: []string{"u", "v"}})
	if err != nil {
		t.Fatal(err)
	}
	if ex, err := x.Explain(X[:1]); err != nil || ex.FeatureNames[0] != "a" || ex.OutputNames[1] != "v" {
		t.Errorf("options did not win: %v, %v", ex, err)
	}
}

// gradientOf adds the exact gradient of namedModel.
type gradientOf namedModel

func (g gradientOf) Predict(X [][]float64) ([][]float64, error) { return namedModel(g).Predict(X) }
func (g gradientOf) FeatureNames() []string                     { return g.features }
func (g gradientOf) OutputNames() []string                      { return g.outputs }
func (g gradientOf) CategoryLabels() [][]string                 { return namedModel(g).CategoryLabels() }
func (g gradientOf) Gradient(X [][]float64, output int) ([][]float64, error) {
	sign := []float64{1, -1}[output]
	out := make([][]float64, len(X))
	for i := range X {
		out[i] = []float64{sign, -2 * sign, sign}
	}
	return out, nil
}

func TestDescribedModelMismatchIsAnError(t *testing.T) {
	X := [][]float64{{1, 2, 1}, {0, 1, 0}}
	for name, c := range map[string]struct {
		m    namedModel
		want string
	}{
		"features": {namedModel{[]string{"a", "b"}, nil}, "the model's FeatureNames() has 2 names for 3 columns"},
		"outputs":  {namedModel{nil, []string{"only"}}, "the model's OutputNames() has 1 names for 2 outputs"},
	} {
		if _, err := NewKernel(c.m, X, Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Kernel error %v, want %q", name, err, c.want)
		}
		l, err := NewLIME(c.m, X, LIMEOptions{Samples: 50})
		if err == nil {
			_, err = l.Explain(X)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: LIME error %v, want %q", name, err, c.want)
		}
	}
}
