package reports

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/internal/echarts"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

// reportCSS styles the report for screens and print. Chinese renders with
// the system's CJK fonts.
const reportCSS = `
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--accent:#0b4f8a;--soft:#f6f8fa}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;line-height:1.55;font-size:15px;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
header,nav,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:1.9em;line-height:1.25;margin:.2em 0;overflow-wrap:anywhere}
h2{font-size:1.4em;border-bottom:2px solid var(--line);padding-bottom:.2em;margin:2em 0 .6em}
h3{font-size:1.12em;margin:1.5em 0 .4em}
p{margin:.5em 0}
.subtitle,.note,figcaption{color:var(--muted)}
figcaption{font-size:.92em;margin-top:.2em}
nav.toc{background:var(--soft);border:1px solid var(--line);border-radius:6px;margin-top:16px;padding:8px 24px}
nav.toc h2{border:0;margin:.3em 0;font-size:1.1em}
nav.toc ol{columns:2;margin:.3em 0 .6em;padding-left:1.4em}
a{color:var(--accent)}
table{border-collapse:collapse;font-size:13px;margin:.5em 0;max-width:100%}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--soft);white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.kv th{background:var(--soft);width:18em;font-weight:600}
.scroll{overflow-x:auto}
figure{margin:1em 0}
figure.chart{overflow-x:auto}
figure.chart svg{max-width:100%;height:auto;display:block}
.row-expl{border-top:1px solid var(--line);margin-top:1.2em}
p.sentence{background:var(--soft);border-left:4px solid var(--accent);padding:.5em .8em}
td.pass{background:#2e7d32;color:#fff;text-align:center}
td.warn{background:#e69500;color:#fff;text-align:center}
p.error{background:#fdecea;color:#b71c1c;padding:.4em .8em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;font-size:.92em;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:.85em;padding-bottom:32px;margin-top:2em}
@page{margin:14mm}
@media print{
body{font-size:10.5pt}
header,nav,main,footer{max-width:none;padding:0}
nav.toc{break-after:page;background:none}
main>section{break-before:page}
figure,table,.row-expl,p.sentence{break-inside:avoid}
figure.chart{overflow:visible}
a{color:inherit;text-decoration:none}
td.pass,td.warn,p.sentence,thead th,table.kv th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`

// render writes the report's HTML.
func (b *builder) render() {
	l, run, rep := b.l, b.run, b.rep
	dc := run.Config.Data
	rep.title = b.o.Title
	if rep.title == "" {
		rep.title = l.t("title.default", dc.Target)
	}
	rep.sections = []section{
		{"model-card", l.t("s.card")}, {"data", l.t("s.data")}, {"performance", l.t("s.perf")},
		{"training", l.t("s.curves")}, {"global-importance", l.t("s.global")}, {"dependence", l.t("s.dep")},
		{"local", l.t("s.local")}, {"agreement", l.t("s.agree")}, {"scorecard", l.t("s.score")},
		{"reproducibility", l.t("s.repro")},
	}
	bodies := []func(*strings.Builder){b.modelCard, b.dataSection, b.performance, b.training, b.globalSection,
		b.dependence, b.localSection, b.agreement, b.scorecardSection, b.reproducibility}

	var h strings.Builder
	h.WriteString("<!DOCTYPE html>\n")
	fmt.Fprintf(&h, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", l.htmlLang())
	// No script, style or resource may load from anywhere, and the only
	// scripts that run are the inline ones named by their hashes: defence
	// in depth on top of escaping every string.
	h.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"" + b.csp() + "\">\n")
	h.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	h.WriteString("<meta name=\"generator\" content=\"GlassBox\">\n")
	css := reportCSS
	if b.echarts != nil {
		css += echarts.Style + "\n"
	}
	fmt.Fprintf(&h, "<title>%s</title>\n<style>%s</style>\n", esc(rep.title), css)
	if b.echarts != nil {
		h.WriteString(echarts.LibraryScript(b.echarts))
	}
	h.WriteString("</head>\n<body>\n")
	fmt.Fprintf(&h, "<header>\n<h1>%s</h1>\n<p class=\"subtitle\">%s</p>\n", esc(rep.title),
		esc(l.t("subtitle", dc.Target, b.taskName(), l.int(b.f.Len()))))
	if b.o.Timestamp {
		fmt.Fprintf(&h, "<p class=\"subtitle\">%s</p>\n", esc(l.t("generated", b.now())))
	}
	h.WriteString("</header>\n<nav class=\"toc\">\n")
	fmt.Fprintf(&h, "<h2>%s</h2>\n<ol>\n", esc(l.t("toc")))
	for _, s := range rep.sections {
		fmt.Fprintf(&h, "<li><a href=\"#%s\">%s</a></li>\n", s.id, esc(s.title))
	}
	h.WriteString("</ol>\n</nav>\n<main>\n")
	for i, s := range rep.sections {
		fmt.Fprintf(&h, "<section id=\"%s\">\n<h2>%d. %s</h2>\n", s.id, i+1, esc(s.title))
		bodies[i](&h)
		h.WriteString("</section>\n")
	}
	h.WriteString("</main>\n")
	fmt.Fprintf(&h, "<footer><p>GlassBox · %s</p></footer>\n</body>\n</html>\n", esc(l.t("rownote")))
	rep.html = []byte(h.String())
}

