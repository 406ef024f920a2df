package reports

import (
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
)

// runSummary is what Runs reads of a run directory: its configuration,
// epoch scalars and final metrics — not the weights.
type runSummary struct {
	dir     string
	name    string
	cfg     ml.RunConfig
	epochs  []ml.EpochLog
	metrics map[string]ml.Metrics // metrics.json; nil when unreadable
}

// readRun reads a finished run directory's configuration, history and
// (when present) metrics.
func readRun(dir string) (*runSummary, error) {
	cfg, err := ml.ReadRunConfig(dir)
	if err != nil {
		return nil, err
	}
	h, err := ml.ReadHistory(dir)
	if err != nil {
		return nil, err
	}
	r := &runSummary{dir: dir, cfg: cfg, epochs: h.Epochs}
	if m, err := ml.ReadMetrics(dir); err == nil {
		r.metrics = m
	}
	return r, nil
}

// runNames names runs by their directory's base name, or by the whole path
// when two base names clash.
func runNames(runs []*runSummary) {
	seen := map[string]int{}
	for _, r := range runs {
		seen[filepath.Base(r.dir)]++
	}
	for _, r := range runs {
		r.name = filepath.Base(r.dir)
		if seen[r.name] > 1 {
			r.name = r.dir
		}
	}
}

// Runs compares the finished runs in the directories matching the glob
// pattern (say "runs/*"): their loss and headline metric per epoch
// overlaid, one colour per run (training solid, validation dashed), and a
// table of each run's final metrics. It reads only the runs' scalars,
// configuration and metrics, not their weights. Matches that are not
// finished run directories are left out and named under the table.
func Runs(pattern string) (kernel.Output, error) {
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return kernel.Output{}, fmt.Errorf("reports: Runs: %w", err)
	}
	var runs []*runSummary
	var skipped []string
	for _, m := range matches {
		if st, err := os.Stat(m); err != nil || !st.IsDir() {
			continue
		}
		r, err := readRun(m)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				err = errors.New("not a finished run (no config.json or scalars.jsonl)")
			}
			skipped = append(skipped, fmt.Sprintf("%s: %v", m, err))
			continue
		}
		runs = append(runs, r)
	}
	if len(runs) == 0 {
		msg := fmt.Sprintf("reports: Runs: no finished run directory matches %q", pattern)
		if len(skipped) > 0 {
			msg += " (" + strings.Join(skipped, "; ") + ")"
		}
		return kernel.Output{}, errors.New(msg)
	}
	runNames(runs)
	svg := runsSVG(runs)
	t := runsTable(runs)
	text, htm := t.text(), t.html()
	if len(skipped) > 0 {
		note := "left out: " + strings.Join(skipped, "; ")
		text += "\n" + note
		htm += `<p style="color:#666;font-size:12px">` + html.EscapeString(note) + "</p>"
	}
	return kernel.Output{HTML: "<div>" + svg + htm + "</div>", Text: text}, nil
}

// runsHeadline is the headline metric of a set of runs: that of the first
// run's task.
func runsHeadline(runs []*runSummary) string {
	for _, r := range runs {
		if names := headlineMetrics(r.epochs); len(names) > 0 {
			return names[0]
		}
	}
	return ""
}

func runsSVG(runs []*runSummary) string {
	headline := runsHeadline(runs)
	xMax := 1
	for _, r := range runs {
		if n := len(r.epochs); n > 0 {
			xMax = max(xMax, r.epochs[n-1].Epoch)
		}
	}
	const subtitle = "solid: train / 训练 · dashed: validation / 验证"
	charts := []*Chart{{Title: labelLoss, Subtitle: subtitle}}
	keys := []string{"loss"}
	if headline != "" {
		charts = append(charts, &Chart{Title: metricLabel(headline), Subtitle: subtitle})
		keys = append(keys, headline)
	}
	for i, c := range charts {
		c.XLabel, c.XInteger, c.XMax, c.Width, c.Height = labelEpoch, true, float64(xMax), 420, 320
		for j, r := range runs {
			color := Palette[j%len(Palette)]
			xs, ys, ok := metricSeries(r.epochs, keys[i])
			if ok {
				c.Series = append(c.Series, Series{Name: r.name, X: xs, Y: ys, Color: color})
			}
			if xs, ys, vok := metricSeries(r.epochs, "val_"+keys[i]); vok {
				// Named in the legend only when the run has no training curve.
				c.Series = append(c.Series, Series{Name: r.name + " · " + labelValidation, NoLegend: ok, X: xs, Y: ys, Color: color, Dashed: true})
			}
		}
	}
	panels := make([]Panel, len(charts))
	for i, c := range charts {
		panels[i] = c
	}
	return Grid(len(panels), panels...)
}

// table is a small table with a text and an HTML form.
type table struct {
	header []string
	rows   [][]string
}

