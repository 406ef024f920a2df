package reports

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
)

// Labels of the training views, in English and Chinese.
const (
	labelEpoch      = "epoch / 轮次"
	labelTrain      = "train / 训练"
	labelValidation = "validation / 验证"
	labelLoss       = "loss / 损失"
	labelBest       = "best / 最佳"
	labelRunning    = "running mean batch loss / 当前平均批次损失"
)

// Colours of the training and validation curves.
const (
	colorTrain      = "#1f77b4"
	colorValidation = "#ff7f0e"
)

// metricLabel is the display name of a metric (without val_).
func metricLabel(name string) string {
	switch name {
	case "loss":
		return labelLoss
	case "accuracy":
		return "accuracy / 准确率"
	case "auc":
		return "AUC"
	case "rmse":
		return "RMSE"
	case "mae":
		return "MAE"
	case "r2":
		return "R²"
	case "log_loss":
		return "log loss"
	case "precision":
		return "precision / 精确率"
	case "recall":
		return "recall / 召回率"
	case "f1":
		return "F1"
	}
	return name
}

// headlineGroups are the metrics of the second panel, in order of
// preference: the first group with any metric in the history is shown.
// Metrics in a group share a scale.
var headlineGroups = [][]string{{"accuracy", "auc"}, {"rmse"}, {"r2"}, {"mae"}, {"f1"}, {"precision", "recall"}, {"log_loss"}}