// csp is the report's Content-Security-Policy: nothing from anywhere,
// inline styles and data: images, and — when ECharts is inlined — exactly
// the two inline scripts, by their SHA-256: the library and the charts'
// initialisation (the same text in every chart). The charts' options are
// JSON data blocks, which are not scripts.
func (b *builder) csp() string {
	if b.echarts == nil {
		return "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
	}
	return "default-src 'none'; script-src " + echarts.Hash(echarts.LibraryCode(b.echarts)) + " " + echarts.Hash(echarts.InitScript) +
		"; style-src 'unsafe-inline'; img-src data:"
}

// now is the time of a report with a timestamp, in the language's form.
func (b *builder) now() string {
	t := time.Now().UTC()
	if b.l == LangChinese {
		return t.Format("2006年1月2日 15:04 UTC")
	}
	return t.Format("2 January 2006 15:04 UTC")
}

func (b *builder) taskName() string {
	switch b.run.Config.Task {
	case ml.TaskBinary:
		return b.l.t("task.binary")
	case ml.TaskMulticlass:
		return b.l.t("task.multiclass")
	case ml.TaskRegression:
		return b.l.t("task.regression")
	}
	return string(b.run.Config.Task)
}

// para writes a paragraph of escaped text.
func para(h *strings.Builder, class, text string) {
	if class != "" {
		fmt.Fprintf(h, "<p class=\"%s\">%s</p>\n", class, esc(text))
		return
	}
	fmt.Fprintf(h, "<p>%s</p>\n", esc(text))
}

// heading3 writes a sub-heading.
func heading3(h *strings.Builder, text string) { fmt.Fprintf(h, "<h3>%s</h3>\n", esc(text)) }

