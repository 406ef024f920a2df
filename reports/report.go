package reports

import (
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/internal/echarts"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

// ReportOptions configures NewReport. The zero value gives an English
// report of 4 chosen rows and 200 rows for the global views, seed 0, no
// timestamp.
type ReportOptions struct {
	// Lang is "en" (default) or "zh": every heading, label, caption and
	// sentence of the report is written in it.
	Lang string
	// Title of the report; "" means "Model explanation report: TARGET".
	Title string
	// Model-card text; "" means a sensible default built from the run.
	Purpose, IntendedUse, Limitations string
	// Rows are the rows of the table (0-based) explained one by one;
	// empty means NumRows rows chosen by the model's confidence: half the
	// most confident, half the most uncertain (for a regression the
	// highest, the lowest and those nearest the median).
	Rows []int
	// NumRows is how many rows are chosen when Rows is empty; 0 means 4.
	NumRows int
	// MaxRows is how many rows the global views explain, sampled without
	// replacement with Seed when the table has more; 0 means 200.
	MaxRows int
	// Seed fixes the sample, the k-means background and every explainer.
	Seed int64
	// Samples is Kernel SHAP's budget of coalitions per row; 0 means 384.
	Samples int
	// Background is the number of weighted k-means rows of the Shapley
	// background; 0 means 20.
	Background int
	// Timestamp writes the time the report was made; off by default so
	// that the same inputs give the same bytes.
	Timestamp bool
	// Progress, when set, is called after every step with the steps done
	// and the total.
	Progress func(done, total int)
	// ProgressWriter, when set, gets a one-line progress bar, redrawn with
	// carriage returns and ended by a newline.
	ProgressWriter io.Writer
	// EChartsDir is the directory holding echarts.min.js, inlined once so
	// that the charts are interactive; "" looks for it as the board does
	// (internal/echarts.FindDir), and without it the report is static.
	EChartsDir string
	// Static leaves ECharts out: every chart is its SVG only, and the
	// report has no script at all.
	Static bool
}

func (o ReportOptions) withDefaults() ReportOptions {
	if o.NumRows <= 0 {
		o.NumRows = 4
	}
	if o.MaxRows <= 0 {
		o.MaxRows = 200
	}
	if o.Samples <= 0 {
		o.Samples = 384
	}
	if o.Background <= 0 {
		o.Background = 20
	}
	return o
}

// Report is a self-contained HTML explanation report of a run on a table:
// model card, data, performance, training curves, global importance,
// dependence, local explanations, SHAP–LIME agreement, the transparency
// scorecard and what is needed to reproduce it. It loads nothing from the
// network and escapes every string from the data or the caller. Its only
// scripts, when ECharts is found, are the inlined ECharts library and the
// charts' one initialisation script, allowed by their hashes in its
// Content-Security-Policy; every chart is also its static SVG, which shows
// without scripts and in print.
type Report struct {
	lang  lang
	title string
	html  []byte

	// What the report shows, kept for Text and the tests.
	sections  []section
	rows      []int                // table rows explained one by one
	local     *explain.Explanation // their Kernel SHAP values, in the order of rows
	outputs   []int                // the output explained for each of rows
	sentences []string             // one per row
	overlaps  []int                // SHAP–LIME top-3 overlap per row (-1 when LIME failed)
}

// section is one part of the report: its anchor id and heading.
type section struct{ id, title string }

// reportSteps counts the steps of NewReport besides the SHAP chunks.
const reportSteps = 8

// shapChunk is the number of rows explained between two progress updates.
const shapChunk = 25

// NewReport explains run's model on the rows of f (which must have the
// run's input columns; with the target column, performance and permutation
// importance are measured on it) and renders the report. The run must have
// been made by ml.Train (it needs the preprocessing and the data
// description).
func NewReport(run *ml.Run, f *data.Frame, o ReportOptions) (*Report, error) {
	if run == nil || f == nil {
		return nil, errors.New("reports: NewReport: nil run or frame")
	}
	if run.Pipeline == nil || run.Config.Data == nil {
		return nil, errors.New("reports: NewReport: the run has no preprocessing or data description: a report needs a run made by ml.Train or `glassbox train`")
	}
	l, err := newLang(o.Lang)
	if err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if f.Len() == 0 {
		return nil, errors.New("reports: NewReport: the table has no rows")
	}
	for _, r := range o.Rows {
		if r < 0 || r >= f.Len() {
			return nil, fmt.Errorf("reports: NewReport: row %d out of range: the table has rows 0–%d", r, f.Len()-1)
		}
	}
	// Personal data never reaches a report in raw form: columns holding it
	// (found now, or set aside as personal when the run was trained) are
	// left out of the table the report describes; the model never used them.
	personal := data.PersonalColumns(f)
	if run.Config.Data != nil {
		for _, r := range run.Config.Data.Roles {
			if r.Role == data.RolePersonal && f.Index(r.Column) >= 0 && !slices.Contains(personal, r.Column) {
				personal = append(personal, r.Column)
			}
		}
	}
	personal = slices.DeleteFunc(personal, func(c string) bool { return c == run.Config.Data.Target || slices.Contains(run.Columns(), c) })
	if len(personal) > 0 {
		if f, err = f.Drop(personal...); err != nil {
			return nil, fmt.Errorf("reports: NewReport: %w", err)
		}
	}
	b := &builder{run: run, f: f, o: o, l: l, rep: &Report{lang: l}, personal: personal}
	if !o.Static {
		lib, _, err := echarts.Load(o.EChartsDir)
		switch {
		case err == nil:
			b.echarts = lib
		case o.EChartsDir != "": // asked for, and unusable
			return nil, fmt.Errorf("reports: NewReport: %w", err)
		}
	}
	X, err := run.RawRows(f)
	if err != nil {
		return nil, fmt.Errorf("reports: NewReport: %w", err)
	}
	b.X = X
	b.sample = sampleIndex(len(X), o.MaxRows, o.Seed)
	chunks := (len(b.sample) + shapChunk - 1) / shapChunk
	b.prog = &progress{total: reportSteps + chunks, fn: o.Progress, w: o.ProgressWriter}
	if err := b.compute(); err != nil {
		return nil, err
	}
	b.render()
	b.prog.finish()
	return b.rep, nil
}

// HTML returns the report as a complete HTML document (UTF-8).
func (r *Report) HTML() []byte { return slices.Clone(r.html) }

// Title is the report's title.
func (r *Report) Title() string { return r.title }

// WriteFile writes the report to path atomically: into a temporary file in
// the same directory, renamed over path when complete.
func (r *Report) WriteFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(r.html); err != nil {
		tmp.Close()
		return fmt.Errorf("reports: writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Output shows the report in a notebook cell: the whole document in a
// sandboxed iframe (srcdoc; scripts run, for the interactive charts, but in
// an opaque origin that cannot reach the notebook, and under the report's
// own Content-Security-Policy), so that its styles do not leak into the
// notebook; the text form lists the sections and the
// sentences of the explained rows.
func (r *Report) Output() kernel.Output {
	frame := `<iframe title="` + html.EscapeString(r.title) + `" sandbox="allow-scripts" style="width:100%;height:720px;border:1px solid #ccc" srcdoc="` +
		html.EscapeString(string(r.html)) + `"></iframe>`
	return kernel.Output{HTML: frame, Text: r.Text()}
}

// Text is a plain-text outline of the report.
func (r *Report) Text() string {
	var b strings.Builder
	b.WriteString(r.title + "\n")
	for i, s := range r.sections {
		fmt.Fprintf(&b, "%2d. %s\n", i+1, s.title)
	}
	for _, s := range r.sentences {
		b.WriteString("\n" + s)
	}
	return strings.TrimRight(b.String(), "\n")
}

// progress counts the report's steps for ReportOptions.Progress and draws
// the bar of ReportOptions.ProgressWriter.
type progress struct {
	done, total int
	fn          func(done, total int)
	w           io.Writer
}

func (p *progress) step() {
	p.done = min(p.done+1, p.total)
	if p.fn != nil {
		p.fn(p.done, p.total)
	}
	if p.w != nil {
		const width = 30
		n := width * p.done / max(p.total, 1)
		fmt.Fprintf(p.w, "\rreport [%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n), p.done, p.total)
	}
}

func (p *progress) finish() {
	for p.done < p.total {
		p.step()
	}
	if p.w != nil {
		fmt.Fprintln(p.w)
	}
}

// sampleIndex returns n row indices (all of them when there are at most
// max), drawn without replacement with seed, in increasing order.
func sampleIndex(n, max int, seed int64) []int {
	if n <= max {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	idx := rng.Perm(n)[:max]
	sort.Ints(idx)
	return idx
}

// builder holds what NewReport computes.
type builder struct {
	// personal lists the table's columns of personal data, left out.
	personal []string
	// echarts is the ECharts library inlined in the report, nil for a
	// static report.
	echarts []byte
	run     *ml.Run
	f       *data.Frame
	o       ReportOptions
	l       lang
	rep     *Report

	prog   *progress
	X      [][]float64 // every row of f, raw units
	sample []int       // rows of the global views
	pred   [][]float64 // predictions of every row

	background [][]float64
	weights    []float64
	hasTarget  bool
	k          int // the output of the global views

	global     *explain.Explanation
	globalErr  error
	perm       *explain.PermutationImportance
	permErr    error
	pdp        []*explain.PartialDependenceResult // of the top columns, in the dependence section's order
	pdpErr     error
	lime       *explain.Explanation
	limeErr    error
	card       *explain.Scorecard
	cardErr    error
	quality    kernel.Output
	qualityErr error
	qualityN   int
	why        []string // why each local row was chosen
}

// compute runs the explainers. Failures of optional parts (permutation
// importance, LIME, the scorecard, the quality charts) are shown in the
// report instead of failing it.
func (b *builder) compute() error {
	run, o := b.run, b.o
	var err error
	if b.pred, err = run.RawModel().Predict(b.X); err != nil {
		return fmt.Errorf("reports: NewReport: predicting the table: %w", err)
	}
	b.prog.step()
	b.hasTarget = b.f.Index(run.Config.Data.Target) >= 0
	b.chooseRows()
	// The Shapley background: k-means of the sampled rows on the encoded
	// (scaled) features, mapped back to raw units, as `glassbox explain` does.
	Xs := make([][]float64, len(b.sample))
	for i, r := range b.sample {
		Xs[i] = b.X[r]
	}
	enc, err := run.Pipeline.EncodeValues(Xs)
	if err != nil {
		return fmt.Errorf("reports: NewReport: %w", err)
	}
	centres, weights, err := explain.KMeans(enc, min(o.Background, len(enc)), o.Seed)
	if err != nil {
		return fmt.Errorf("reports: NewReport: background: %w", err)
	}
	if b.background, err = run.Pipeline.DecodeValues(centres); err != nil {
		return fmt.Errorf("reports: NewReport: background: %w", err)
	}
	b.weights = weights
	b.prog.step()

	// Global Kernel SHAP, in chunks for the progress bar (FirstRow keeps
	// the values those of one call).
	var parts []*explain.Explanation
	for lo := 0; lo < len(Xs); lo += shapChunk {
		hi := min(lo+shapChunk, len(Xs))
		ex, err := b.kernel(lo)
		if err != nil {
			return err
		}
		part, err := ex.Explain(Xs[lo:hi])
		if err != nil {
			return fmt.Errorf("reports: NewReport: Kernel SHAP: %w", err)
		}
		parts = append(parts, part)
		b.prog.step()
	}
	if b.global, err = explain.Merge(parts...); err != nil {
		return fmt.Errorf("reports: NewReport: %w", err)
	}

	b.partialDependence(Xs)

	// The chosen rows.
	Xl := make([][]float64, len(b.rep.rows))
	for i, r := range b.rep.rows {
		Xl[i] = b.X[r]
	}
	ex, err := b.kernel(0)
	if err != nil {
		return err
	}
	if b.rep.local, err = ex.Explain(Xl); err != nil {
		return fmt.Errorf("reports: NewReport: Kernel SHAP of the chosen rows: %w", err)
	}
	b.prog.step()
	lime, err := explain.NewLIME(run.RawModel(), Xs, explain.LIMEOptions{Seed: o.Seed, Samples: limeSamples})
	if err == nil {
		b.lime, err = lime.Explain(Xl)
	}
	b.limeErr = err
	b.prog.step()

	b.permutation()
	b.prog.step()
	b.scorecard(Xs)
	b.prog.step()
	if b.hasTarget {
		b.quality, b.qualityErr = Quality(run, b.f)
		if fr, _, err := b.f.DropMissing(run.Config.Data.Target); err == nil {
			b.qualityN = fr.Len()
		}
	}
	b.prog.step()
	return nil
}

// Partial dependence in the report: of the top pdpColumns columns, over at
// most pdpRows of the sampled rows, drawing pdpICE of their ICE curves.
const (
	pdpColumns = 3
	pdpRows    = 200
	pdpICE     = 50
)

// partialDependence computes the partial dependence and ICE curves of the
// global explanation's top columns over the first sampled rows.
func (b *builder) partialDependence(Xs [][]float64) {
	rank, err := b.global.Ranking(b.k)
	if err != nil {
		b.pdpErr = err
		return
	}
	rows := Xs[:min(len(Xs), pdpRows)]
	for _, j := range rank[:min(pdpColumns, len(rank))] {
		pd, err := explain.PartialDependence(b.run.RawModel(), rows, j, explain.PDPOptions{Output: b.k, FeatureName: b.global.FeatureNames[j]})
		if err != nil {
			b.pdpErr = err
			return
		}
		b.pdp = append(b.pdp, pd)
	}
}

// limeSamples is LIME's neighbourhood size in the report (lime's default
// is 5000; 2000 keeps the report fast with the same top features).
const limeSamples = 2000

// scorecardRows is the number of rows the scorecard evaluates.
const scorecardRows = 8

// kernel returns the report's Kernel SHAP explainer for rows starting at
// firstRow.
func (b *builder) kernel(firstRow int) (explain.Explainer, error) {
	ex, err := explain.NewKernel(b.run.RawModel(), b.background, explain.Options{Seed: b.o.Seed, Samples: b.o.Samples,
		BackgroundWeights: b.weights, FirstRow: firstRow})
	if err != nil {
		return nil, fmt.Errorf("reports: NewReport: Kernel SHAP: %w", err)
	}
	return ex, nil
}

// permutation measures permutation importance on the sampled rows that
// have a target.
func (b *builder) permutation() {
	if !b.hasTarget {
		return
	}
	target := b.run.Config.Data.Target
	sub, err := b.f.Subset(b.sample)
	if err == nil {
		sub, _, err = sub.DropMissing(target)
	}
	var X [][]float64
	var y []float64
	if err == nil {
		X, err = b.run.RawRows(sub)
	}
	if err == nil {
		y, err = b.run.Targets(sub)
	}
	if err != nil {
		b.permErr = err
		return
	}
	metric := explain.AUC
	switch b.run.Config.Task {
	case ml.TaskMulticlass:
		metric = explain.Accuracy
	case ml.TaskRegression:
		metric = explain.R2
	}
	b.perm, b.permErr = explain.PermutationFeatureImportance(b.run.RawModel(), X, y, metric,
		explain.ImportanceOptions{Repeats: permRepeats, Seed: b.o.Seed, FeatureNames: b.run.Columns()})
	if b.permErr != nil && metric.Name == "auc" { // one class in the sample: fall back to accuracy
		b.perm, b.permErr = explain.PermutationFeatureImportance(b.run.RawModel(), X, y, explain.Accuracy,
			explain.ImportanceOptions{Repeats: permRepeats, Seed: b.o.Seed, FeatureNames: b.run.Columns()})
	}
}

const permRepeats = 3

// scorecard runs the transparency scorecard on the first rows of the sample.
func (b *builder) scorecard(Xs [][]float64) {
	n := min(scorecardRows, len(Xs))
	b.card, b.cardErr = explain.NewScorecard(b.run.RawModel(), Xs[:n], b.background, explain.ScorecardOptions{
		SHAP:     explain.Options{Seed: b.o.Seed, Samples: b.o.Samples, BackgroundWeights: b.weights},
		LIME:     explain.LIMEOptions{Samples: 1000},
		Training: Xs,
		Output:   b.k,
		TopK:     min(3, len(b.run.Columns())),
	})
}

// confidence of a prediction row: for one probability column the distance
// from 0.5 (scaled to [0,1]), for several the largest probability.
func confidence(p []float64) float64 {
	if len(p) == 1 {
		return 2 * math.Abs(p[0]-0.5)
	}
	return slices.Max(p)
}

// chooseRows sets the rows explained one by one and the output of every
// one of them (the predicted class of a multiclass model).
func (b *builder) chooseRows() {
	rep, o := b.rep, b.o
	n := len(b.X)
	switch {
	case len(o.Rows) > 0:
		for _, r := range o.Rows {
			if !slices.Contains(rep.rows, r) {
				rep.rows = append(rep.rows, r)
				b.why = append(b.why, b.l.t("why.given"))
			}
		}
	case b.run.Config.Task == ml.TaskRegression:
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return b.pred[order[i]][0] > b.pred[order[j]][0] })
		add := func(r int, why string) {
			if len(rep.rows) < o.NumRows && !slices.Contains(rep.rows, r) {
				rep.rows = append(rep.rows, r)
				b.why = append(b.why, why)
			}
		}
		add(order[0], b.l.t("why.high"))
		add(order[n-1], b.l.t("why.low"))
		for d := 0; len(rep.rows) < min(o.NumRows, n) && d <= 2*n; d++ {
			off := (d + 1) / 2
			if d%2 == 1 {
				off = -off
			}
			if m := n/2 + off; m >= 0 && m < n {
				add(order[m], b.l.t("why.median"))
			}
		}
	default:
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return confidence(b.pred[order[i]]) > confidence(b.pred[order[j]]) })
		confident := (min(o.NumRows, n) + 1) / 2
		for _, r := range order[:confident] {
			rep.rows = append(rep.rows, r)
			b.why = append(b.why, b.l.t("why.confident"))
		}
		for i := n - 1; i >= 0 && len(rep.rows) < min(o.NumRows, n); i-- {
			if r := order[i]; !slices.Contains(rep.rows, r) {
				rep.rows = append(rep.rows, r)
				b.why = append(b.why, b.l.t("why.uncertain"))
			}
		}
	}
	rep.outputs = make([]int, len(rep.rows))
	if b.run.Config.Task == ml.TaskMulticlass {
		for i, r := range rep.rows {
			rep.outputs[i] = argmax(b.pred[r])
		}
	}
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}
