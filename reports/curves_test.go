package reports

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
)

// history is a synthetic classification history whose val_loss is lowest
// at epoch best.
func history(n, best int) *ml.History {
	h := &ml.History{}
	for e := 1; e <= n; e++ {
		d := float64(e - best)
		h.Epochs = append(h.Epochs, ml.EpochLog{Epoch: e, Step: 10 * e, Metrics: ml.Metrics{
			"loss": 1 / float64(e), "val_loss": 0.3 + 0.01*d*d,
			"accuracy": 0.5 + 0.04*float64(e), "val_accuracy": 0.5 + 0.03*float64(e),
			"auc": 0.6 + 0.03*float64(e), "val_auc": 0.6 + 0.02*float64(e),
		}})
	}
	return h
}

func TestCurvesMarksTheBestEpoch(t *testing.T) {
	h := history(10, 6)
	h.StoppedEarly = true
	o := Curves(h)
	svg := parseSVG(t, o.SVG)
	if o.SVG != Curves(h).SVG {
		t.Errorf("Curves is not deterministic")
	}
	// Two panels: loss (train, validation) and accuracy·AUC (4 series).
	for name, groups := range map[string]int{labelTrain: 2, labelValidation: 2, "accuracy · " + labelTrain: 2, "AUC · " + labelValidation: 2} {
		if got := len(svg.titled(name)); got != groups {
			t.Errorf("%q: %d groups, want %d (legend and line)", name, got, groups)
		}
	}
	markers := svg.titled(labelBest + ": 6")
	if len(markers) != 2 {
		t.Fatalf("%d best-epoch markers, want one per panel", len(markers))
	}
	// In the loss panel (the first), x = 6 lies at 6/10 between the ticks 0 and 10.
	x0, x10 := tickX(t, svg, "0"), tickX(t, svg, "10")
	if x := markers[0].all("line")[0].float(t, "x1"); !near(x, x0+(x10-x0)*0.6, 0.2) {
		t.Errorf("marker at %v, want %v", x, x0+(x10-x0)*0.6)
	}
	for _, want := range []string{"epoch 10 (stopped early; best epoch 6)", "loss", "accuracy", "auc"} {
		if !strings.Contains(o.Text, want) {
			t.Errorf("text fallback lacks %q:\n%s", want, o.Text)
		}
	}
	h.StoppedEarly = false
	if strings.Contains(Curves(h).SVG, labelBest) {
		t.Errorf("best epoch marked without early stopping")
	}
	if o := Curves(&ml.History{}); o.SVG != "" || o.Text == "" {
		t.Errorf("empty history: %+v", o)
	}
}

func TestCurvesRegressionAndLogLoss(t *testing.T) {
	h := &ml.History{}
	for e := 1; e <= 5; e++ {
		h.Epochs = append(h.Epochs, ml.EpochLog{Epoch: e, Metrics: ml.Metrics{"loss": math.Pow(10, -float64(e)), "rmse": 2 / float64(e), "r2": 0.1 * float64(e)}})
	}
	svg := parseSVG(t, Curves(h).SVG)
	texts := map[string]bool{}
	for _, tx := range svg.all("text") {
		texts[tx.text] = true
	}
	if !texts["RMSE"] || texts["R²"] || !texts["0.001"] {
		t.Errorf("want an RMSE panel and a log loss axis; texts %v", texts)
	}
}

func TestLiveCurvesProvisionalPoint(t *testing.T) {
	c := &curves{}
	h := history(3, 2)
	for _, e := range h.Epochs[:2] {
		c.epoch(e)
	}
	c.lastDraw = c.lastDraw.Add(-curvesStepInterval)
	if !c.step(ml.StepLog{Epoch: 3, Epochs: 8, Rows: 50, TotalRows: 100, MeanLoss: 0.4}) {
		t.Fatal("the step after half a second did not redraw")
	}
	if c.step(ml.StepLog{Epoch: 3, Epochs: 8, Rows: 60, TotalRows: 100, MeanLoss: 0.4}) {
		t.Error("redrew within half a second")
	}
	svg := parseSVG(t, c.svg)
	x0, x8 := tickX(t, svg, "0"), tickX(t, svg, "8") // planned 8 epochs: the axis runs to 8
	var prov []*node
	for _, g := range svg.titled(labelRunning) {
		if p := g.all("path"); len(p) == 1 && strings.Contains(p[0].attr["style"], "dasharray") {
			prov = append(prov, g)
		}
	}
	if len(prov) != 1 {
		t.Fatalf("%d provisional segments, want 1", len(prov))
	}
	pts, _ := pathPoints(t, prov[0].all("path")[0].attr["d"])
	if len(pts) != 2 || !near(pts[1][0], x0+(x8-x0)*2.5/8, 0.2) || !near(pts[0][0], x0+(x8-x0)*2/8, 0.2) {
		t.Errorf("provisional segment %v, want from epoch 2 to 2.5", pts)
	}
	if !strings.Contains(c.svg, "epoch 3 in progress") {
		t.Errorf("no note of the epoch in progress")
	}
	o := c.end(h)
	if strings.Contains(o.SVG, "in progress") || len(parseSVG(t, o.SVG).titled(labelTrain)) != 2 {
		t.Errorf("the final chart still shows the epoch in progress")
	}
}

