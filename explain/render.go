package explain

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// renderTop is the number of features listed before the rest are summed
// into one line.
const renderTop = 20

// Text renders the explanation as a plain-text table per output. For one
// row it lists the base value, the contributions by decreasing |value|
// (the smallest beyond the top 20 summed into one line) and f(x) = base +
// Σ values; for several rows it lists the mean |value| of every feature,
// largest first.
func (e *Explanation) Text() string {
	var b strings.Builder
	for o, out := range e.OutputNames {
		if o > 0 {
			b.WriteByte('\n')
		}
		if len(e.Values) == 1 {
			fmt.Fprintf(&b, "%s explanation of %s (%s space)\n", e.Method, out, e.Link)
			fmt.Fprintf(&b, "%-28s %12s %12s\n", "feature", "value", "contribution")
			fmt.Fprintf(&b, "%-28s %12s %12.6g\n", "base value", "", e.BaseValues[0][o])
			for _, l := range e.rowLines(0, o) {
				fmt.Fprintf(&b, "%-28s %12s %+12.6g\n", clip(l.name, 28), l.value, l.phi)
			}
			fmt.Fprintf(&b, "%-28s %12s %12.6g\n", "f(x)", "", e.Prediction(0, o))
			if e.Surrogates != nil {
				s := e.Surrogates[0][o]
				fmt.Fprintf(&b, "(LIME surrogate; the model itself gives %.6g, fidelity R² %.3f)\n", s.ModelPrediction, s.Fidelity)
			}
			continue
		}
		imp, _ := e.MeanAbs(o)
		fmt.Fprintf(&b, "%s explanation of %s over %d rows: mean |value| (%s space)\n", e.Method, out, len(e.Values), e.Link)
		for _, j := range orderByMagnitude(imp) {
			fmt.Fprintf(&b, "%-28s %12.6g\n", clip(e.FeatureNames[j], 28), imp[j])
		}
	}
	return b.String()
}

// HTML renders the explanation as a self-contained HTML fragment (inline
// styles, no scripts). For one row, per output, a waterfall: the base
// value, one bar per contribution by decreasing |value| starting where the
// previous one ended (red raises the output, blue lowers it), and f(x).
// For several rows, per output, a bar list of the mean |value| of every
// feature.
func (e *Explanation) HTML() string {
	var b strings.Builder
	b.WriteString(`<div style="font-family:sans-serif;font-size:13px;max-width:900px">`)
	for o, out := range e.OutputNames {
		if len(e.Values) == 1 {
			e.waterfallHTML(&b, o, out)
		} else {
			e.importanceHTML(&b, o, out)
		}
	}
	b.WriteString("</div>")
	return b.String()
}

const (
	htmlRed   = "#e8384f"
	htmlBlue  = "#1e88e5"
	htmlTable = `<table style="border-collapse:collapse;width:100%">`
	htmlCell  = `<td style="padding:2px 6px;white-space:nowrap">`
	htmlLabel = `<td style="padding:2px 6px;text-align:right">`
	htmlBar   = `<td style="padding:2px 6px;width:50%"><div style="position:relative;height:14px">`
)

