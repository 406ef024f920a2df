package explain

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Text renders the importances as a table, most important first:
// mean ± standard deviation of the metric's drop over the repeats.
func (p *PermutationImportance) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "permutation importance: drop in %s when a feature is shuffled (baseline %.4g, seed %d)\n", p.Metric, p.Baseline, p.Seed)
	for _, j := range decreasing(p.Mean) {
		fmt.Fprintf(&b, "%-28s %10.4g ± %.2g\n", clip(p.FeatureNames[j], 28), p.Mean[j], p.Std[j])
	}
	return b.String()
}

// HTML renders the importances as a bar list with ±1 standard deviation
// whiskers, most important first (self-contained: inline styles, no scripts).
// A negative mean — shuffling helped — is drawn as an empty bar.
func (p *PermutationImportance) HTML() string {
	var b strings.Builder
	top := 0.0
	for j, m := range p.Mean {
		top = math.Max(top, m+p.Std[j])
	}
	if top <= 0 {
		top = 1
	}
	b.WriteString(`<div style="font-family:sans-serif;font-size:13px;max-width:900px">`)
	fmt.Fprintf(&b, `<p><b>Permutation importance</b> — drop in %s when a feature's column is shuffled (baseline %.4g; mean ± std over repeats)</p>`,
		html.EscapeString(p.Metric), p.Baseline)
	b.WriteString(htmlTable)
	for _, j := range decreasing(p.Mean) {
		w := 100 * math.Max(p.Mean[j], 0) / top
		lo := 100 * math.Max(p.Mean[j]-p.Std[j], 0) / top
		hi := 100 * math.Max(p.Mean[j]+p.Std[j], 0) / top
		fmt.Fprintf(&b, `<tr>%s%s</td>%s<div style="position:absolute;width:%.2f%%;height:14px;background:%s"></div>`+
			`<div style="position:absolute;left:%.2f%%;width:%.2f%%;top:6px;height:2px;background:#333"></div></div></td>%s%.4g ± %.2g</td></tr>`,
			htmlLabel, labelDiv(p.FeatureNames[j]), htmlBar, w, htmlBlue, lo, math.Max(hi-lo, 0), htmlCell, p.Mean[j], p.Std[j])
	}
	b.WriteString("</table></div>")
	return b.String()
}

// Text renders the partial dependence curve as a table of grid values and
// averages.
func (r *PartialDependenceResult) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "partial dependence of output %d on %s (%d ICE curves)\n", r.Output, r.Name, len(r.ICE))
	fmt.Fprintf(&b, "%14s %14s\n", r.Name, "average f")
	for g, x := range r.Grid {
		fmt.Fprintf(&b, "%14.6g %14.6g\n", x, r.Average[g])
	}
	return b.String()
}

// SVG draws the partial dependence (thick line) over at most maxICE of the
// ICE curves (thin grey lines), with the grid on the x axis and the model
// output on the y axis. It is a standalone SVG document.
func (r *PartialDependenceResult) SVG(maxICE int) string {
	const w, h, left, right, top, bottom = 520.0, 300.0, 60.0, 16.0, 28.0, 44.0
	if len(r.Grid) == 0 {
		return ""
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	curves := r.ICE
	if maxICE >= 0 && len(curves) > maxICE {
		curves = curves[:maxICE]
	}
	for _, c := range append(curves, r.Average) {
		for _, v := range c {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi == lo {
		lo, hi = lo-0.5, hi+0.5
	}
	x0, x1 := r.Grid[0], r.Grid[len(r.Grid)-1]
	if x1 == x0 {
		x0, x1 = x0-0.5, x1+0.5
	}
	px := func(x float64) float64 { return left + (w-left-right)*(x-x0)/(x1-x0) }
	py := func(y float64) float64 { return h - bottom - (h-top-bottom)*(y-lo)/(hi-lo) }
	path := func(c []float64) string {
		var p strings.Builder
		for g, v := range c {
			cmd := "L"
			if g == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&p, "%s%.1f,%.1f ", cmd, px(r.Grid[g]), py(v))
		}
		return p.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="11">`, w, h)
	fmt.Fprintf(&b, `<text x="%.0f" y="16" font-size="13" font-weight="bold">Partial dependence on %s</text>`, left, html.EscapeString(r.Name))
	for _, c := range curves {
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#9e9e9e" stroke-opacity="0.35" stroke-width="1"/>`, path(c))
	}
	fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="3"/>`, path(r.Average), htmlBlue)
	// Axes with three ticks each.
	fmt.Fprintf(&b, `<path d="M%.0f,%.0f V%.0f H%.0f" fill="none" stroke="#333"/>`, left, top, h-bottom, w-right)
	for i := 0; i <= 2; i++ {
		x := x0 + (x1-x0)*float64(i)/2
		y := lo + (hi-lo)*float64(i)/2
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`, px(x), h-bottom+16, tick(x))
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%s</text>`, left-6, py(y)+4, tick(y))
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">%s</text>`, (left+w-right)/2, h-8, html.EscapeString(r.Name))
	fmt.Fprintf(&b, `<text transform="translate(14,%.0f) rotate(-90)" text-anchor="middle">output %d</text>`, (top+h-bottom)/2, r.Output)
	b.WriteString(`</svg>`)
	return b.String()
}

// HTML is the SVG chart with 50 ICE curves, in a div.
func (r *PartialDependenceResult) HTML() string { return "<div>" + r.SVG(50) + "</div>" }

// tick formats an axis label compactly.
func tick(v float64) string { return fmt.Sprintf("%.3g", v) }