// kv writes a two-column table of escaped keys and values.
func kv(h *strings.Builder, rows [][2]string) {
	h.WriteString("<table class=\"kv\">\n<tbody>\n")
	for _, r := range rows {
		fmt.Fprintf(h, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", esc(r[0]), esc(r[1]))
	}
	h.WriteString("</tbody>\n</table>\n")
}

// chart writes a chart in a figure with its caption, or says why it could
// not be drawn.
func (b *builder) chart(h *strings.Builder, out kernel.Output, caption string) {
	if out.SVG == "" {
		para(h, "error", b.l.t("chart.failed", out.Text))
		return
	}
	// The SVG namespace is implied inside HTML; dropping it leaves the
	// document without any URL.
	svg := strings.Replace(out.SVG, ` xmlns="http://www.w3.org/2000/svg"`, "", 1)
	if b.echarts != nil && out.ECharts != "" {
		svg = echarts.Fragment(svg, []byte(out.ECharts), false)
	}
	fmt.Fprintf(h, "<figure class=\"chart\">\n%s<figcaption>%s</figcaption>\n</figure>\n", svg, esc(caption))
}

func (b *builder) failed(h *strings.Builder, err error) {
	para(h, "error", b.l.t("section.failed", err.Error()))
}

// --- Model card ------------------------------------------------------------

func (b *builder) modelCard(h *strings.Builder) {
	l, cfg := b.l, b.run.Config
	dc := cfg.Data
	cols := b.run.Columns()
	heading3(h, l.t("h.purpose"))
	purpose := b.o.Purpose
	if purpose == "" {
		purpose = l.t("purpose.default", dc.Target, l.list(clipList(cols, 12)))
	}
	para(h, "", purpose)

	heading3(h, l.t("h.cdata"))
	rows := [][2]string{{l.t("k.target"), dc.Target}, {l.t("k.task"), b.taskName()}}
	if len(dc.Classes) > 0 {
		rows = append(rows, [2]string{l.t("k.classes"), l.list(dc.Classes)})
	}
	rows = append(rows,
		[2]string{l.t("k.columns"), l.int(len(cols)) + " — " + l.list(cols)},
		[2]string{l.t("k.features"), l.int(len(dc.Features))},
		[2]string{l.t("k.split"), l.int(dc.Split[0]) + " / " + l.int(dc.Split[1]) + " / " + l.int(dc.Split[2])})
	if dc.DroppedRows > 0 {
		rows = append(rows, [2]string{l.t("k.dropped"), l.int(dc.DroppedRows)})
	}
	kv(h, rows)

	heading3(h, l.t("h.config"))
	var layers []string
	for _, ly := range cfg.Layers {
		switch ly.Kind {
		case "dense":
			layers = append(layers, fmt.Sprintf("Dense(%d, %s)", ly.Units, ly.Activation))
		case "dropout":
			layers = append(layers, l.t("dropout", strconv.FormatFloat(ly.Rate, 'g', 3, 64)))
		case "rescaling":
			layers = append(layers, l.t("rescaling", l.num(ly.Scale), l.num(ly.Offset)))
		default:
			layers = append(layers, ly.Kind)
		}
	}
	early := l.t("none")
	if e := cfg.Fit.Early; e != nil {
		early = l.t("early", l.int(e.Patience), e.Metric)
	}
	rows = [][2]string{
		{l.t("k.layers"), strings.Join(layers, " → ")},
		{l.t("k.optimizer"), cfg.Compile.Optimizer + ", " + strconv.FormatFloat(cfg.Compile.LearningRate, 'g', -1, 64)},
		{l.t("k.loss"), cfg.Compile.Loss},
		{l.t("k.epochs"), l.int(cfg.Fit.Epochs) + " (" + l.int(cfg.Fit.BatchSize) + ")"},
		{l.t("k.early"), early},
	}
	if cfg.BestEpoch > 0 {
		rows = append(rows, [2]string{l.t("k.best"), l.int(cfg.BestEpoch)})
	}
	rows = append(rows, [2]string{l.t("k.seed"), strconv.FormatInt(cfg.Fit.Seed, 10)}, [2]string{l.t("k.backend"), orUnknown(l, cfg.Backend)})
	kv(h, rows)

	heading3(h, l.t("h.use"))
	use := b.o.IntendedUse
	if use == "" {
		use = l.t("use.default")
	}
	para(h, "", use)
	heading3(h, l.t("h.limits"))
	limits := b.o.Limitations
	if limits == "" {
		limits = l.t("limits.default", l.int(dc.Split[0]))
	}
	para(h, "", limits)
}

// clipList keeps the first n items and adds "…".
func clipList(items []string, n int) []string {
	if len(items) <= n {
		return items
	}
	return append(slices.Clone(items[:n]), "…")
}

func orUnknown(l lang, s string) string {
	if s == "" {
		return l.t("unknown")
	}
	return s
}

// --- Data --------------------------------------------------------------------

func (b *builder) kindName(k data.Kind) string {
	switch k {
	case data.Numeric:
		return b.l.t("kind.numeric")
	case data.Categorical:
		return b.l.t("kind.categ")
	case data.Boolean:
		return b.l.t("kind.boolean")
	case data.Date:
		return b.l.t("kind.date")
	}
	return k.String()
}

func (b *builder) dataSection(h *strings.Builder) {
	l, dc := b.l, b.run.Config.Data
	para(h, "", l.t("data.intro", l.int(b.f.Len()), l.int(len(b.f.Names()))))
	if len(b.personal) > 0 {
		para(h, "note", l.t("data.personal", strings.Join(b.personal, ", ")))
	}
	heading3(h, l.t("h.summary"))
	target := ""
	if b.hasTarget {
		target = dc.Target
	}
	if s, err := data.Summarize(b.f, target); err != nil {
		b.failed(h, err)
	} else {
		h.WriteString("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr>")
		for _, k := range []string{"sum.column", "sum.kind", "sum.missing", "sum.distinct", "sum.min", "sum.max", "sum.mean", "sum.std", "sum.top"} {
			fmt.Fprintf(h, "<th>%s</th>", esc(l.t(k)))
		}
		h.WriteString("</tr></thead>\n<tbody>\n")
		num := func(v float64) string {
			if math.IsNaN(v) {
				return ""
			}
			return l.num(v)
		}
		for _, c := range s.Columns {
			var top []string
			for _, t := range c.Top {
				top = append(top, fmt.Sprintf("%s (%s)", clipText(t.Value, 40), l.int(t.Count)))
			}
			fmt.Fprintf(h, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
				esc(c.Name), esc(b.kindName(c.Kind)), l.int(c.Missing), l.int(c.Distinct), esc(num(c.Min)), esc(num(c.Max)),
				esc(num(c.Mean)), esc(num(c.Std)), esc(l.list(top)))
		}
		h.WriteString("</tbody>\n</table></div>\n")
		if len(s.Balance) > 0 {
			parts := make([]string, len(s.Balance))
			for i, v := range s.Balance {
				parts[i] = fmt.Sprintf("%s: %s (%s%%)", v.Value, l.int(v.Count), strconv.FormatFloat(100*v.Share, 'f', 1, 64))
			}
			para(h, "note", l.t("sum.balance", dc.Target, l.list(parts)))
		}
	}
	heading3(h, l.t("h.roles"))
	if len(dc.Roles) == 0 {
		para(h, "note", l.t("no.roles"))
	} else {
		h.WriteString("<div class=\"scroll\">" + RolesTable(dc.Roles).HTML + "</div>\n")
	}
	heading3(h, l.t("h.quality"))
	if dc.Quality == nil {
		para(h, "note", l.t("no.quality"))
	} else {
		h.WriteString("<div class=\"scroll\">" + QualityTable(dc.Quality).HTML + "</div>\n")
	}
	heading3(h, l.t("h.notes"))
	if len(dc.Notes) == 0 {
		para(h, "note", l.t("no.notes"))
	} else {
		if l == LangChinese {
			para(h, "note", l.t("notes.intro"))
		}
		h.WriteString("<ul>\n")
		for _, n := range dc.Notes {
			fmt.Fprintf(h, "<li>%s</li>\n", esc(n))
		}
		h.WriteString("</ul>\n")
	}
}

// --- Performance -------------------------------------------------------------

// metricOrder is the order of the metrics table's columns.
var metricOrder = []string{"loss", "accuracy", "auc", "precision", "recall", "f1", "log_loss", "mse", "rmse", "mae", "r2"}

var metricZH = map[string]string{
	"loss": "损失", "accuracy": "准确率", "auc": "AUC", "precision": "精确率", "recall": "召回率", "f1": "F1",
	"log_loss": "对数损失", "mse": "均方误差", "rmse": "均方根误差", "mae": "平均绝对误差", "r2": "R²",
}

var splitNames = map[string][2]string{"train": {"train", "训练集"}, "validation": {"validation", "验证集"}, "test": {"test", "测试集"}}

func (b *builder) metricName(m string) string {
	if zh, ok := metricZH[m]; ok && b.l == LangChinese {
		return zh + " (" + m + ")"
	}
	switch m {
	case "auc", "mse", "rmse", "mae":
		return strings.ToUpper(m)
	case "r2":
		return "R²"
	}
	return m
}

func (b *builder) performance(h *strings.Builder) {
	l, run := b.l, b.run
	heading3(h, l.t("h.metrics"))
	para(h, "note", l.t("perf.metrics"))
	seen := map[string]bool{}
	for _, ms := range run.Metrics {
		for k := range ms {
			seen[k] = true
		}
	}
	var names []string
	for _, m := range metricOrder {
		if seen[m] {
			names = append(names, m)
			delete(seen, m)
		}
	}
	var rest []string
	for m := range seen {
		rest = append(rest, m)
	}
	sort.Strings(rest)
	names = append(names, rest...)
	h.WriteString("<div class=\"scroll\"><table class=\"metrics\">\n<thead><tr><th></th>")
	for _, m := range names {
		fmt.Fprintf(h, "<th>%s</th>", esc(b.metricName(m)))
	}
	h.WriteString("</tr></thead>\n<tbody>\n")
	for _, s := range []string{"train", "validation", "test"} {
		ms, ok := run.Metrics[s]
		if !ok {
			continue
		}
		name := splitNames[s][0]
		if l == LangChinese {
			name = splitNames[s][1]
		}
		fmt.Fprintf(h, "<tr><th scope=\"row\">%s</th>", esc(name))
		for _, m := range names {
			v, ok := ms[m]
			if !ok {
				v = math.NaN()
			}
			fmt.Fprintf(h, "<td class=\"num\">%s</td>", l.fixed(v, 4))
		}
		h.WriteString("</tr>\n")
	}
	h.WriteString("</tbody>\n</table></div>\n")

	heading3(h, l.t("h.qcharts"))
	target := run.Config.Data.Target
	switch {
	case !b.hasTarget:
		para(h, "note", l.t("perf.notarget", target))
	case b.qualityErr != nil:
		b.failed(h, b.qualityErr)
	default:
		b.chart(h, b.quality, l.t("perf.quality", l.int(b.qualityN), target))
	}
}

func (b *builder) training(h *strings.Builder) {
	if b.run.History == nil || len(b.run.History.Epochs) == 0 {
		para(h, "note", b.l.t("no.history"))
		return
	}
	b.chart(h, Curves(b.run.History), b.l.t("curves.caption"))
}

// --- Global ----------------------------------------------------------------

// rowSample returns e restricted to at most n rows, evenly spaced: the
// beeswarm and dependence plots stay small whatever MaxRows is.
func rowSample(e *explain.Explanation, n int) *explain.Explanation {
	if len(e.Values) <= n {
		return e
	}
	c := *e
	idx := sampleRows(len(e.Values), n)
	c.Values, c.BaseValues, c.Data, c.StdErr = nil, nil, nil, nil
	for _, r := range idx {
		c.Values = append(c.Values, e.Values[r])
		c.BaseValues = append(c.BaseValues, e.BaseValues[r])
		if r < len(e.Data) {
			c.Data = append(c.Data, e.Data[r])
		}
		if r < len(e.StdErr) {
			c.StdErr = append(c.StdErr, e.StdErr[r])
		}
	}
	return &c
}

// chartRows is the most rows a beeswarm or dependence plot of the report
// draws.
const chartRows = 300

func (b *builder) globalSection(h *strings.Builder) {
	l, e := b.l, b.global
	if len(e.Values) < len(b.X) {
		para(h, "", l.t("global.intro", l.int(len(e.Values)), strconv.FormatInt(b.o.Seed, 10), e.OutputNames[b.k]))
	} else {
		para(h, "", l.t("global.introall", l.int(len(e.Values)), e.OutputNames[b.k]))
	}
	if len(e.OutputNames) > 1 {
		para(h, "note", l.t("global.multi", l.int(len(e.OutputNames)), e.OutputNames[b.k]))
	}
	heading3(h, l.t("h.shapimp"))
	b.chart(h, Importance(e, b.k), l.t("imp.caption"))
	heading3(h, l.t("h.beeswarm"))
	s := rowSample(e, chartRows)
	b.chart(h, Beeswarm(s, b.k), l.t("bee.caption", l.int(min(len(s.Values), maxSampleRows))))
	heading3(h, l.t("h.permimp"))
	switch {
	case !b.hasTarget:
		para(h, "note", l.t("perm.none", b.run.Config.Data.Target))
	case b.permErr != nil:
		b.failed(h, b.permErr)
	default:
		p := b.perm
		n := 0
		if b.perm != nil {
			n = len(b.sample)
		}
		para(h, "note", l.t("perm.caption", b.metricName(p.Metric), l.int(n), l.int(permRepeats)))
		para(h, "note", l.t("perm.baseline", b.metricName(p.Metric), l.fixed(p.Baseline, 4)))
		b.chart(h, PermutationImportance(p), l.t("perm.chart"))
	}
}

func (b *builder) dependence(h *strings.Builder) {
	l, e := b.l, b.global
	para(h, "", l.t("dep.intro"))
	rank, err := e.Ranking(b.k)
	if err != nil {
		b.failed(h, err)
		return
	}
	s := rowSample(e, chartRows)
	for _, j := range rank[:min(3, len(rank))] {
		name := e.FeatureNames[j]
		heading3(h, name)
		b.chart(h, Dependence(s, name, b.k), l.t("dep.caption", e.OutputNames[b.k], name))
		b.partialDependenceChart(h, j)
	}
}

// --- Local -------------------------------------------------------------------

// asRow returns an explanation whose row tableRow is row i of e (earlier
// rows repeat it, sharing its slices), so that a waterfall names the row
// by its number in the table.
func asRow(e *explain.Explanation, i, tableRow int) *explain.Explanation {
	c := *e
	c.Values = make([][][]float64, tableRow+1)
	c.BaseValues = make([][]float64, tableRow+1)
	c.Data = make([][]float64, tableRow+1)
	for r := range c.Values {
		c.Values[r], c.BaseValues[r], c.Data[r] = e.Values[i], e.BaseValues[i], e.Data[i]
	}
	c.StdErr, c.Surrogates = nil, nil
	return &c
}

// sentenceTop is the number of contributions a row's sentence names.
const sentenceTop = 3

// sentence says in one sentence why row i of the local explanation got
// its prediction for output k: the prediction, the average, and the top
// contributions with the column's value.
func (b *builder) sentence(i, k int) string {
	l, e := b.l, b.rep.local
	qty := l.t("qty.prediction")
	if b.run.Config.Task != ml.TaskRegression {
		qty = l.t("qty.probability")
	}
	s := strings.Builder{}
	s.WriteString(l.t("sent.head", e.OutputNames[k], b.outputValue(e.Prediction(i, k)), strconv.Itoa(b.rep.rows[i]), b.outputValue(e.BaseValues[i][k])))
	top, _ := e.TopK(i, k, sentenceTop)
	var parts []string
	for _, j := range top {
		v := e.Values[i][j][k]
		if v == 0 {
			continue
		}
		key := "sent.up"
		if v < 0 {
			key = "sent.down"
		}
		value := valueText(e, i, j)
		if value == "missing" {
			value = l.num(math.NaN())
		}
		parts = append(parts, l.t(key, l.spaced(e.FeatureNames[j]), value, qty, l.amount(math.Abs(v))))
	}
	if len(parts) > 0 {
		s.WriteString(l.t("sent.colon") + strings.Join(parts, l.t("sent.join")))
	}
	s.WriteString(l.t("sent.end"))
	return s.String()
}

// outputValue formats a prediction: a probability with two decimals, a
// regression's value as the table shows numbers.
func (b *builder) outputValue(v float64) string {
	if b.run.Config.Task == ml.TaskRegression {
		return b.l.num(v)
	}
	return b.l.fixed(v, 2)
}

func (b *builder) localSection(h *strings.Builder) {
	l, rep := b.l, b.rep
	para(h, "", l.t("local.intro"))
	switch {
	case len(b.o.Rows) > 0:
		para(h, "note", l.t("local.given"))
	case b.run.Config.Task == ml.TaskRegression:
		para(h, "note", l.t("local.chosenreg"))
	default:
		conf := 0
		for _, w := range b.why {
			if w == l.t("why.confident") {
				conf++
			}
		}
		para(h, "note", l.t("local.chosen", l.int(conf), l.int(len(b.why)-conf)))
	}
	rep.sentences = make([]string, len(rep.rows))
	var actual []string
	if b.hasTarget {
		actual, _ = b.f.Strings(b.run.Config.Data.Target)
	}
	for i, r := range rep.rows {
		k := rep.outputs[i]
		rep.sentences[i] = b.sentence(i, k)
		fmt.Fprintf(h, "<div class=\"row-expl\" id=\"row-%d\">\n", r)
		heading3(h, l.t("h.row", strconv.Itoa(r))+" — "+b.why[i])
		fmt.Fprintf(h, "<p class=\"sentence\">%s</p>\n", esc(rep.sentences[i]))
		if actual != nil && r < len(actual) && actual[r] != "" {
			para(h, "note", l.t("local.actual", b.run.Config.Data.Target, actual[r]))
		}
		b.chart(h, Waterfall(asRow(rep.local, i, r), r, k), l.t("wf.caption"))
		h.WriteString("</div>\n")
	}
}

// --- Agreement -----------------------------------------------------------------

func (b *builder) agreement(h *strings.Builder) {
	l, rep := b.l, b.rep
	para(h, "", l.t("agree.intro"))
	if b.limeErr != nil {
		b.failed(h, b.limeErr)
		return
	}
	h.WriteString("<div class=\"scroll\"><table class=\"agreement\">\n<thead><tr>")
	for _, k := range []string{"agree.row", "agree.shap", "agree.lime", "agree.overlap", "agree.fid"} {
		fmt.Fprintf(h, "<th>%s</th>", esc(l.t(k)))
	}
	h.WriteString("</tr></thead>\n<tbody>\n")
	rep.overlaps = make([]int, len(rep.rows))
	total := 0
	for i, r := range rep.rows {
		k := rep.outputs[i]
		st, _ := rep.local.TopK(i, k, 3)
		lt, _ := b.lime.TopK(i, k, 3)
		overlap := 0
		for _, j := range st {
			if slices.Contains(lt, j) {
				overlap++
			}
		}
		rep.overlaps[i] = overlap
		total += overlap
		names := func(idx []int) string {
			var s []string
			for _, j := range idx {
				s = append(s, rep.local.FeatureNames[j])
			}
			return l.list(s)
		}
		fid := math.NaN()
		if i < len(b.lime.Surrogates) && k < len(b.lime.Surrogates[i]) {
			fid = b.lime.Surrogates[i][k].Fidelity
		}
		fmt.Fprintf(h, "<tr><td class=\"num\"><a href=\"#row-%d\">%d</a></td><td>%s</td><td>%s</td><td class=\"num\">%d / 3</td><td class=\"num\">%s</td></tr>\n",
			r, r, esc(names(st)), esc(names(lt)), overlap, l.fixed(fid, 2))
	}
	h.WriteString("</tbody>\n</table></div>\n")
	if len(rep.rows) > 0 {
		para(h, "note", l.t("agree.mean", strconv.FormatFloat(float64(total)/float64(len(rep.rows)), 'f', 2, 64)))
	}
	b.chart(h, Agreement(rep.local, b.lime, b.k), l.t("agree.chart"))
}

// --- Scorecard -----------------------------------------------------------------

// criterionText returns a criterion's name and meaning in the language.
func (b *builder) criterionText(c explain.Criterion, topK int) (string, string) {
	if b.l != LangChinese {
		return c.Name, c.Meaning
	}
	for _, z := range scorecardZH {
		if strings.HasPrefix(c.Name, z.prefix) {
			name := z.name
			if strings.Contains(name, "%s") {
				name = fmt.Sprintf(name, strconv.Itoa(topK))
			}
			return name, z.meaning
		}
	}
	return c.Name, c.Meaning
}

func (b *builder) scorecardSection(h *strings.Builder) {
	l := b.l
	if b.cardErr != nil {
		b.failed(h, b.cardErr)
		return
	}
	c := b.card
	seeds := []string{strconv.FormatInt(b.o.Seed, 10), strconv.FormatInt(b.o.Seed+1, 10), strconv.FormatInt(b.o.Seed+2, 10)}
	para(h, "", l.t("score.intro", l.int(c.Rows), l.list(seeds)))
	h.WriteString(scorecardHTML(c, l, func(cr explain.Criterion) (string, string) { return b.criterionText(cr, c.TopK) }) + "\n")
}

// --- Reproducibility -------------------------------------------------------------

// versions returns the versions of GlassBox, Go and GoMLX this binary was
// built with.
func versions(l lang) (glassbox, goVersion, gomlx string) {
	glassbox, gomlx = l.t("unknown"), l.t("unknown")
	goVersion = runtime.Version()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	glassbox = bi.Main.Version
	if glassbox == "" || glassbox == "(devel)" {
		glassbox = l.t("devel")
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		glassbox += " (" + rev + dirty + ")"
	}
	for _, d := range bi.Deps {
		if d.Path == "github.com/gomlx/gomlx" {
			gomlx = d.Version
			if d.Replace != nil {
				gomlx += " ⇒ " + d.Replace.Path + " " + d.Replace.Version
			}
		}
	}
	return
}

func (b *builder) reproducibility(h *strings.Builder) {
	l, cfg := b.l, b.run.Config
	para(h, "", l.t("repro.intro"))
	heading3(h, l.t("h.software"))
	gb, gov, gomlx := versions(l)
	kv(h, [][2]string{{l.t("k.glassbox"), gb}, {l.t("k.go"), gov}, {l.t("k.gomlx"), gomlx}, {l.t("k.backend"), orUnknown(l, cfg.Backend)}})
	heading3(h, l.t("h.inputs"))
	rowNames := make([]string, len(b.rep.rows))
	for i, r := range b.rep.rows {
		rowNames[i] = strconv.Itoa(r)
	}
	rows := [][2]string{
		{l.t("k.hash"), orUnknown(l, cfg.Hash)},
		{l.t("k.created"), orUnknown(l, cfg.Created)},
		{l.t("k.seed"), strconv.FormatInt(cfg.Fit.Seed, 10)},
		{l.t("k.reportseed"), strconv.FormatInt(b.o.Seed, 10)},
		{l.t("k.datarows"), l.int(b.f.Len())},
		{l.t("k.globalrows"), l.int(len(b.sample))},
		{l.t("k.localrows"), l.list(rowNames)},
		{l.t("k.shap"), l.t("k.shapv", l.int(b.o.Samples), l.int(len(b.background)))},
		{l.t("k.lime"), l.t("k.limev", l.int(limeSamples))},
		{l.t("k.reproduce"), l.t("repro.cmd", strconv.FormatInt(b.o.Seed, 10), string(l))},
	}
	kv(h, rows)
	if !b.o.Timestamp {
		para(h, "note", l.t("repro.notime"))
	}
}

// partialDependenceChart draws the partial dependence of column j, when it
// was computed.
func (b *builder) partialDependenceChart(h *strings.Builder, j int) {
	for _, pd := range b.pdp {
		if pd.Feature != j {
			continue
		}
		v := PDPView{OutputName: b.global.OutputNames[b.k], MaxICE: pdpICE, Categories: categories(b.global, j)}
		for _, r := range b.sample {
			if j < len(b.X[r]) {
				v.Values = append(v.Values, b.X[r][j])
			}
		}
		b.chart(h, PartialDependence(pd, v), b.l.t("pdp.caption", pd.Name, b.l.int(len(pd.ICE))))
		return
	}
	if b.pdpErr != nil {
		b.failed(h, b.pdpErr)
	}
}
