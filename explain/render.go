package explain

import (
	"fmt"
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
		e.meanAbsText(&b, o, len(e.Values), imp)
	}
	return b.String()
}

// meanAbsText writes Text's table of the mean |value| imp of output o over
// rows rows.
func (e *Explanation) meanAbsText(b *strings.Builder, o, rows int, imp []float64) {
	fmt.Fprintf(b, "%s explanation of %s over %d rows: mean |value| (%s space)\n", e.Method, e.OutputNames[o], rows, e.Link)
	for _, j := range orderByMagnitude(imp) {
		fmt.Fprintf(b, "%-28s %12.6g\n", clip(e.FeatureNames[j], 28), imp[j])
	}
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

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
