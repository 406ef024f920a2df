package ml_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

// TestFitReportsEveryStepAndEpoch: an Observer sees each optimiser step with
// a growing fraction that ends at 1, each epoch as History has it, and the
// end once; ProgressLines writes a line per epoch.
func TestFitReportsEveryStepAndEpoch(t *testing.T) {
	X, y := blobs(50, 2, 3)
	m := ml.NewSequential(ml.Dense(4, ml.ReLU, 2), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	var steps []ml.StepLog
	var epochs []ml.EpochLog
	var ends []*ml.History
	var lines bytes.Buffer
	spy := ml.ObserverFuncs{
		OnStep:  func(s ml.StepLog) { steps = append(steps, s) },
		OnEpoch: func(e ml.EpochLog) { epochs = append(epochs, e) },
		OnEnd:   func(h *ml.History) { ends = append(ends, h) },
	}
	h, err := m.Fit(X, y, ml.FitOptions{Epochs: 3, BatchSize: 16, Seed: 1,
		Progress: ml.Observers(spy, nil, ml.ProgressLines(&lines))})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 3*4 { // 50 rows in batches of 16: 4 steps an epoch
		t.Fatalf("%d steps observed, want 12", len(steps))
	}
	for i, s := range steps {
		if s.Step != i+1 || s.Epochs != 3 || s.TotalRows != 50 || s.Epoch != i/4+1 {
			t.Fatalf("step %d: %+v", i, s)
		}
		if i > 0 && s.Fraction() <= steps[i-1].Fraction() {
			t.Fatalf("fraction did not grow at step %d: %v after %v", i, s.Fraction(), steps[i-1].Fraction())
		}
	}
	if f := steps[len(steps)-1].Fraction(); f != 1 {
		t.Errorf("last fraction %v, want 1", f)
	}
	if len(epochs) != 3 || len(ends) != 1 || ends[0] != h {
		t.Fatalf("%d epochs and %d ends observed", len(epochs), len(ends))
	}
	for i, e := range epochs {
		if e.Epoch != h.Epochs[i].Epoch || e.Metrics["loss"] != h.Epochs[i].Metrics["loss"] {
			t.Errorf("epoch %d observed %+v, history %+v", i, e, h.Epochs[i])
		}
	}
	got := lines.String()
	for _, want := range []string{"epoch 1/3  loss=", "epoch 3/3  loss="} {
		if !strings.Contains(got, want) {
			t.Errorf("ProgressLines wrote %q; want a line with %q", got, want)
		}
	}
	if strings.Count(got, "\n") != 3 {
		t.Errorf("ProgressLines wrote %d lines, want 3:\n%s", strings.Count(got, "\n"), got)
	}
}

// TestQuietFitWritesNothing: Quiet with no Progress observer prints nothing.
func TestQuietFitWritesNothing(t *testing.T) {
	X, y := blobs(20, 2, 4)
	m := ml.NewSequential(ml.Dense(1, ml.Sigmoid, 2))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 2, Quiet: true, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 2, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), "epoch ") != 2 {
		t.Errorf("quiet then default fit wrote %q; want the default's 2 lines only", out.String())
	}
}

// TestReusedRunReportsItsHistory: a Fit that reuses a finished run calls
// the observer's End with the stored history, best epoch included.
func TestReusedRunReportsItsHistory(t *testing.T) {
	X, y := blobs(40, 2, 5)
	dir := t.TempDir() + "/run"
	fit := func(obs ml.Observer) *ml.History {
		m := ml.NewSequential(ml.Dense(1, ml.Sigmoid, 2))
		if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
			t.Fatal(err)
		}
		h, err := m.Fit(X, y, ml.FitOptions{Epochs: 30, Seed: 1, RunDir: dir, Progress: obs,
			Validation: &ml.Dataset{X: X[:10], Y: y[:10]}, Early: &ml.EarlyStopping{Patience: 1, MinDelta: 0.5}})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first := fit(nil)
	var ended *ml.History
	again := fit(ml.ObserverFuncs{OnEnd: func(h *ml.History) { ended = h }})
	if !again.Reused || ended != again {
		t.Fatalf("reused %v, End called with %p (want %p)", again.Reused, ended, again)
	}
	if first.BestEpoch == 0 || again.BestEpoch != first.BestEpoch || len(again.Epochs) != len(first.Epochs) {
		t.Errorf("best epoch %d then %d, epochs %d then %d", first.BestEpoch, again.BestEpoch, len(first.Epochs), len(again.Epochs))
	}
}