// captureStdout runs f and returns what it wrote on os.Stdout.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout = old }()
	f()
	w.Close()
	os.Stdout = old
	return <-done
}

// TestTrainingObserversOutsideANotebook drives Training and TrainingCurves
// through real Fits, one with early stopping: no panics, and outside a
// notebook only the bar's final line is printed.
func TestTrainingObserversOutsideANotebook(t *testing.T) {
	out := captureStdout(t, func() {
		fitRun(t, "", 8, 3, 1, Training())
	})
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "trained 3 epochs") {
		t.Errorf("Training printed %q, want the bar's final line", out)
	}
	out = captureStdout(t, func() {
		fitRun(t, "", 8, 2, 1, TrainingCurves())
	})
	if out != "" {
		t.Errorf("TrainingCurves printed %q outside a notebook", out)
	}
}

func TestTrainingWithEarlyStopping(t *testing.T) {
	X, y := blobs(200, 4, 9)
	m := ml.NewSequential(ml.Dense(8, ml.ReLU, 4), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Backend: "go"}); err != nil {
		t.Fatal(err)
	}
	c := &curves{}
	var final string
	obs := ml.ObserverFuncs{OnStep: func(s ml.StepLog) { c.step(s) }, OnEpoch: func(e ml.EpochLog) { c.epoch(e) },
		OnEnd: func(h *ml.History) { final = c.end(h).SVG }}
	h, err := m.Fit(X[50:], y[50:], ml.FitOptions{Epochs: 60, BatchSize: 8, Seed: 1, Progress: obs,
		Validation: &ml.Dataset{X: X[:50], Y: y[:50]}, Early: &ml.EarlyStopping{Patience: 2, MinDelta: 0.05}})
	if err != nil {
		t.Fatal(err)
	}
	if !h.StoppedEarly {
		t.Skip("training did not stop early")
	}
	if h.BestEpoch == 0 || h.BestEpoch >= len(h.Epochs) {
		t.Fatalf("early stopping's best epoch %d of %d", h.BestEpoch, len(h.Epochs))
	}
	// The marker is the epoch early stopping judged best (MinDelta counts),
	// not merely the lowest validation loss.
	if best := h.BestEpoch; len(parseSVG(t, final).titled(labelBest+": "+strconv.Itoa(best))) != 2 {
		t.Errorf("no best-epoch marker at %d in the final chart", best)
	}
	writeSample(t, "early.svg", final)
}

func TestRunsAndHistograms(t *testing.T) {
	dir := t.TempDir()
	fitRun(t, filepath.Join(dir, "narrow"), 4, 3, 1, nil)
	fitRun(t, filepath.Join(dir, "wide"), 16, 5, 2, nil)
	if err := os.Mkdir(filepath.Join(dir, "unfinished"), 0o755); err != nil {
		t.Fatal(err)
	}
	o, err := Runs(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	start, end := strings.Index(o.HTML, "<svg"), strings.Index(o.HTML, "</svg>")
	svg := parseSVG(t, o.HTML[start:end+len("</svg>\n")])
	for _, name := range []string{"narrow", "wide"} {
		// Per panel (loss, accuracy): a legend entry and the training line.
		if got := len(svg.titled(name)); got != 4 {
			t.Errorf("run %q: %d titled groups, want 4", name, got)
		}
		if !strings.Contains(o.Text, name) || !strings.Contains(o.HTML, "<td style=\"border:1px solid #ddd;padding:2px 8px;text-align:left\">"+name+"</td>") {
			t.Errorf("run %q not in the table:\n%s", name, o.Text)
		}
	}
	if !strings.Contains(o.Text, "unfinished: not a finished run") {
		t.Errorf("the unfinished directory is not named:\n%s", o.Text)
	}
	lines := strings.Split(o.Text, "\n")
	if !strings.Contains(lines[0], "accuracy (validation)") || !strings.Contains(lines[2], "wide") || !strings.Contains(lines[2], "binary") || !strings.Contains(lines[2], " 5 ") {
		t.Errorf("table:\n%s", o.Text)
	}
	if _, err := Runs(filepath.Join(dir, "none*")); err == nil {
		t.Errorf("no match: no error")
	}

	hist, err := Histograms(filepath.Join(dir, "wide"))
	if err != nil {
		t.Fatal(err)
	}
	hs := parseSVG(t, hist.SVG)
	for _, title := range []string{"epoch 1", "epoch 5"} {
		var n int
		for _, g := range hs.all("g") {
			if len(g.children) > 0 && g.children[0].name == "title" && strings.HasPrefix(g.children[0].text, title+"\n") {
				n++
			}
		}
		if n != 4 { // two layers × kernel and bias
			t.Errorf("%d columns titled %q, want 4", n, title)
		}
	}
	if !strings.Contains(hist.Text, "kernel") || len(strings.Split(hist.Text, "\n")) != 6 {
		t.Errorf("text form:\n%s", hist.Text)
	}
	if _, err := Histograms(filepath.Join(dir, "unfinished")); err == nil {
		t.Errorf("no histograms: no error")
	}
}
