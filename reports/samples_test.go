package reports

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/glassbox-ml/glassbox/ml"
)

// TestSamples writes the charts to $GLASSBOX_SAMPLES to look at.
func TestSamples(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	h := fitRun(t, filepath.Join(dir, "small"), 8, 12, 3, nil)
	fitRun(t, filepath.Join(dir, "wide"), 64, 8, 4, nil)
	writeSample(t, "curves.svg", Curves(h).SVG)
	early := *h
	early.StoppedEarly = true
	writeSample(t, "curves-early.svg", Curves(&early).SVG)
	live := curveSpec{epochs: h.Epochs[:5], planned: 12, running: &provisional{x: 5.4, loss: h.Epochs[4].Metrics["loss"] * 0.97}}
	writeSample(t, "curves-live.svg", live.svg())
	hist, err := Histograms(filepath.Join(dir, "wide"))
	if err != nil {
		t.Fatal(err)
	}
	writeSample(t, "histograms.svg", hist.SVG)
	runs, err := Runs(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	writeSample(t, "runs.html", "<!doctype html><meta charset=utf-8><body>"+runs.HTML)
	var xs, ys, zs []float64
	for i := 1; i <= 40; i++ {
		xs = append(xs, float64(i))
		ys = append(ys, 3*math.Exp(-float64(i)/5)+0.001)
		zs = append(zs, 2*math.Exp(-float64(i)/8)+0.01)
	}
	c := &Chart{Title: `</svg><script>alert(1)</script> 标题 C&D "q"`, XLabel: "step / 步", YLabel: "loss / 损失", LogY: true,
		Series:  []Series{{Name: `</svg><script>alert(1)</script>`, X: xs, Y: ys}, {Name: `C&D "q" 验证集`, X: xs, Y: zs, Dashed: true}},
		Markers: []Marker{{X: 38, Label: "best epoch 38 / 最佳轮次"}}}
	writeSample(t, "log.svg", c.SVG())
	// The live area of Training, mid-way through an epoch.
	tr := &training{bar: newBar()}
	tr.bar.epochs = 12
	for _, e := range h.Epochs[:4] {
		tr.barOut = tr.bar.epoch(e)
		tr.curves.epoch(e)
	}
	s := ml.StepLog{Epoch: 5, Epochs: 12, Rows: 90, TotalRows: 180, MeanLoss: h.Epochs[4].Metrics["loss"]}
	tr.barOut, _ = tr.bar.step(s)
	tr.curves.lastDraw = time.Time{}
	tr.curves.step(s)
	writeSample(t, "training.html", "<!doctype html><meta charset=utf-8><body>"+tr.output("").HTML)
}
