package explain

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// additiveModel is f(x) = sin(x0) + x1³ − 2·x2 (x3 unused).
var additiveModel = ModelFunc(func(X [][]float64) ([][]float64, error) {
	out := make([][]float64, len(X))
	for i, x := range X {
		out[i] = []float64{math.Sin(x[0]) + x[1]*x[1]*x[1] - 2*x[2]}
	}
	return out, nil
})

func TestPartialDependenceOfAdditiveModel(t *testing.T) {
	X := gaussianData(1, 200, []float64{0, 0, 0, 0}, []float64{1, 1, 1, 1})
	pd, err := PartialDependence(additiveModel, X, 0, PDPOptions{GridPoints: 15, BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(pd.Grid) != 15 || len(pd.ICE) != len(X) {
		t.Fatalf("grid %d points, %d ICE curves", len(pd.Grid), len(pd.ICE))
	}
	sorted := append([]float64(nil), pd.Grid...)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range X {
		lo, hi = math.Min(lo, x[0]), math.Max(hi, x[0])
	}
	if sorted[0] != lo || sorted[14] != hi {
		t.Errorf("quantile grid spans [%v, %v], data [%v, %v]", sorted[0], sorted[14], lo, hi)
	}
	// PD(v) − sin(v) is the same constant at every grid point, and so is
	// every ICE curve minus sin.
	c := pd.Average[0] - math.Sin(pd.Grid[0])
	for g, v := range pd.Grid {
		if math.Abs(pd.Average[g]-math.Sin(v)-c) > 1e-12 {
			t.Errorf("PD at %v = %v, want sin + %v", v, pd.Average[g], c)
		}
		for i, curve := range pd.ICE {
			ci := curve[0] - math.Sin(pd.Grid[0])
			if math.Abs(curve[g]-math.Sin(v)-ci) > 1e-12 {
				t.Fatalf("ICE %d not parallel to sin at %v", i, v)
			}
		}
	}
	// A feature with few values uses them; an explicit grid is kept.
	Xd := [][]float64{{0, 0, 1, 0}, {0, 1, 2, 0}, {0, 0, 1, 0}}
	pd2, err := PartialDependence(additiveModel, Xd, 2, PDPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pd2.Grid, []float64{1, 2}) || math.Abs(pd2.Average[1]-pd2.Average[0]+2) > 1e-12 {
		t.Errorf("distinct-value grid %v, PD %v", pd2.Grid, pd2.Average)
	}
	pd3, err := PartialDependence(additiveModel, Xd, 1, PDPOptions{Grid: []float64{-1, 0, 2}})
	if err != nil || !reflect.DeepEqual(pd3.Grid, []float64{-1, 0, 2}) {
		t.Errorf("explicit grid: %v %v", pd3, err)
	}
}

func TestPermutationImportance(t *testing.T) {
	X := gaussianData(2, 300, []float64{0, 0, 0, 0}, []float64{1, 1, 1, 1})
	y := make([]float64, len(X))
	pred, _ := additiveModel(X)
	for i := range y {
		y[i] = pred[i][0]
	}
	for _, metric := range []Metric{MSE, R2} {
		pi, err := PermutationFeatureImportance(additiveModel, X, y, metric, ImportanceOptions{Repeats: 4, Seed: 3, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if pi.Mean[3] != 0 || pi.Std[3] != 0 {
			t.Errorf("%s: ignored feature 3 has importance %v ± %v, want exactly 0", metric.Name, pi.Mean[3], pi.Std[3])
		}
		for j := range 3 {
			if pi.Mean[j] <= 0 || len(pi.Drops[j]) != 4 {
				t.Errorf("%s: used feature %d has importance %v (drops %v)", metric.Name, j, pi.Mean[j], pi.Drops[j])
			}
		}
		// x1³ has the largest variance (15), then 2·x2 (4), then sin(x0) (<1).
		if got := orderByMagnitude(pi.Mean); !reflect.DeepEqual(got, []int{1, 2, 0, 3}) {
			t.Errorf("%s: ranking %v, want [1 2 0 3]", metric.Name, got)
		}
		again, _ := PermutationFeatureImportance(additiveModel, X, y, metric, ImportanceOptions{Repeats: 4, Seed: 3, Workers: 1})
		if !reflect.DeepEqual(pi, again) {
			t.Errorf("%s: same seed, different result", metric.Name)
		}
	}
	// For an exact model with MSE the drop has a closed form in
	// expectation: E[(g(x) − g(x'))²] = 2·Var g, here 2·4 = 8 for −2·x2.
	pi, _ := PermutationFeatureImportance(additiveModel, X, y, MSE, ImportanceOptions{Repeats: 20})
	if math.Abs(pi.Mean[2]-8) > 1.5 {
		t.Errorf("MSE drop of x2 = %v, want ≈ 8", pi.Mean[2])
	}
}

func TestMetricsClosedForms(t *testing.T) {
	y := []float64{0, 1, 1, 0}
	p1 := [][]float64{{0.1}, {0.8}, {0.4}, {0.4}}
	p2 := [][]float64{{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.6, 0.4}}
	for _, c := range []struct {
		m    Metric
		p    [][]float64
		want float64
	}{
		{Accuracy, p1, 0.75}, {Accuracy, p2, 0.75},
		{LogLoss, p1, -(math.Log(0.9) + math.Log(0.8) + math.Log(0.4) + math.Log(0.6)) / 4},
		{LogLoss, p2, -(math.Log(0.9) + math.Log(0.8) + math.Log(0.4) + math.Log(0.6)) / 4},
		// Pairs (pos, neg): (0.8, 0.1) win, (0.8, 0.4) win, (0.4, 0.1) win, (0.4, 0.4) tie.
		{AUC, p1, 3.5 / 4}, {AUC, p2, 3.5 / 4},
		{MSE, p1, (0.01 + 0.04 + 0.36 + 0.16) / 4},
		{R2, p1, 1 - (0.01+0.04+0.36+0.16)/1},
	} {
		got, err := c.m.Score(y, c.p)
		if err != nil || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s on %d columns = %v (%v), want %v", c.m.Name, len(c.p[0]), got, err, c.want)
		}
	}
	for _, c := range []struct {
		m    Metric
		y    []float64
		p    [][]float64
		want string
	}{
		{Accuracy, []float64{0, 2}, [][]float64{{0.1}, {0.2}}, "target row 1 is 2"},
		{AUC, []float64{1, 1}, [][]float64{{0.1}, {0.2}}, "one class"},
		{MSE, y, p2, "one output column"},
		{R2, []float64{1, 1}, [][]float64{{1}, {2}}, "constant"},
		{LogLoss, y, p1[:3], "3 predictions for 4 targets"},
		{MSE, []float64{1, math.NaN()}, [][]float64{{1}, {2}}, "target row 1, output 0 is NaN"},
	} {
		if _, err := c.m.Score(c.y, c.p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.m.Name, err, c.want)
		}
	}
}

func TestDependenceFindsInteraction(t *testing.T) {
	// f = x0·x1 + x2 + 0.5·x3: the attribution of x0 varies with x1.
	m := ModelFunc(func(X [][]float64) ([][]float64, error) {
		out := make([][]float64, len(X))
		for i, x := range X {
			out[i] = []float64{x[0]*x[1] + x[2] + 0.5*x[3]}
		}
		return out, nil
	})
	X := gaussianData(4, 120, []float64{0, 0, 0, 0}, []float64{1, 1, 1, 1})
	exact, err := NewExact(m, X[:30], Options{FeatureNames: []string{"a", "b", "c", "d"}})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := exact.Explain(X)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Dependence(ex, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if d.Interaction != 1 || d.InteractionName != "b" || len(d.InteractionValues) != len(X) {
		t.Errorf("suggested interaction %d %q, want 1 \"b\"", d.Interaction, d.InteractionName)
	}
	for r := range X {
		if d.Values[r] != X[r][0] || d.Attributions[r] != ex.Values[r][0][0] {
			t.Fatalf("row %d: %v %v", r, d.Values[r], d.Attributions[r])
		}
	}
	if _, err := Dependence(ex, 4, 0); err == nil || !strings.Contains(err.Error(), "feature 4 out of range") {
		t.Errorf("feature out of range: %v", err)
	}
	if _, err := Dependence(ex, 0, 1); err == nil || !strings.Contains(err.Error(), "output 1 out of range") {
		t.Errorf("output out of range: %v", err)
	}
	grouped := *ex
	grouped.Groups = [][]int{{0, 1}, {2}, {3}}
	if _, err := Dependence(&grouped, 0, 0); err == nil || !strings.Contains(err.Error(), "group of 2 columns") {
		t.Errorf("group feature: %v", err)
	}
}

func TestGlobalBadInput(t *testing.T) {
	X := [][]float64{{0, 1, 2, 3}, {1, 2, 3, 4}, {2, 3, 4, 5}}
	y := []float64{1, 2, 3}
	failing := ModelFunc(func([][]float64) ([][]float64, error) { return nil, errors.New("boom") })
	for name, c := range map[string]struct {
		err  func() error
		want string
	}{
		"pdp nil model": {func() error { _, err := PartialDependence(nil, X, 0, PDPOptions{}); return err }, "model is nil"},
		"pdp feature":   {func() error { _, err := PartialDependence(additiveModel, X, 4, PDPOptions{}); return err }, "feature 4 out of range"},
		"pdp ragged": {func() error {
			_, err := PartialDependence(additiveModel, [][]float64{{1, 2, 3, 4}, {1}}, 0, PDPOptions{})
			return err
		}, "X row 1 has 1 columns"},
		"pdp grid": {func() error {
			_, err := PartialDependence(additiveModel, X, 0, PDPOptions{Grid: []float64{2, 1}})
			return err
		}, "Grid[1]"},
		"pdp points":    {func() error { _, err := PartialDependence(additiveModel, X, 0, PDPOptions{GridPoints: 1}); return err }, "GridPoints"},
		"pdp output":    {func() error { _, err := PartialDependence(additiveModel, X, 0, PDPOptions{Output: 1}); return err }, "Output 1 out of range"},
		"pdp model":     {func() error { _, err := PartialDependence(failing, X, 0, PDPOptions{}); return err }, "boom"},
		"pfi nil model": {func() error { _, err := PermutationFeatureImportance(nil, X, y, MSE, ImportanceOptions{}); return err }, "model is nil"},
		"pfi metric": {func() error {
			_, err := PermutationFeatureImportance(additiveModel, X, y, Metric{}, ImportanceOptions{})
			return err
		}, "no Score"},
		"pfi targets": {func() error {
			_, err := PermutationFeatureImportance(additiveModel, X, y[:2], MSE, ImportanceOptions{})
			return err
		}, "y has 2 targets for 3 rows"},
		"pfi repeats": {func() error {
			_, err := PermutationFeatureImportance(additiveModel, X, y, MSE, ImportanceOptions{Repeats: -1})
			return err
		}, "Repeats"},
		"pfi names": {func() error {
			_, err := PermutationFeatureImportance(additiveModel, X, y, MSE, ImportanceOptions{FeatureNames: []string{"a"}})
			return err
		}, "FeatureNames"},
		"pfi model": {func() error {
			_, err := PermutationFeatureImportance(failing, X, y, MSE, ImportanceOptions{})
			return err
		}, "boom"},
		"pfi bad metric": {func() error {
			_, err := PermutationFeatureImportance(additiveModel, X, y, AUC, ImportanceOptions{})
			return err
		}, "target row"},
		"dependence nil": {func() error { _, err := Dependence(nil, 0, 0); return err }, "explanation is nil"},
		"pfi single row": {func() error {
			_, err := PermutationFeatureImportance(additiveModel, X[:1], y[:1], MSE, ImportanceOptions{})
			return err
		}, "at least 2 rows"},
		"pdp empty input": {func() error { _, err := PartialDependence(additiveModel, nil, 0, PDPOptions{}); return err }, "X is empty"},
	} {
		if err := c.err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, c.want)
		}
	}
}