func (t table) text() string {
	widths := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// displayWidth counts wide (CJK) characters as two terminal columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

func (t table) html() string {
	const cell = `border:1px solid #ddd;padding:2px 8px`
	var b strings.Builder
	b.WriteString(`<table class="glassbox-runs" style="border-collapse:collapse;font-family:sans-serif;font-size:13px"><thead><tr>`)
	for _, h := range t.header {
		fmt.Fprintf(&b, `<th style="%s">%s</th>`, cell, html.EscapeString(h))
	}
	b.WriteString("</tr></thead><tbody>")
	for _, row := range t.rows {
		b.WriteString("<tr>")
		for i, c := range row {
			align := "right"
			if i == 0 {
				align = "left"
			}
			fmt.Fprintf(&b, `<td style="%s;text-align:%s">%s</td>`, cell, align, html.EscapeString(c))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}

// runsTable lists each run's task, epochs, last losses and its final
// headline metrics on the validation and test splits (metrics.json).
func runsTable(runs []*runSummary) table {
	headline := runsHeadline(runs)
	t := table{header: []string{"run", "task", "epochs", "loss", "val_loss"}}
	if headline != "" {
		t.header = append(t.header, headline+" (validation)", headline+" (test)")
	}
	for _, r := range runs {
		last := ml.EpochLog{}
		if n := len(r.epochs); n > 0 {
			last = r.epochs[n-1]
		}
		lv, lok := last.Metrics["loss"]
		vv, vok := last.Metrics["val_loss"]
		row := []string{r.name, string(r.cfg.Task), fmt.Sprint(len(r.epochs)), cellValue(lv, lok), cellValue(vv, vok)}
		if headline != "" {
			for _, split := range []string{"validation", "test"} {
				v, ok := r.metrics[split][headline]
				row = append(row, cellValue(v, ok))
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// Histograms shows how the weights of each layer moved during training,
// from the run directory's histograms.jsonl: per layer and parameter
// (kernel, bias) a heatmap of the distribution after each epoch, with its
// mean drawn over it; the text form lists the last epoch's statistics.
func Histograms(dir string) (kernel.Output, error) {
	recs, err := ml.ReadHistograms(dir)
	if err != nil {
		return kernel.Output{}, fmt.Errorf("reports: Histograms: %w", err)
	}
	if len(recs) == 0 {
		return kernel.Output{}, fmt.Errorf("reports: Histograms: %s has no histograms", filepath.Join(dir, ml.HistogramsFile))
	}
	var layers []ml.Layer
	if cfg, err := ml.ReadRunConfig(dir); err == nil {
		layers = cfg.Layers
	}
	var panels []Panel
	var text strings.Builder
	fmt.Fprintf(&text, "weights after the last epoch (%s)\n", filepath.Join(dir, ml.HistogramsFile))
	t := table{header: []string{"layer", "param", "epoch", "mean", "std", "min", "max"}}
	for _, g := range GroupHistograms(recs) {
		rs := g.Records
		hm := &Heatmap{Title: g.Title(layers), XLabel: labelEpoch, YLabel: "value / 取值", XInteger: true, Width: 380, Height: 240}
		mean := Series{Name: "mean / 均值", Color: "#ff7f0e", NoDots: true}
		for _, r := range rs {
			counts := make([]float64, len(r.Counts))
			for i, c := range r.Counts {
				counts[i] = float64(c)
			}
			hm.Columns = append(hm.Columns, HeatColumn{X: float64(r.Epoch), Edges: r.Edges, Counts: counts,
				Title: fmt.Sprintf("epoch %d\nmean %s · std %s\nmin %s · max %s", r.Epoch,
					formatValue(r.Mean), formatValue(r.Std), formatValue(r.Min), formatValue(r.Max))})
			mean.X, mean.Y = append(mean.X, float64(r.Epoch)), append(mean.Y, r.Mean)
		}
		hm.Lines = []Series{mean}
		panels = append(panels, hm)
		last := rs[len(rs)-1]
		t.rows = append(t.rows, []string{fmt.Sprint(g.Layer), g.Param, fmt.Sprint(last.Epoch),
			fmt.Sprintf("%.4f", last.Mean), fmt.Sprintf("%.4f", last.Std), fmt.Sprintf("%.4f", last.Min), fmt.Sprintf("%.4f", last.Max)})
	}
	text.WriteString(t.text())
	return kernel.Output{SVG: Grid(2, panels...), Text: text.String()}, nil
}

// layerTitle names a layer's parameter: "layer 0 · dense 64 relu · kernel / 权重".
func layerTitle(layer int, param string, layers []ml.Layer) string {
	name := param
	switch param {
	case "kernel":
		name = "kernel / 权重"
	case "bias":
		name = "bias / 偏置"
	}
	desc := ""
	if layer >= 0 && layer < len(layers) {
		l := layers[layer]
		desc = l.Kind
		if l.Units > 0 {
			desc += fmt.Sprintf(" %d", l.Units)
		}
		if l.Activation != "" {
			desc += " " + l.Activation
		}
		desc = " · " + desc
	}
	return fmt.Sprintf("layer %d%s · %s", layer, desc, name)
}
