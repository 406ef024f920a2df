package ml_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// prunedParent trains the reference network (10 inputs: 640 + 64 kernel
// weights) on 900 of 1200 customers into a run directory, and returns the
// run, those training rows and the other 300.
func prunedParent(t *testing.T) (*ml.Run, *data.Frame, *data.Frame) {
	t.Helper()
	f, err := datasets.Customers(1200, 5)
	if err != nil {
		t.Fatal(err)
	}
	y, _, err := data.ClassTarget(f, "buys")
	if err != nil {
		t.Fatal(err)
	}
	split, err := data.StratifiedSplit(y, 0, 0.25, 5)
	if err != nil {
		t.Fatal(err)
	}
	train, _, test, err := split.Frames(f)
	if err != nil {
		t.Fatal(err)
	}
	run, err := ml.Train(train, "buys", ml.TrainOptions{Epochs: 10, Seed: 5, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Columns: datasets.CustomerNumericColumns}, RunDir: filepath.Join(t.TempDir(), "dense")})
	if err != nil {
		t.Fatal(err)
	}
	return run, train, test
}

func weightsOf(t *testing.T, m *ml.Sequential) []ml.LayerWeights {
	t.Helper()
	ws, err := m.Weights()
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func abs32(v float32) float64 { return math.Abs(float64(v)) }

func TestPruneZeroesTheSmallestWeightsOfEachLayer(t *testing.T) {
	parent, _, _ := prunedParent(t)
	before := weightsOf(t, parent.Model)
	for _, s := range []float64{0.5, 0.8, 0.95} {
		pruned, err := ml.Prune(parent, s, ml.PruneOptions{})
		if err != nil {
			t.Fatal(err)
		}
		after := weightsOf(t, pruned.Model)
		pc := pruned.Config.Prune
		if pc == nil || pc.Sparsity != s || len(pc.Layers) != len(after) || pc.Parent != parent.Dir || pc.ParentHash != parent.Config.Hash {
			t.Fatalf("sparsity %v: RunConfig.Prune = %+v", s, pc)
		}
		for li, w := range after {
			n, zeros := len(w.Kernel), 0
			maxPruned, minKept := 0.0, math.Inf(1)
			for i, v := range w.Kernel {
				old := before[li].Kernel[i]
				switch {
				case v == 0:
					zeros++
					maxPruned = max(maxPruned, abs32(old))
				case v != old:
					t.Fatalf("sparsity %v layer %d weight %d: %v became %v; kept weights are untouched", s, w.Layer, i, old, v)
				default:
					minKept = min(minKept, abs32(old))
				}
			}
			if math.Abs(float64(zeros)-s*float64(n)) > 1 {
				t.Errorf("sparsity %v layer %d: %d of %d weights are zero, want %.1f ± 1", s, w.Layer, zeros, n, s*float64(n))
			}
			if maxPruned > minKept {
				t.Errorf("sparsity %v layer %d: a pruned weight (|w| = %v) is larger than a kept one (%v)", s, w.Layer, maxPruned, minKept)
			}
			if !slices.Equal(w.Bias, before[li].Bias) {
				t.Errorf("sparsity %v layer %d: the biases changed", s, w.Layer)
			}
			if l := pc.Layers[li]; l.Layer != w.Layer || l.Weights != n || l.Zeros != zeros || l.Sparsity != float64(zeros)/float64(n) {
				t.Errorf("sparsity %v: recorded %+v, the weights have %d of %d zero", s, l, zeros, n)
			}
		}
		if zeros, total := pc.Zeros(); total != 704 || math.Abs(float64(zeros)-s*704) > 2 {
			t.Errorf("sparsity %v: %d of %d weights zero in all", s, zeros, total)
		}
	}
	// The parent is not changed.
	if ws := weightsOf(t, parent.Model); !slices.EqualFunc(ws, before, func(a, b ml.LayerWeights) bool { return slices.Equal(a.Kernel, b.Kernel) }) {
		t.Error("Prune changed the parent's weights")
	}
}

func TestPruneZeroSparsityPredictsAsTheParent(t *testing.T) {
	parent, _, test := prunedParent(t)
	same, err := ml.Prune(parent, 0, ml.PruneOptions{Test: test})
	if err != nil {
		t.Fatal(err)
	}
	want, err := parent.PredictFrame(test)
	if err != nil {
		t.Fatal(err)
	}
	got, err := same.PredictFrame(test)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, want)
	pc := same.Config.Prune
	if zeros, _ := pc.Zeros(); zeros != 0 {
		t.Errorf("sparsity 0 zeroed %d weights", zeros)
	}
	if b, a := pc.Before["test"]["auc"], pc.After["test"]["auc"]; b != a || !(b > 0.5) {
		t.Errorf("test AUC before %v, after %v: want equal and above chance", b, a)
	}
}