// headlineMetrics returns the headline metrics present in epochs (as train
// or val_ values).
func headlineMetrics(epochs []ml.EpochLog) []string {
	has := func(name string) bool {
		for _, e := range epochs {
			if _, ok := e.Metrics[name]; ok {
				return true
			}
			if _, ok := e.Metrics["val_"+name]; ok {
				return true
			}
		}
		return false
	}
	for _, g := range headlineGroups {
		var out []string
		for _, name := range g {
			if has(name) {
				out = append(out, name)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// markedEpoch is the epoch a chart marks: when early stopping ended
// training, the epoch it judged best (History.BestEpoch), else the one with
// the lowest val_loss or loss; 0 (no marker) otherwise.
func markedEpoch(h *ml.History) int {
	switch {
	case h == nil || !h.StoppedEarly:
		return 0
	case h.BestEpoch > 0:
		return h.BestEpoch
	}
	return bestEpoch(h.Epochs)
}

// bestEpoch is the epoch with the lowest val_loss, else the lowest loss
// (the first such); 0 when there is none.
func bestEpoch(epochs []ml.EpochLog) int {
	for _, key := range []string{"val_loss", "loss"} {
		best, at := math.Inf(1), 0
		for _, e := range epochs {
			if v, ok := e.Metrics[key]; ok && finite(v) && v < best {
				best, at = v, e.Epoch
			}
		}
		if at > 0 {
			return at
		}
	}
	return 0
}

// provisional is the running mean batch loss of an unfinished epoch, at
// its fractional epoch.
type provisional struct {
	x, loss float64
}

// curveSpec is what the training charts show.
type curveSpec struct {
	epochs  []ml.EpochLog
	planned int          // epochs planned (the x range while training); 0: as many as there are
	running *provisional // the epoch in progress, if any
	best    int          // the epoch to mark, 0 for none
	width   int          // of each panel
}

// series returns the points of metric key over the epochs.
func metricSeries(epochs []ml.EpochLog, key string) (xs, ys []float64, any bool) {
	for _, e := range epochs {
		v, ok := e.Metrics[key]
		if !ok {
			v = math.NaN()
		}
		any = any || ok
		xs = append(xs, float64(e.Epoch))
		ys = append(ys, v)
	}
	return xs, ys, any
}

// panels returns the loss chart and, when there is a headline metric, its chart.
func (s curveSpec) panels() []Panel {
	xMax := float64(max(s.planned, len(s.epochs), 1))
	if n := len(s.epochs); n > 0 {
		xMax = max(xMax, float64(s.epochs[n-1].Epoch))
	}
	if s.width <= 0 {
		s.width = 420
	}
	newChart := func(title string) *Chart {
		c := &Chart{Title: title, XLabel: labelEpoch, XInteger: true, XMin: 0, XMax: xMax, Width: s.width, Height: 290}
		if s.best > 0 {
			c.Markers = []Marker{{X: float64(s.best), Label: fmt.Sprintf("%s: %d", labelBest, s.best)}}
		}
		return c
	}

	loss := newChart(labelLoss)
	xs, ys, _ := metricSeries(s.epochs, "loss")
	loss.Series = append(loss.Series, Series{Name: labelTrain, X: xs, Y: ys, Color: colorTrain})
	if xs, ys, ok := metricSeries(s.epochs, "val_loss"); ok {
		loss.Series = append(loss.Series, Series{Name: labelValidation, X: xs, Y: ys, Color: colorValidation})
	}
	if s.running != nil && finite(s.running.loss) {
		// The epoch in progress: a dashed segment from the last epoch's loss.
		px, py := []float64{}, []float64{}
		if n := len(xs); n > 0 && finite(ys[n-1]) {
			px, py = append(px, xs[n-1]), append(py, ys[n-1])
		}
		px, py = append(px, s.running.x), append(py, s.running.loss)
		loss.Series = append(loss.Series, Series{Name: labelRunning, NoLegend: true, X: px, Y: py, Color: colorTrain, Dashed: true})
		loss.Subtitle = fmt.Sprintf("epoch %d in progress: running mean batch loss %s", int(math.Ceil(s.running.x)), formatValue(s.running.loss))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, se := range loss.Series {
		for _, v := range se.Y {
			if finite(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	loss.LogY = lo > 0 && hi/lo > 30 // losses falling by orders of magnitude
	panels := []Panel{loss}

	names := headlineMetrics(s.epochs)
	if len(names) == 0 {
		return panels
	}
	labels := make([]string, len(names))
	for i, n := range names {
		labels[i] = metricLabel(n)
	}
	mc := newChart(strings.Join(labels, " · "))
	for i, name := range names {
		prefix := ""
		if len(names) > 1 { // the title has the Chinese name; the legend stays short
			short, _, _ := strings.Cut(labels[i], " / ")
			prefix = short + " · "
		}
		if xs, ys, ok := metricSeries(s.epochs, name); ok {
			mc.Series = append(mc.Series, Series{Name: prefix + labelTrain, X: xs, Y: ys, Color: colorTrain, Dashed: i > 0})
		}
		if xs, ys, ok := metricSeries(s.epochs, "val_"+name); ok {
			mc.Series = append(mc.Series, Series{Name: prefix + labelValidation, X: xs, Y: ys, Color: colorValidation, Dashed: i > 0})
		}
	}
	return append(panels, mc)
}

// svg renders the panels side by side.
func (s curveSpec) svg() string {
	p := s.panels()
	return Grid(len(p), p...)
}

// figure is the panels side by side as SVG and as an ECharts option.
func (s curveSpec) figure(text string) kernel.Output {
	p := s.panels()
	return figure(len(p), text, p...)
}

// lastEpochTable is the text fallback of the curves: the last epoch's
// metrics, training and validation side by side.
func lastEpochTable(epochs []ml.EpochLog, best int) string {
	if len(epochs) == 0 {
		return "no epochs"
	}
	last := epochs[len(epochs)-1]
	var b strings.Builder
	fmt.Fprintf(&b, "epoch %d", last.Epoch)
	if best > 0 {
		fmt.Fprintf(&b, " (stopped early; best epoch %d)", best)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%-10s %10s %10s\n", "metric", "train", "validation")
	names := append([]string{"loss"}, ml.ClassificationMetrics...)
	names = append(names, ml.RegressionMetrics...)
	for _, n := range names {
		tv, tok := last.Metrics[n]
		vv, vok := last.Metrics["val_"+n]
		if !tok && !vok {
			continue
		}
		fmt.Fprintf(&b, "%-10s %10s %10s\n", n, cellValue(tv, tok), cellValue(vv, vok))
	}
	return strings.TrimRight(b.String(), "\n")
}

func cellValue(v float64, ok bool) string {
	if !ok || math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.4f", v)
}

// Curves returns the training curves of a finished Fit or a loaded run —
// loss, and the headline metric (accuracy and AUC, or RMSE, …), training
// and validation — as SVG, with the best epoch marked when training
// stopped early; its text form is a table of the last epoch.
func Curves(h *ml.History) kernel.Output {
	if h == nil || len(h.Epochs) == 0 {
		return kernel.Output{Text: "no epochs"}
	}
	spec := curveSpec{epochs: h.Epochs, best: markedEpoch(h)}
	return spec.figure(lastEpochTable(h.Epochs, spec.best))
}

// curves accumulates the epochs of a training run for the live charts.
type curves struct {
	epochs   []ml.EpochLog
	planned  int
	lastDraw time.Time
	svg      string // the latest drawing
	option   string // the final drawing's ECharts option; "" while training
}

// Redraw intervals of the live curves.
const (
	curvesStepInterval  = 500 * time.Millisecond
	curvesEpochInterval = 100 * time.Millisecond
)

// step redraws with the epoch in progress, at most every 0.5 s; it reports
// whether it drew.
func (c *curves) step(s ml.StepLog) bool {
	c.planned = s.Epochs
	if time.Since(c.lastDraw) < curvesStepInterval || s.TotalRows == 0 {
		return false
	}
	c.lastDraw = time.Now()
	x := float64(s.Epoch-1) + float64(s.Rows)/float64(s.TotalRows)
	c.svg = curveSpec{epochs: c.epochs, planned: c.planned, running: &provisional{x: x, loss: s.MeanLoss}}.svg()
	return true
}

// epoch adds the epoch and redraws, at most every 0.1 s.
func (c *curves) epoch(e ml.EpochLog) bool {
	c.epochs = append(c.epochs, e)
	if time.Since(c.lastDraw) < curvesEpochInterval {
		return false
	}
	c.lastDraw = time.Now()
	c.svg = curveSpec{epochs: c.epochs, planned: c.planned}.svg()
	return true
}

// end draws the final curves from the history.
func (c *curves) end(h *ml.History) kernel.Output {
	if h != nil && len(h.Epochs) > 0 {
		c.epochs = h.Epochs
	}
	spec := curveSpec{epochs: c.epochs, best: markedEpoch(h)}
	o := spec.figure(lastEpochTable(c.epochs, spec.best))
	c.svg, c.option = o.SVG, o.ECharts
	return o
}

// TrainingCurves returns an ml.Observer that draws the loss and headline
// metric curves, training and validation, in a live area of the notebook
// cell while Fit or Train runs: a point per epoch, and a provisional one —
// the running mean batch loss — at most every half second within long
// epochs. When training ends the final chart stays in the notebook, with
// the best epoch marked if it stopped early. Outside a notebook it prints
// nothing.
func TrainingCurves() ml.Observer {
	c := &curves{}
	live := kernel.NewLive()
	return ml.ObserverFuncs{
		OnStep: func(s ml.StepLog) {
			if c.step(s) {
				live.Update(kernel.Output{SVG: c.svg, Text: "training curves"})
			}
		},
		OnEpoch: func(e ml.EpochLog) {
			if c.epoch(e) {
				live.Update(kernel.Output{SVG: c.svg, Text: lastEpochTable(c.epochs, 0)})
			}
		},
		OnEnd: func(h *ml.History) {
			o := c.end(h)
			if kernel.InNotebook() {
				live.Finish(o)
			}
		},
	}
}

// Training returns the observer a notebook cell trains with: the progress
// bar (see ProgressBar) above the live training curves (see
// TrainingCurves), in one live area,
//
//	run, err := ml.Train(f, "buys", ml.TrainOptions{Progress: reports.Training()})
//
// Outside a notebook it prints only the bar's final line.
func Training() ml.Observer {
	t := &training{bar: newBar(), live: kernel.NewLive()}
	return ml.ObserverFuncs{OnStep: t.step, OnEpoch: t.epoch, OnEnd: t.end}
}

type training struct {
	live   *kernel.Live
	bar    *bar
	curves curves
	barOut kernel.Output // the bar as last drawn
}

func (t *training) output(text string) kernel.Output {
	h := `<div class="glassbox-training">` + t.barOut.HTML
	switch {
	case t.curves.option != "" && kernel.InNotebook(): // the final curves, interactive
		h += "\n" + kernel.Interactive(t.curves.svg, t.curves.option)
	case t.curves.svg != "":
		h += "\n<div>" + t.curves.svg + "</div>"
	}
	return kernel.Output{HTML: h + "</div>", Text: text}
}

func (t *training) step(s ml.StepLog) {
	o, barDrew := t.bar.step(s)
	if barDrew {
		t.barOut = o
	}
	if curvesDrew := t.curves.step(s); barDrew || curvesDrew {
		t.live.Update(t.output(t.barOut.Text))
	}
}

func (t *training) epoch(e ml.EpochLog) {
	t.barOut = t.bar.epoch(e)
	t.curves.epoch(e)
	t.live.Update(t.output(t.barOut.Text))
}

func (t *training) end(h *ml.History) {
	t.barOut = t.bar.end(h)
	curves := t.curves.end(h)
	text := t.barOut.Text
	if kernel.InNotebook() { // the saved notebook's text form has the table too
		text += "\n" + curves.Text
	}
	t.live.Finish(t.output(text))
}
