package ml_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/glassbox-ml/glassbox/internal/tfevents"
	"github.com/glassbox-ml/glassbox/ml"
)

// TestRunDirectoryHoldsTensorBoardEvents: a run written by Fit has the
// Keras layout of event files, with every step, epoch metric, histogram and
// the HParams session.
func TestRunDirectoryHoldsTensorBoardEvents(t *testing.T) {
	X, y := blobs(50, 2, 9)
	m := ml.NewSequential(ml.Dense(4, ml.ReLU, 2), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go", Metrics: []string{"accuracy"}}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	Xv, yv := blobs(20, 2, 10)
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 3, BatchSize: 16, Seed: 2, RunDir: dir, Quiet: true,
		Validation: &ml.Dataset{X: Xv, Y: yv}}); err != nil {
		t.Fatal(err)
	}
	read := func(sub string) map[string][]tfevents.Value {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(dir, sub, "events.out.tfevents.*"))
		if len(files) != 1 {
			t.Fatalf("%s: %d event files", sub, len(files))
		}
		events, err := tfevents.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		byTag := map[string][]tfevents.Value{}
		for _, e := range events {
			for _, v := range e.Values {
				byTag[v.Tag] = append(byTag[v.Tag], v)
			}
		}
		return byTag
	}
	train := read("train")
	if n := len(train["batch_loss"]); n != 3*4 {
		t.Errorf("%d batch_loss events, want 12 (3 epochs × 4 steps)", n)
	}
	for _, tag := range []string{"epoch_loss", "epoch_accuracy", "epoch_learning_rate", "dense_0/kernel", "dense_1/bias"} {
		if len(train[tag]) != 3 {
			t.Errorf("train %s: %d events, want 3", tag, len(train[tag]))
		}
	}
	if len(train["model_summary"]) != 1 {
		t.Error("no model summary")
	}
	h, err := ml.ReadScalars(dir)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if got := float32(train["epoch_loss"][2].Scalar); got != float32(last.Metrics["loss"]) {
		t.Errorf("epoch_loss %v, scalars.jsonl %v", got, last.Metrics["loss"])
	}
	val := read("validation")
	if len(val["epoch_loss"]) != 3 || len(val["epoch_accuracy"]) != 3 {
		t.Errorf("validation tags: %v", keys(val))
	}
	if got := float32(val["epoch_loss"][2].Scalar); got != float32(last.Metrics["val_loss"]) {
		t.Errorf("validation epoch_loss %v, val_loss %v", got, last.Metrics["val_loss"])
	}
	root := read("")
	var session *tfevents.HParamsData
	for _, v := range root[tfevents.TagSessionStartInfo] {
		session = v.HParams
	}
	if session == nil || session.HParams["batch_size"] != 16.0 || session.HParams["optimizer"] != "adam" {
		t.Fatalf("hparams session %+v", session)
	}
	if len(root[tfevents.TagSessionEndInfo]) != 1 {
		t.Error("the HParams session was not ended")
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