// TestPruneFineTunesAndWritesARun prunes 80 % with two epochs of
// fine-tuning into a run directory: the pruned weights stay zero while the
// others train, config.json records the pruning, Load predicts exactly as
// the pruned model, and the same call again reuses the run.
func TestPruneFineTunesAndWritesARun(t *testing.T) {
	parent, train, test := prunedParent(t)
	noTuning, err := ml.Prune(parent, 0.8, ml.PruneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "pruned")
	opts := ml.PruneOptions{Epochs: 2, Data: train, Test: test, Seed: 9, RunDir: dir, Quiet: true}
	run, err := ml.Prune(parent, 0.8, opts)
	if err != nil {
		t.Fatal(err)
	}
	if run.Reused || len(run.History.Epochs) != 2 {
		t.Fatalf("reused=%v, %d epochs; want a new run of 2 epochs", run.Reused, len(run.History.Epochs))
	}
	pruned, tuned := weightsOf(t, noTuning.Model), weightsOf(t, run.Model)
	moved := 0
	for li := range tuned {
		for i, v := range tuned[li].Kernel {
			switch p := pruned[li].Kernel[i]; {
			case p == 0 && v != 0:
				t.Fatalf("layer %d weight %d was pruned and became %v in fine-tuning", tuned[li].Layer, i, v)
			case v != p:
				moved++
			}
		}
	}
	if moved == 0 {
		t.Error("fine-tuning moved no weight")
	}

	loaded, err := ml.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := run.PredictFrame(test)
	if err != nil {
		t.Fatal(err)
	}
	got, err := loaded.PredictFrame(test)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, want)
	pc := loaded.Config.Prune
	if pc == nil || pc.Parent != parent.Dir || pc.Sparsity != 0.8 || pc.Epochs != 2 || len(pc.Layers) != 2 {
		t.Fatalf("config.json prune block: %+v", pc)
	}
	for _, set := range []string{"train", "test"} {
		if pc.Before[set]["auc"] == 0 || pc.After[set]["auc"] != loaded.Metrics[set]["auc"] {
			t.Errorf("%s: AUC before %v, after %v, metrics.json %v", set, pc.Before[set]["auc"], pc.After[set]["auc"], loaded.Metrics[set]["auc"])
		}
	}
	if d := loaded.Config.Data; d == nil || d.Split != [3]int{train.Len(), 0, test.Len()} || loaded.Config.TrainRows != train.Len() {
		t.Errorf("data block %+v, train rows %d", d, loaded.Config.TrainRows)
	}
	t.Logf("test AUC %.4f → %.4f", pc.Before["test"]["auc"], pc.After["test"]["auc"])
	if pc.After["test"]["auc"] < pc.Before["test"]["auc"]-0.05 {
		t.Errorf("test AUC fell from %.3f to %.3f at 80 %% sparsity after fine-tuning", pc.Before["test"]["auc"], pc.After["test"]["auc"])
	}

	again, err := ml.Prune(parent, 0.8, opts)
	if err != nil || !again.Reused {
		t.Fatalf("the same Prune again: reused=%v err=%v", again != nil && again.Reused, err)
	}
	assertSame(t, mustPredict(t, again, test), want)
}

