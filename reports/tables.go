package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
)

// This file holds the HTML views of results whose types live in packages
// ml and explain — which keep their data, JSON/CSV and Text forms:
// ExplanationTable, ScorecardTable, MetricsTable and ModelSummary. Each
// returns a kernel.Output with a self-contained HTML fragment (inline
// styles, no scripts) and the result's Text as fallback.

// tableTop is the number of contributions ExplanationTable lists before
// the rest are summed into one line.
const tableTop = 20

const (
	htmlTable = `<table style="border-collapse:collapse;width:100%">`
	htmlCell  = `<td style="padding:2px 6px;white-space:nowrap">`
	htmlLabel = `<td style="padding:2px 6px;text-align:right">`
	htmlBar   = `<td style="padding:2px 6px;width:50%"><div style="position:relative;height:14px">`
)

// ExplanationTable renders an explanation as HTML bars, per output: for one
// row a waterfall — the base value, one bar per contribution by decreasing
// |value| starting where the previous one ended (red raises the output,
// blue lowers it; beyond 20 the rest summed into one line) and f(x); for
// several rows the mean |value| of every feature, largest first. The text
// fallback is e.Text(). The charts (Waterfall, ForcePlot, Importance, …)
// draw the same as SVG.
func ExplanationTable(e *explain.Explanation) kernel.Output {
	if e == nil {
		return kernel.Output{Text: "no explanation"}
	}
	var b strings.Builder
	b.WriteString(`<div style="font-family:sans-serif;font-size:13px;max-width:900px">`)
	for k := range e.OutputNames {
		if msg := checkExplanation(e, k); msg != "" {
			return kernel.Output{Text: "explanation: " + msg}
		}
		if len(e.Values) == 1 {
			tableWaterfall(&b, e, k)
		} else {
			tableImportance(&b, e, k)
		}
	}
	b.WriteString("</div>")
	return kernel.Output{HTML: b.String(), Text: e.Text()}
}

// tableLine is one contribution of a one-row table.
type tableLine struct {
	label string
	phi   float64
}

// tableLines lists row r's contributions to output k by decreasing |value|,
// beyond tableTop summed into "N other features".
func tableLines(e *explain.Explanation, r, k int) []tableLine {
	order, err := e.TopK(r, k, 0)
	if err != nil {
		return nil
	}
	sur := surrogate(e, r, k)
	var lines []tableLine
	rest, nRest := 0.0, 0
	for i, j := range order {
		phi := e.Values[r][j][k]
		if i >= tableTop {
			rest += phi
			nRest++
			continue
		}
		lines = append(lines, tableLine{label: rowLabel(e, sur, r, j), phi: phi})
	}
	if nRest > 0 {
		lines = append(lines, tableLine{label: fmt.Sprintf("%d other features", nRest), phi: rest})
	}
	return lines
}

func tableWaterfall(b *strings.Builder, e *explain.Explanation, k int) {
	lines := tableLines(e, 0, k)
	base, fx := e.BaseValues[0][k], e.Prediction(0, k)
	lo, hi, cum := math.Min(base, fx), math.Max(base, fx), base
	for _, l := range lines {
		cum += l.phi
		lo, hi = math.Min(lo, cum), math.Max(hi, cum)
	}
	span := hi - lo
	if !(span > 0) || !finite(span) {
		span = 1
	}
	pos := func(v float64) float64 { return 100 * (v - lo) / span }
	fmt.Fprintf(b, `<p><b>%s</b> — %s explanation (%s space)</p>`, esc(e.OutputNames[k]), esc(e.Method), esc(e.Link))
	b.WriteString(htmlTable)
	marker := func(label string, v float64) {
		fmt.Fprintf(b, `<tr>%s<i>%s</i></td>%s<div style="position:absolute;left:min(%.2f%%,calc(100%% - 2px));width:2px;height:14px;background:#555"></div></div></td>%s%.4g</td></tr>`,
			htmlCell, label, htmlBar, pos(v), htmlCell, v)
	}
	marker("base value", base)
	cum = base
	for _, l := range lines {
		left, colour := pos(math.Min(cum, cum+l.phi)), signColor(l.phi)
		fmt.Fprintf(b, `<tr>%s%s</td>%s<div style="position:absolute;left:%.2f%%;width:%.2f%%;min-width:1px;height:14px;background:%s"></div></div></td>%s<span style="color:%s">%+.4g</span></td></tr>`,
			htmlLabel, labelDiv(l.label), htmlBar, left, 100*math.Abs(l.phi)/span, colour, htmlCell, colour, l.phi)
		cum += l.phi
	}
	marker("f(x)", fx)
	b.WriteString("</table>")
}

