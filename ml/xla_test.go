package ml_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

// XLAPluginEnv names an XLA PJRT plugin (absolute path to the .so) for the
// XLA lane: tests/xla_cpu_lane.sh sets it and builds without noxla. Without
// it, or in noxla builds, the XLA tests skip.
const XLAPluginEnv = "GLASSBOX_XLA_PLUGIN"

// TestXLAMatchesGoBackend trains the same model on both backends and checks
// that weights, predictions and gradients agree within float32 tolerance, and
// that a run trained on "go" loads and predicts the same on XLA.
func TestXLAMatchesGoBackend(t *testing.T) {
	plugin := os.Getenv(XLAPluginEnv)
	if plugin == "" || !ml.BackendInfo("").XLALinked {
		t.Skipf("XLA lane only: set %s to a PJRT plugin and build without -tags=noxla", XLAPluginEnv)
	}
	xla := "xla:" + plugin
	X, y := blobs(500, 6, 21)
	train := func(backend string) *ml.Sequential {
		m := ml.NewSequential(ml.Dense(32, ml.ReLU, 6), ml.Dense(1, ml.Sigmoid))
		if err := m.Compile(ml.CompileOptions{Backend: backend}); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 3, Seed: 4, Quiet: true}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	onGo, onXLA := train("go"), train(xla)
	wg, _ := onGo.Weights()
	wx, _ := onXLA.Weights()
	for l := range wg {
		for i := range wg[l].Kernel {
			if d := math.Abs(float64(wg[l].Kernel[i] - wx[l].Kernel[i])); d > 1e-4 {
				t.Fatalf("layer %d kernel[%d]: go %v, xla %v", l, i, wg[l].Kernel[i], wx[l].Kernel[i])
			}
		}
	}
	pg, _ := onGo.Predict(X)
	px, err := onXLA.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	for i := range pg {
		if math.Abs(pg[i][0]-px[i][0]) > 1e-4 {
			t.Fatalf("row %d: go %v, xla %v", i, pg[i][0], px[i][0])
		}
	}
	gg, _ := onGo.Gradient(X[:50], 0)
	gx, err := onXLA.Gradient(X[:50], 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range gg {
		for j := range gg[i] {
			if math.Abs(gg[i][j]-gx[i][j]) > 1e-4 {
				t.Fatalf("gradient row %d feature %d: go %v, xla %v", i, j, gg[i][j], gx[i][j])
			}
		}
	}
	dir := filepath.Join(t.TempDir(), "run")
	m := ml.NewSequential(ml.Dense(8, ml.Tanh, 6), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Fit(X, y, ml.FitOptions{Epochs: 1, Quiet: true, RunDir: dir}); err != nil {
		t.Fatal(err)
	}
	want, _ := m.Predict(X)
	run, err := ml.Load(dir, xla)
	if err != nil {
		t.Fatal(err)
	}
	got, err := run.Model.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if math.Abs(got[i][0]-want[i][0]) > 1e-6 {
			t.Fatalf("loaded on XLA, row %d: %v, trained on go: %v", i, got[i][0], want[i][0])
		}
	}
}