func mustPredict(t *testing.T, r *ml.Run, f *data.Frame) [][]float64 {
	t.Helper()
	p, err := r.PredictFrame(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPruneIsDeterministic(t *testing.T) {
	parent, train, _ := prunedParent(t)
	tune := func(seed int64) []ml.LayerWeights {
		run, err := ml.Prune(parent, 0.7, ml.PruneOptions{Epochs: 1, Data: train, Seed: seed, Quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		return weightsOf(t, run.Model)
	}
	same := func(a, b []ml.LayerWeights) bool {
		return slices.EqualFunc(a, b, func(x, y ml.LayerWeights) bool {
			return slices.Equal(x.Kernel, y.Kernel) && slices.Equal(x.Bias, y.Bias)
		})
	}
	a, b, c := tune(1), tune(1), tune(2)
	if !same(a, b) {
		t.Error("the same seed gave different weights")
	}
	if same(a, c) {
		t.Error("seeds 1 and 2 gave the same weights: the seed does not order the rows")
	}
}

func TestPruneRejectsBadArguments(t *testing.T) {
	parent, train, _ := prunedParent(t)
	bare := &ml.Run{Model: parent.Model} // no preprocessing, as Sequential.Fit writes runs
	for _, c := range []struct {
		name     string
		run      *ml.Run
		sparsity float64
		opts     ml.PruneOptions
		want     string
	}{
		{"negative", parent, -0.1, ml.PruneOptions{}, "sparsity -0.1 is outside [0, 1)"},
		{"one", parent, 1, ml.PruneOptions{}, "sparsity 1 is outside [0, 1)"},
		{"NaN", parent, math.NaN(), ml.PruneOptions{}, "sparsity NaN is outside [0, 1)"},
		{"nil run", nil, 0.5, ml.PruneOptions{}, "no run"},
		{"epochs without data", parent, 0.5, ml.PruneOptions{Epochs: 2}, "Epochs is 2 but Data is nil"},
		{"negative epochs", parent, 0.5, ml.PruneOptions{Epochs: -1, Data: train}, "Epochs (-1)"},
		{"parent's directory", parent, 0.5, ml.PruneOptions{RunDir: parent.Dir + "/"}, "is the parent run's directory"},
		{"raw data without preprocessing", bare, 0.5, ml.PruneOptions{Data: train}, "no preprocessing"},
		{"untrained", &ml.Run{Model: ml.NewSequential(ml.Dense(1, ml.Sigmoid, 3))}, 0.5, ml.PruneOptions{}, "no weights"},
	} {
		_, err := ml.Prune(c.run, c.sparsity, c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}

	// A table without the target fails before anything is written.
	dir := filepath.Join(t.TempDir(), "pruned")
	noTarget, err := train.Select(datasets.CustomerNumericColumns...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ml.Prune(parent, 0.5, ml.PruneOptions{Epochs: 1, Data: noTarget, RunDir: dir}); err == nil || !strings.Contains(err.Error(), "Data") {
		t.Errorf("Data without the target: error %v, want one naming Data", err)
	}
	if left, _ := os.ReadDir(filepath.Dir(dir)); len(left) > 0 {
		t.Errorf("a failed Prune left %v", left)
	}
	// A failure after fine-tuning (the run cannot take the place of a
	// file) leaves no staged run behind, only the lock file beside it.
	if err := os.WriteFile(dir, []byte("not a run"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ml.Prune(parent, 0.5, ml.PruneOptions{Epochs: 1, Data: train, RunDir: dir, Quiet: true}); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("RunDir is a file: error %v", err)
	}
	left, _ := os.ReadDir(filepath.Dir(dir))
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".pruned.lock", "pruned"}) {
		t.Errorf("a Prune that failed while writing left %v", names)
	}

	for _, c := range []struct {
		opts ml.TrainOptions
		want string
	}{
		{ml.TrainOptions{Prune: 1.5}, "Prune 1.5 is outside [0, 1)"},
		{ml.TrainOptions{PruneEpochs: 2}, "PruneEpochs is 2 but Prune is 0"},
		{ml.TrainOptions{Prune: 0.5, PruneEpochs: -1}, "PruneEpochs -1"},
	} {
		if _, err := ml.Train(train, "buys", c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Train %+v: error %v, want one containing %q", c.opts, err, c.want)
		}
	}
}

// TestTrainPrunes trains, prunes and fine-tunes in one Train call: the run
// written is the pruned network, with the dense one's metrics beside it.
func TestTrainPrunes(t *testing.T) {
	_, train, _ := prunedParent(t)
	dir := filepath.Join(t.TempDir(), "run")
	opts := ml.TrainOptions{Epochs: 4, Seed: 5, Quiet: true, Backend: "go", Prune: 0.9, PruneEpochs: 1,
		Preprocessing: data.Options{Columns: datasets.CustomerNumericColumns}, RunDir: dir}
	run, err := ml.Train(train, "buys", opts)
	if err != nil {
		t.Fatal(err)
	}
	pc := run.Config.Prune
	if pc == nil || pc.Parent != "" || pc.Sparsity != 0.9 || pc.Epochs != 1 || len(run.History.Epochs) != 1 {
		t.Fatalf("prune block %+v, %d epochs in the history", pc, len(run.History.Epochs))
	}
	if zeros, total := pc.Zeros(); total != 704 || zeros < 632 || zeros > 635 {
		t.Errorf("%d of %d weights zero, want 90 %%", zeros, total)
	}
	for _, set := range []string{"train", "validation", "test"} {
		if !(pc.Before[set]["auc"] > 0.5) || pc.After[set]["auc"] != run.Metrics[set]["auc"] {
			t.Errorf("%s AUC: dense %v, pruned %v, metrics.json %v", set, pc.Before[set]["auc"], pc.After[set]["auc"], run.Metrics[set]["auc"])
		}
	}
	loaded, err := ml.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, mustPredict(t, loaded, train), mustPredict(t, run, train))
	again, err := ml.Train(train, "buys", opts)
	if err != nil || !again.Reused {
		t.Fatalf("the same Train again: reused=%v err=%v", again != nil && again.Reused, err)
	}
}

// TestPruneRegressionAndMulticlass prunes and fine-tunes a regression run
// (whose Rescaling layer has nothing to prune) and a three-class run.
func TestPruneRegressionAndMulticlass(t *testing.T) {
	for _, c := range []struct {
		target, metric string
		task           ml.Task
	}{{"demand", "rmse", ml.TaskRegression}, {"region", "accuracy", ml.TaskMulticlass}} {
		f, err := datasets.Customers(800, 3)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		parent, err := ml.Train(f, c.target, ml.TrainOptions{Epochs: 3, Seed: 3, Quiet: true, Backend: "go", Task: c.task,
			Preprocessing: data.Options{Columns: datasets.CustomerNumericColumns}, RunDir: filepath.Join(dir, "dense")})
		if err != nil {
			t.Fatal(err)
		}
		run, err := ml.Prune(parent, 0.6, ml.PruneOptions{Epochs: 1, Data: f, Test: f, Quiet: true, RunDir: filepath.Join(dir, "pruned")})
		if err != nil {
			t.Fatalf("%s: %v", c.task, err)
		}
		pc := run.Config.Prune
		if run.Config.Task != c.task || len(pc.Layers) != 2 || math.IsNaN(pc.After["test"][c.metric]) || pc.Before["test"][c.metric] == 0 {
			t.Errorf("%s: task %s, prune block %+v", c.task, run.Config.Task, pc)
		}
		loaded, err := ml.Load(filepath.Join(dir, "pruned"))
		if err != nil {
			t.Fatal(err)
		}
		assertSame(t, mustPredict(t, loaded, f), mustPredict(t, run, f))
	}
}
