package ml_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

// blobs returns n rows of d features whose label is 1 when w·x > 0 for a
// fixed w: linearly separable, so a trained model must classify it well.
func blobs(n, d int, seed uint64) (X, y [][]float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := 0; i < n; i++ {
		row := make([]float64, d)
		var s float64
		for j := range row {
			row[j] = rng.NormFloat64()
			s += row[j] * float64(j%3-1+j%2)
		}
		X = append(X, row)
		label := 0.0
		if s > 0 {
			label = 1
		}
		y = append(y, []float64{label})
	}
	return
}

func reference(t *testing.T, d int) *ml.Sequential {
	t.Helper()
	m := ml.NewSequential(ml.Dense(64, ml.ReLU, d), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBinaryFitLearnsAndIsSeeded(t *testing.T) {
	X, y := blobs(600, 5, 1)
	m := reference(t, 5)
	h, err := m.Fit(X, y, ml.FitOptions{Epochs: 8, Seed: 7, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Epochs) != 8 || h.Last().Step != 8*19 {
		t.Fatalf("history: %d epochs, %d steps; want 8 epochs, 152 steps", len(h.Epochs), h.Last().Step)
	}
	if h.Epochs[0].Metrics["loss"] <= h.Last().Metrics["loss"] {
		t.Errorf("loss did not fall: %v → %v", h.Epochs[0].Metrics["loss"], h.Last().Metrics["loss"])
	}
	got, err := m.Evaluate(X, y)
	if err != nil {
		t.Fatal(err)
	}
	if got["accuracy"] < 0.93 || got["auc"] < 0.98 {
		t.Errorf("separable data: accuracy %.3f, auc %.3f; want ≥ 0.93, ≥ 0.98", got["accuracy"], got["auc"])
	}
	// Same seed and data → identical weights; another seed → different ones.
	m2 := reference(t, 5)
	if _, err := m2.Fit(X, y, ml.FitOptions{Epochs: 8, Seed: 7, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	w1, _ := m.Weights()
	w2, _ := m2.Weights()
	for l := range w1 {
		for i := range w1[l].Kernel {
			if w1[l].Kernel[i] != w2[l].Kernel[i] {
				t.Fatalf("layer %d kernel[%d]: %v vs %v with the same seed", l, i, w1[l].Kernel[i], w2[l].Kernel[i])
			}
		}
	}
	m3 := reference(t, 5)
	if _, err := m3.Fit(X, y, ml.FitOptions{Epochs: 1, Seed: 8, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	w3, _ := m3.Weights()
	if w3[0].Kernel[0] == w1[0].Kernel[0] && w3[0].Kernel[1] == w1[0].Kernel[1] {
		t.Error("different seeds gave the same weights")
	}
	p, err := m.Predict(X[:3])
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range p {
		if len(row) != 1 || row[0] < 0 || row[0] > 1 {
			t.Errorf("prediction %d = %v, want one probability", i, row)
		}
	}
}

func TestSummaryCountsParameters(t *testing.T) {
	m := ml.NewSequential(ml.Dense(64, ml.ReLU, 10), ml.Dropout(0.2), ml.Dense(1, ml.Sigmoid))
	s := m.Summary()
	if s.TotalParams != 10*64+64+64+1 {
		t.Errorf("total params %d, want 769", s.TotalParams)
	}
	text := s.Text()
	for _, want := range []string{"dense_0 (Dense)", "(None, 64)", "dropout_0 (Dropout)", "dense_1 (Dense)", "(None, 1)", "Total params: 769"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary text lacks %q:\n%s", want, text)
		}
	}
	r := ml.NewSequential(ml.Dense(3, ml.ReLU, 2), ml.Dense(1, ml.Linear), ml.Rescaling(5, 7)).Summary()
	if last := r.Rows[2]; last.Name != "rescaling_0 (Rescaling)" || last.Params != 0 || last.OutputShape != "(None, 1)" || r.TotalParams != 13 {
		t.Errorf("rescaling summary %+v, total %d", last, r.TotalParams)
	}
}

func TestConcurrentPredictMatchesSerial(t *testing.T) {
	X, y := blobs(300, 4, 2)
	m := reference(t, 4)
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 2, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	want, err := m.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			lo := g * 30
			got, err := m.Predict(X[lo : lo+30+g])
			if err != nil {
				errs <- err.Error()
				return
			}
			for i := range got {
				if math.Abs(got[i][0]-want[lo+i][0]) > 1e-6 {
					errs <- "row mismatch"
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
