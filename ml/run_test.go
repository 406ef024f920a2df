package ml_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

func TestSequentialRunReuseAndLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "seq")
	X, y := blobs(300, 4, 8)
	fit := func() (*ml.Sequential, *ml.History) {
		m := reference(t, 4)
		h, err := m.Fit(X, y, ml.FitOptions{Epochs: 3, Seed: 2, Quiet: true, RunDir: dir,
			Validation: &ml.Dataset{X: X[:50], Y: y[:50]}})
		if err != nil {
			t.Fatal(err)
		}
		return m, h
	}
	m1, h1 := fit()
	m2, h2 := fit()
	if h1.Reused || !h2.Reused {
		t.Fatalf("reused: first %v, second %v; want false, true", h1.Reused, h2.Reused)
	}
	if len(h2.Epochs) != 3 || h2.Last().Metrics["val_loss"] != h1.Last().Metrics["val_loss"] {
		t.Errorf("reused history %+v, want %+v", h2.Last(), h1.Last())
	}
	want, _ := m1.Predict(X)
	got, err := m2.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, got, want)
	run, err := ml.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := run.Model.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, loaded, want)
	if run.Pipeline != nil || run.Metrics["test"] == nil || len(run.Metrics["test"]) != 0 || len(run.Metrics["validation"]) != 6 {
		t.Errorf("Fit run: pipeline %v, metrics %v", run.Pipeline, run.Metrics)
	}
	if _, err := run.PredictRecords(rawRecords); err == nil || !strings.Contains(err.Error(), "no preprocessing") {
		t.Errorf("PredictRecords on a Fit run: %v", err)
	}
	// A damaged checkpoint is an error naming the file, not a panic.
	if err := os.WriteFile(filepath.Join(dir, ml.CheckpointFile), []byte(`{"layers":[{"layer":0,"inputs":4,"units":64,"kernel":[1]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ml.Load(dir); err == nil || !strings.Contains(err.Error(), "layer 0") {
		t.Errorf("damaged checkpoint: %v", err)
	}
	// Nothing temporary is left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("left %s", e.Name())
		}
	}
}

func TestRunEncodesAndDecodesRawRecords(t *testing.T) {
	f := readFrame(t, customersCSV(300, 6))
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 1, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	names := run.FeatureNames()
	if strings.Join(run.Columns(), ",") != "age,income,region,member" || len(names) != 6 {
		t.Fatalf("groups %v, features %v", run.Columns(), names)
	}
	X, err := run.Encode(rawRecords)
	if err != nil {
		t.Fatal(err)
	}
	back, err := run.Decode(X)
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range rawRecords {
		for g, col := range run.Columns() {
			if rec[col] != "" && back[i][g] != rec[col] {
				t.Errorf("record %d column %s: decoded %q, raw %q", i, col, back[i][g], rec[col])
			}
		}
	}
	covered := 0
	for _, idx := range run.Groups() {
		covered += len(idx)
	}
	if covered != len(names) {
		t.Errorf("groups cover %d of %d features", covered, len(names))
	}
}