func tableImportance(b *strings.Builder, e *explain.Explanation, k int) {
	imp := meanAbs(e, k)
	order := byMagnitude(imp)
	top := 0.0
	if len(order) > 0 {
		top = imp[order[0]]
	}
	if !(top > 0) {
		top = 1
	}
	fmt.Fprintf(b, `<p><b>%s</b> — mean |%s value| over %d rows (%s space)</p>`, esc(e.OutputNames[k]), esc(e.Method), len(e.Values), esc(e.Link))
	b.WriteString(htmlTable)
	for _, j := range order {
		fmt.Fprintf(b, `<tr>%s%s</td>%s<div style="width:%.2f%%;height:14px;background:%s"></div></div></td>%s%.4g</td></tr>`,
			htmlLabel, labelDiv(e.FeatureNames[j]), htmlBar, 100*imp[j]/top, colorDown, htmlCell, imp[j])
	}
	b.WriteString("</table>")
}

// labelDiv is a label in HTML cut with an ellipsis at 260 px, so long names
// never run into the bars; the full text is its tooltip.
func labelDiv(label string) string {
	l := esc(label)
	return `<div style="max-width:260px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap" title="` + l + `">` + l + `</div>`
}

// Colours of a scorecard's statuses.
const (
	colorPass = "#2e7d32"
	colorWarn = "#e69500"
)

// ScorecardTable renders the transparency scorecard as a visual table: a
// bar of how many checks pass, then a line per check with its status on a
// coloured chip (✓ pass in green, ⚠ warn in amber, the line tinted), its
// value, the threshold it is held to and what it means.
func ScorecardTable(s *explain.Scorecard) kernel.Output {
	if s == nil {
		return kernel.Output{Text: "no scorecard"}
	}
	var b strings.Builder
	b.WriteString(`<div style="font-family:sans-serif;font-size:13px;max-width:1000px">`)
	fmt.Fprintf(&b, `<p><b>Transparency scorecard</b>: %s SHAP and LIME, output %d, %d rows × %d features.</p>`,
		esc(s.Method), s.Output, s.Rows, s.Features)
	b.WriteString(scorecardHTML(s, LangEnglish, func(c explain.Criterion) (string, string) { return c.Name, c.Meaning }))
	b.WriteString("</div>")
	return kernel.Output{HTML: b.String(), Text: s.Text()}
}

