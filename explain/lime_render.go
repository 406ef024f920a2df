package explain

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Text renders the explanation as a plain table: the model's and the
// surrogate's predictions, the fidelity, then one line per kept feature with
// its condition and weight.
func (e *LIMEExplanation) Text() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "LIME, row %d, output %d: model %.4f, surrogate %.4f, intercept %.4f, fidelity R² %.3f\n",
		e.Row, e.Output, e.ModelPrediction, e.LocalPrediction, e.Intercept, e.Fidelity)
	fmt.Fprintf(&b, "(%d samples, kernel width %.3f, seed %d)\n", e.Samples, e.KernelWidth, e.Seed)
	width := len("feature")
	for _, f := range e.Features {
		width = max(width, len(f.Description))
	}
	fmt.Fprintf(&b, "%-*s  %10s  %10s\n", width, "feature", "value", "weight")
	for _, f := range e.Features {
		fmt.Fprintf(&b, "%-*s  %10s  %+10.4f\n", width, f.Description, valueLabel(f.Value, e.Categories, f.Index), f.Weight)
	}
	return b.String()
}

// HTML renders the explanation as a self-contained HTML fragment: a summary
// line and a table whose bars show each weight (red raises the output, blue
// lowers it, as in the SHAP views), scaled to the largest |weight|.
func (e *LIMEExplanation) HTML() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<div class="glassbox-lime">`)
	fmt.Fprintf(&b, `<p><b>LIME</b>, row %d, output %d: model <b>%.4f</b>, surrogate <b>%.4f</b> (intercept %.4f), fidelity R² <b>%.3f</b>; %d samples, seed %d.</p>`,
		e.Row, e.Output, e.ModelPrediction, e.LocalPrediction, e.Intercept, e.Fidelity, e.Samples, e.Seed)
	b.WriteString(`<table style="border-collapse:collapse"><tr><th style="text-align:left">feature</th><th>value</th><th>weight</th><th></th></tr>`)
	top := 0.0
	for _, f := range e.Features {
		top = math.Max(top, math.Abs(f.Weight))
	}
	for _, f := range e.Features {
		color := htmlRed
		if f.Weight < 0 {
			color = htmlBlue
		}
		px := 0
		if top > 0 {
			px = int(math.Round(150 * math.Abs(f.Weight) / top))
		}
		fmt.Fprintf(&b, `<tr><td>%s</td><td style="text-align:right">%s</td><td style="text-align:right">%+.4f</td><td><div style="background:%s;width:%dpx;height:10px"></div></td></tr>`,
			html.EscapeString(f.Description), html.EscapeString(valueLabel(f.Value, e.Categories, f.Index)), f.Weight, color, px)
	}
	b.WriteString(`</table></div>`)
	return b.String()
}