func (e *Explanation) waterfallHTML(b *strings.Builder, o int, out string) {
	lines := e.rowLines(0, o)
	base, fx := e.BaseValues[0][o], e.Prediction(0, o)
	lo, hi, cum := math.Min(base, fx), math.Max(base, fx), base
	for _, l := range lines {
		cum += l.phi
		lo, hi = math.Min(lo, cum), math.Max(hi, cum)
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	pos := func(v float64) float64 { return 100 * (v - lo) / span }
	fmt.Fprintf(b, `<p><b>%s</b> — %s explanation (%s space)</p>`, html.EscapeString(out), html.EscapeString(e.Method), html.EscapeString(e.Link))
	b.WriteString(htmlTable)
	marker := func(label string, v float64) {
		fmt.Fprintf(b, `<tr>%s<i>%s</i></td>%s<div style="position:absolute;left:min(%.2f%%,calc(100%% - 2px));width:2px;height:14px;background:#555"></div></div></td>%s%.4g</td></tr>`,
			htmlCell, label, htmlBar, pos(v), htmlCell, v)
	}
	marker("base value", base)
	cum = base
	for _, l := range lines {
		left, colour := pos(math.Min(cum, cum+l.phi)), htmlRed
		if l.phi < 0 {
			colour = htmlBlue
		}
		label := l.name
		if l.value != "" {
			label += " = " + l.value
		}
		fmt.Fprintf(b, `<tr>%s%s</td>%s<div style="position:absolute;left:%.2f%%;width:%.2f%%;min-width:1px;height:14px;background:%s"></div></div></td>%s<span style="color:%s">%+.4g</span></td></tr>`,
			htmlLabel, labelDiv(label), htmlBar, left, 100*math.Abs(l.phi)/span, colour, htmlCell, colour, l.phi)
		cum += l.phi
	}
	marker("f(x)", fx)
	b.WriteString("</table>")
}

func (e *Explanation) importanceHTML(b *strings.Builder, o int, out string) {
	imp, _ := e.MeanAbs(o)
	order := orderByMagnitude(imp)
	top := 0.0
	if len(order) > 0 {
		top = imp[order[0]]
	}
	if top == 0 {
		top = 1
	}
	fmt.Fprintf(b, `<p><b>%s</b> — mean |%s value| over %d rows (%s space)</p>`, html.EscapeString(out), html.EscapeString(e.Method), len(e.Values), html.EscapeString(e.Link))
	b.WriteString(htmlTable)
	for _, j := range order {
		fmt.Fprintf(b, `<tr>%s%s</td>%s<div style="width:%.2f%%;height:14px;background:%s"></div></div></td>%s%.4g</td></tr>`,
			htmlLabel, labelDiv(e.FeatureNames[j]), htmlBar, 100*imp[j]/top, htmlBlue, htmlCell, imp[j])
	}
	b.WriteString("</table>")
}

// renderLine is one contribution of a rendered row.
type renderLine struct {
	name, value string
	phi         float64
}

// rowLines lists a row's contributions for one output by decreasing
// |value|; beyond renderTop the rest are summed into one line.
func (e *Explanation) rowLines(r, o int) []renderLine {
	vals := make([]float64, len(e.Values[r]))
	for j, v := range e.Values[r] {
		vals[j] = v[o]
	}
	var lines []renderLine
	rest, nRest := 0.0, 0
	for i, j := range orderByMagnitude(vals) {
		if i >= renderTop {
			rest += vals[j]
			nRest++
			continue
		}
		name := e.FeatureNames[j]
		if e.Surrogates != nil { // LIME: the condition the surrogate tests
			name = e.Surrogates[r][o].Conditions[j]
		}
		lines = append(lines, renderLine{name: name, value: e.playerValue(r, j), phi: vals[j]})
	}
	if nRest > 0 {
		lines = append(lines, renderLine{name: fmt.Sprintf("%d other features", nRest), phi: rest})
	}
	return lines
}

// playerValue formats the input value of player j in row r, or "" for a
// group of several columns.
func (e *Explanation) playerValue(r, j int) string {
	col := j
	if e.Groups != nil {
		if len(e.Groups[j]) != 1 {
			return ""
		}
		col = e.Groups[j][0]
	}
	if r >= len(e.Data) || col >= len(e.Data[r]) {
		return ""
	}
	return valueLabel(e.Data[r][col], e.Categories, col)
}

// valueLabel shows value v of column col: its category's name when
// categories name col's codes, else the number formatted for reading.
func valueLabel(v float64, categories [][]string, col int) string {
	if col < len(categories) && categories[col] != nil {
		if k := int(math.Round(v)); k >= 0 && k < len(categories[col]) {
			return categories[col][k]
		}
	}
	return formatNumber(v)
}

// labelDiv is a feature label in HTML that is cut with an ellipsis at
// 260 px, so long names never run into the bars; the full text is its
// tooltip.
func labelDiv(label string) string {
	l := html.EscapeString(label)
	return `<div style="max-width:260px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap" title="` + l + `">` + l + `</div>`
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