// scorecardHTML is the scorecard's table in language l, criteria named by
// text: the pass/warn bar and the table, with inline styles, as shown in a
// notebook and in the report.
func scorecardHTML(s *explain.Scorecard, l lang, text func(explain.Criterion) (string, string)) string {
	var b strings.Builder
	pass := 0
	for _, c := range s.Criteria {
		if c.Pass {
			pass++
		}
	}
	if n := len(s.Criteria); n > 0 {
		share := 100 * float64(pass) / float64(n)
		fmt.Fprintf(&b, `<div title="%s" style="display:flex;max-width:480px;height:12px;border-radius:6px;overflow:hidden;margin:6px 0;background:%s;-webkit-print-color-adjust:exact;print-color-adjust:exact">`+
			`<div style="width:%.2f%%;background:%s"></div></div>`,
			esc(l.t("score.summary", l.int(pass), l.int(n))), colorWarn, share, colorPass)
		fmt.Fprintf(&b, `<p style="margin:2px 0 6px">%s</p>`, esc(l.t("score.summary", l.int(pass), l.int(n))))
	}
	th := `<th style="text-align:left;padding:3px 8px;border-bottom:2px solid #999">`
	b.WriteString(`<div style="overflow-x:auto"><table class="scorecard" style="border-collapse:collapse"><thead><tr>`)
	for _, k := range []string{"score.status", "score.criterion", "score.value", "score.threshold", "score.meaning"} {
		b.WriteString(th + esc(l.t(k)) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>\n")
	for _, c := range s.Criteria {
		name, meaning := text(c)
		status, color, tint, mark := l.t("score.warn"), colorWarn, "#fff8e6", "⚠"
		if c.Pass {
			status, color, tint, mark = l.t("score.pass"), colorPass, "#ffffff", "✓"
		}
		td := `<td style="padding:3px 8px;border-bottom:1px solid #ddd;vertical-align:top`
		fmt.Fprintf(&b, `<tr style="background:%s;-webkit-print-color-adjust:exact;print-color-adjust:exact">`, tint)
		fmt.Fprintf(&b, `%s;white-space:nowrap"><span style="display:inline-block;min-width:4.5em;text-align:center;border-radius:10px;padding:0 8px;color:#fff;background:%s;-webkit-print-color-adjust:exact;print-color-adjust:exact">%s %s</span></td>`,
			td, color, mark, esc(status))
		fmt.Fprintf(&b, `%s;font-weight:600">%s</td>`, td, esc(name))
		fmt.Fprintf(&b, `%s;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums">%s</td>`, td, esc(strconv.FormatFloat(c.Value, 'g', 4, 64)))
		fmt.Fprintf(&b, `%s;white-space:nowrap">%s</td>`, td, esc(c.Threshold))
		fmt.Fprintf(&b, `%s">%s</td></tr>`+"\n", td, esc(meaning))
	}
	b.WriteString("</tbody></table></div>")
	return b.String()
}

// MetricsTable renders a run's metrics (run.MetricsTable()) as an HTML
// table: a row per split, a column per metric of the task.
func MetricsTable(t ml.MetricsTable) kernel.Output {
	var b strings.Builder
	b.WriteString(`<table class="glassbox-metrics"><thead><tr><th></th>`)
	names := t.Columns()
	for _, n := range names {
		fmt.Fprintf(&b, "<th>%s</th>", esc(n))
	}
	b.WriteString("</tr></thead><tbody>")
	for _, s := range t.Splits() {
		fmt.Fprintf(&b, "<tr><th>%s</th>", esc(s))
		for _, n := range names {
			fmt.Fprintf(&b, `<td style="text-align:right">%s</td>`, esc(t.Cell(s, n)))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return kernel.Output{HTML: b.String(), Text: t.Text()}
}

// ModelSummary renders a model summary (model.Summary(), run.Summary()) as
// the HTML table Keras' model.summary() prints: each layer with its output
// shape and parameter count, and the totals.
func ModelSummary(s ml.ModelSummary) kernel.Output {
	var b strings.Builder
	b.WriteString(`<table class="glassbox-summary"><thead><tr><th>Layer (type)</th><th>Output Shape</th><th>Param #</th></tr></thead><tbody>`)
	for _, r := range s.Rows {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td style=\"text-align:right\">%d</td></tr>",
			esc(r.Name), esc(r.OutputShape), r.Params)
	}
	fmt.Fprintf(&b, `</tbody><tfoot><tr><td colspan="3">Total params: %d · Trainable params: %d · Non-trainable params: %d</td></tr></tfoot></table>`,
		s.TotalParams, s.TrainableParams, s.TotalParams-s.TrainableParams)
	return kernel.Output{HTML: b.String(), Text: s.Text()}
}
