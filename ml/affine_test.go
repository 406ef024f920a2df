package ml_test

import (
	"math"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
)

// TestAffineExplainersMatchBlackBox: a trained run's models explained
// through their first layer (explain.Affine) give the values of the same
// models seen only through Predict — in original units with categories
// and booleans (RawModel) and in encoded units (Sequential) — up to
// float32 rounding; Head(c + Σ parts) is Predict.
func TestAffineExplainersMatchBlackBox(t *testing.T) {
	run, _, raw := customersRun(t, 5)
	enc, err := run.Pipeline.EncodeValues(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		model explain.Affine
		rows  [][]float64
	}{
		{"raw", run.RawModel(), raw},
		{"encoded", run.Model, enc},
	} {
		c, parts, err := tc.model.AffineParts(tc.rows[0])
		if err != nil || c == nil {
			t.Fatalf("%s: AffineParts = %v, %v", tc.name, c, err)
		}
		z := append([]float64(nil), c...)
		for _, p := range parts {
			for k, v := range p {
				z[k] += v
			}
		}
		head, err := tc.model.Head([][]float64{z})
		if err != nil {
			t.Fatal(err)
		}
		want, err := tc.model.Predict(tc.rows[:1])
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(head[0][0] - want[0][0]); d > 1e-6 {
			t.Errorf("%s: Head(c + Σ parts) = %v, Predict = %v", tc.name, head[0][0], want[0][0])
		}
		blackBox := explain.ModelFunc(tc.model.Predict)
		background := tc.rows[100:110]
		for name, newExplainer := range map[string]func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error){
			"kernel": explain.NewKernel, "permutation": explain.NewPermutation, "exact": explain.NewExact,
		} {
			o := explain.Options{Seed: 4, Samples: 64}
			if name == "exact" && len(tc.rows[0]) > explain.MaxExactFeatures {
				continue
			}
			values := func(m explain.Model) [][][]float64 {
				ex, err := newExplainer(m, background, o)
				if err != nil {
					t.Fatal(err)
				}
				e, err := ex.Explain(tc.rows[:4])
				if err != nil {
					t.Fatal(err)
				}
				return e.Values
			}
			got, want := values(tc.model), values(blackBox)
			for i := range got {
				for j := range got[i] {
					if d := math.Abs(got[i][j][0] - want[i][j][0]); d > 1e-5 {
						t.Errorf("%s %s: row %d feature %d: structured %v, black box %v", tc.name, name, i, j, got[i][j][0], want[i][j][0])
					}
				}
			}
		}
	}
}

// TestAffinePartsErrors: bad rows are errors naming the column; Head
// checks its width.
func TestAffinePartsErrors(t *testing.T) {
	m := ml.NewSequential(ml.Dense(4, ml.ReLU, 3), ml.Dense(1, ml.Sigmoid))
	if _, _, err := m.AffineParts([]float64{1, 2, 3}); err == nil {
		t.Error("AffineParts before Compile: no error")
	}
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	X, y := blobs(20, 3, 1)
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 1, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.AffineParts([]float64{1, math.NaN(), 3}); err == nil {
		t.Error("NaN: no error")
	} else {
		t.Log(err)
	}
	if _, err := m.Head([][]float64{{1, 2}}); err == nil {
		t.Error("Head on 2 of 4 units: no error")
	} else {
		t.Log(err)
	}
	out := make([]float64, 2)
	for name, Z := range map[string][]float32{
		"one row of 8 for 2 rows": make([]float32, 8),
		"NaN":                     {1, float32(math.NaN()), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	} {
		if err := m.Head32(Z, 2, out); err == nil {
			t.Errorf("Head32, %s: no error", name)
		} else {
			t.Log(err)
		}
	}
	if err := m.Head32(make([]float32, 32), 2, out[:1]); err == nil {
		t.Error("Head32 with room for 1 output of 2: no error")
	}
}

// TestHeadOfPartsIsPredict: for networks of every kind the structured path
// meets — leading rescaling folded into the parts, tanh and ReLU first
// layers, dropout, softmax outputs, a rescaled regression output —
// Head(c + Σ_j A_j(x_j)) is Predict(x).
func TestHeadOfPartsIsPredict(t *testing.T) {
	X, y := blobs(64, 5, 2)
	for _, tc := range []struct {
		name   string
		layers []ml.Layer
		loss   string
	}{
		{"rescaled input, tanh, softmax", []ml.Layer{ml.Rescaling(0.5, 1), ml.Dense(8, ml.Tanh, 5), ml.Dropout(0.2), ml.Dense(3, ml.Softmax)}, ml.CategoricalCrossEntropy},
		{"relu, rescaled regression output", []ml.Layer{ml.Dense(12, ml.ReLU, 5), ml.Dense(1, ml.Linear), ml.Rescaling(3.5, -2)}, ml.MSE},
		{"linear first layer, sigmoid", []ml.Layer{ml.Dense(4, ml.Linear, 5), ml.Dense(1, ml.Sigmoid)}, ml.BinaryCrossEntropy},
	} {
		m := ml.NewSequential(tc.layers...)
		if err := m.Compile(ml.CompileOptions{Backend: "go", Loss: tc.loss}); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 1, Seed: 1, Quiet: true}); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want, err := m.Predict(X)
		if err != nil {
			t.Fatal(err)
		}
		Z := make([][]float64, len(X))
		for i, x := range X {
			c, parts, err := m.AffineParts(x)
			if err != nil || c == nil {
				t.Fatalf("%s: AffineParts = %v, %v", tc.name, c, err)
			}
			Z[i] = append([]float64(nil), c...)
			for _, p := range parts {
				for k, v := range p {
					Z[i][k] += v
				}
			}
		}
		got, err := m.Head(Z)
		if err != nil {
			t.Fatal(err)
		}
		// Head32: the same pre-activations in float32, in rows of the
		// width rounded up to 8, room for rows rounded up to 4.
		units, outputs := len(Z[0]), len(want[0])
		w := (units + 7) &^ 7
		Z32 := make([]float32, (len(Z)+3)&^3*w)
		for i, z := range Z {
			for k, v := range z {
				Z32[i*w+k] = float32(v)
			}
		}
		out := make([]float64, len(Z)*outputs)
		if err := m.Head32(Z32, len(Z), out); err != nil {
			t.Fatalf("%s: Head32: %v", tc.name, err)
		}
		for i := range want {
			for k := range want[i] {
				if d := math.Abs(got[i][k] - want[i][k]); d > 1e-5*max(1, math.Abs(want[i][k])) {
					t.Fatalf("%s: row %d output %d: Head %v, Predict %v", tc.name, i, k, got[i][k], want[i][k])
				}
				if d := math.Abs(out[i*outputs+k] - want[i][k]); d > 1e-5*max(1, math.Abs(want[i][k])) {
					t.Fatalf("%s: row %d output %d: Head32 %v, Predict %v", tc.name, i, k, out[i*outputs+k], want[i][k])
				}
			}
		}
	}
}
