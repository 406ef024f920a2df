package reports

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/internal/numfmt"
	"github.com/glassbox-ml/glassbox/kernel"
)

// This file draws explanations (explain.Explanation) as static SVG charts,
// each for one output k: Waterfall (one row), Importance, Beeswarm,
// Dependence and AttributionHeatmap (many rows). Each returns a
// kernel.Output with the SVG and a plain-text fallback; an explanation
// that cannot be drawn (nil, k or row out of range, ragged arrays) gives a
// text-only Output saying why, never a panic.

// Colours of positive and negative contributions, as in explain's HTML
// views: red raises the output, blue lowers it.
const (
	colorUp   = "#e8384f"
	colorDown = "#1e88e5"
	colorGrey = "#9e9e9e"
)

// Display limits.
const (
	waterfallTop   = 9    // bars of a waterfall before the rest is folded
	importanceTop  = 15   // bars of Importance
	beeswarmTop    = 12   // rows of Beeswarm
	heatmapTop     = 15   // feature rows of AttributionHeatmap
	maxSampleRows  = 1000 // rows a many-row chart draws at most
	heatmapMaxCols = 400  // row columns of AttributionHeatmap at most
)

// checkExplanation reports why e cannot be drawn for output k, or "".
// It checks the shapes every chart indexes.
func checkExplanation(e *explain.Explanation, k int) string {
	if e == nil {
		return "no explanation"
	}
	if k < 0 || k >= len(e.OutputNames) {
		return fmt.Sprintf("output %d out of range [0,%d)", k, len(e.OutputNames))
	}
	nf := len(e.FeatureNames)
	if len(e.BaseValues) < len(e.Values) {
		return "explanation has fewer base values than rows"
	}
	for r, row := range e.Values {
		if len(row) != nf {
			return fmt.Sprintf("row %d has %d values for %d features", r, len(row), nf)
		}
		for _, v := range row {
			if len(v) <= k {
				return fmt.Sprintf("row %d has no value for output %d", r, k)
			}
		}
		if len(e.BaseValues[r]) <= k {
			return fmt.Sprintf("row %d has no base value for output %d", r, k)
		}
	}
	return ""
}

// valueNames are the English and Chinese names of what a method's values
// are, for axis titles.
func valueNames(e *explain.Explanation) (string, string) {
	switch e.Method {
	case "exact", "kernel", "permutation", "linear":
		return "SHAP value", "SHAP 值"
	case "lime":
		return "LIME contribution", "LIME 贡献"
	}
	return "attribution", "归因值"
}

// outputLabel is the x-axis title of a chart in the output's units.
func outputLabel(e *explain.Explanation, k int) string {
	s := e.OutputNames[k] + " — model output / 模型输出"
	switch e.Link {
	case "logit":
		s = e.OutputNames[k] + " — log-odds / 对数几率"
	case "", "identity":
	default:
		s += " (" + e.Link + ")"
	}
	return s
}

// column returns the data column of player j, or -1 when it is a group of
// several columns or the data does not have it.
func column(e *explain.Explanation, j int) int {
	col := j
	if e.Groups != nil {
		if j >= len(e.Groups) || len(e.Groups[j]) != 1 {
			return -1
		}
		col = e.Groups[j][0]
	}
	return col
}

// dataValue returns the value of player j in row r and whether it has one.
func dataValue(e *explain.Explanation, r, j int) (float64, bool) {
	col := column(e, j)
	if col < 0 || r >= len(e.Data) || col >= len(e.Data[r]) {
		return 0, false
	}
	return e.Data[r][col], true
}

// categories returns the category names of player j's column, or nil.
func categories(e *explain.Explanation, j int) []string {
	col := column(e, j)
	if col < 0 || col >= len(e.Categories) {
		return nil
	}
	return e.Categories[col]
}

// valueText shows player j's value in row r in the table's units: its
// category's name, or the number as an analyst reads it; "" when unknown.
func valueText(e *explain.Explanation, r, j int) string {
	v, ok := dataValue(e, r, j)
	if !ok {
		return ""
	}
	if cats := categories(e, j); cats != nil {
		if c := int(math.Round(v)); c >= 0 && c < len(cats) && finite(v) {
			return cats[c]
		}
	}
	return tableNumber(v)
}

// tableNumber writes a value the way a table shows it: four significant
// digits below 1,000 (0.1234, 70.79), thousands separators above (59,300,
// 56,925.5), scientific notation only for the very small or large.
func tableNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "missing"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	return numfmt.Table(v)
}

// signed formats a contribution with its sign and 3 significant digits.
func signed(v float64) string {
	if v == 0 {
		return "0"
	}
	s := strconv.FormatFloat(v, 'g', 3, 64)
	if v > 0 {
		s = "+" + s
	}
	return s
}

// short formats a value with 3 significant digits.
func short(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }

// byMagnitude returns the indices of v by decreasing |v|, stable for ties.
func byMagnitude(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return math.Abs(v[idx[a]]) > math.Abs(v[idx[b]]) })
	return idx
}

// meanAbs is the mean |value| of every feature for output k over the rows.
func meanAbs(e *explain.Explanation, k int) []float64 {
	imp := make([]float64, len(e.FeatureNames))
	for _, row := range e.Values {
		for j, v := range row {
			if finite(v[k]) {
				imp[j] += math.Abs(v[k])
			}
		}
	}
	for j := range imp {
		imp[j] /= float64(max(len(e.Values), 1))
	}
	return imp
}

// waterfallBar is one bar of a waterfall, kept for tests: the geometry
// the chart draws.
type waterfallBar struct {
	label    string
	from, to float64
	phi      float64
}

// waterfallBars lays out row r of output k bottom-up: the last bar starts
// at the base value, each bar starts where the one under it ended, and the
// top one ends at f(x). The bars are the top features by |value|, largest
// on top, the rest folded into "N other features" at the bottom.
func waterfallBars(e *explain.Explanation, r, k int) (bars []waterfallBar, base, fx float64) {
	vals := make([]float64, len(e.FeatureNames))
	for j := range vals {
		vals[j] = e.Values[r][j][k]
	}
	sur := surrogate(e, r, k)
	order := byMagnitude(vals)
	shown := order
	if len(order) > waterfallTop+1 {
		shown = order[:waterfallTop]
	}
	for _, j := range shown {
		bars = append(bars, waterfallBar{label: rowLabel(e, sur, r, j), phi: vals[j]})
	}
	if rest := order[len(shown):]; len(rest) > 0 {
		sum := 0.0
		for _, j := range rest {
			sum += vals[j]
		}
		bars = append(bars, waterfallBar{label: fmt.Sprintf("%d other features / 其他 %d 个特征", len(rest), len(rest)), phi: sum})
	}
	base = e.BaseValues[r][k]
	cum := base
	for i := len(bars) - 1; i >= 0; i-- {
		bars[i].from = cum
		cum += bars[i].phi
		bars[i].to = cum
	}
	return bars, base, cum
}

// surrogate returns LIME's surrogate of row r, output k, or nil.
func surrogate(e *explain.Explanation, r, k int) *explain.Surrogate {
	if e.Method == "lime" && r < len(e.Surrogates) && k < len(e.Surrogates[r]) {
		return &e.Surrogates[r][k]
	}
	return nil
}

// rowLabel names player j in row r: LIME's condition, or the feature's
// name and its value in the table's units ("income = 59,300").
func rowLabel(e *explain.Explanation, sur *explain.Surrogate, r, j int) string {
	if sur != nil && j < len(sur.Conditions) && sur.Conditions[j] != "" {
		return sur.Conditions[j]
	}
	if v := valueText(e, r, j); v != "" {
		return e.FeatureNames[j] + " = " + v
	}
	return e.FeatureNames[j]
}

// Waterfall draws why row got its prediction for output k: a bar per
// contribution from the base value E[f(X)] (marked under the axis) to
// f(x) = base + Σ values (marked above), the largest on top, the smallest
// beyond the top 9 folded into "N other features". Bars are labelled with
// the feature's value in the table's units ("income = 59,300",
// "channel = web") and the signed contribution; red raises the output,
// blue lowers it. For LIME, bars are labelled with the surrogate's
// conditions and the subtitle gives its local prediction, the model's
// prediction and the fidelity.
func Waterfall(e *explain.Explanation, row, k int) kernel.Output {
	c, text, msg := waterfallChart(e, row, k)
	if msg != "" {
		return kernel.Output{Text: "waterfall: " + msg}
	}
	return figure(1, text, c)
}

// checkRow reports why row of e cannot be drawn for output k, or "".
func checkRow(e *explain.Explanation, row, k int) string {
	if msg := checkExplanation(e, k); msg != "" {
		return msg
	}
	if row < 0 || row >= len(e.Values) {
		return fmt.Sprintf("row %d out of range [0,%d)", row, len(e.Values))
	}
	for j, v := range e.Values[row] {
		if !finite(v[k]) {
			return fmt.Sprintf("row %d has no finite value for %s", row, e.FeatureNames[j])
		}
	}
	if !finite(e.BaseValues[row][k]) {
		return fmt.Sprintf("row %d has no finite base value", row)
	}
	return ""
}

// waterfallChart builds Waterfall's chart and text, or says why it cannot.
func waterfallChart(e *explain.Explanation, row, k int) (*BarChart, string, string) {
	if msg := checkRow(e, row, k); msg != "" {
		return nil, "", msg
	}
	bars, base, fx := waterfallBars(e, row, k)
	out := e.OutputNames[k]
	en, zh := valueNames(e)
	c := &BarChart{
		Title:   fmt.Sprintf("Why row %d gets %s = %s / 第 %d 行的预测解释", row, out, short(fx), row),
		XLabel:  outputLabel(e, k),
		YLabel:  "feature / 特征",
		Connect: true,
	}
	baseName, fxName := "E[f(X)]", "f(x)"
	var text strings.Builder
	switch {
	case e.Method == "lime" && row < len(e.Surrogates) && k < len(e.Surrogates[row]):
		s := e.Surrogates[row][k]
		baseName, fxName = "intercept", "surrogate f(x)"
		c.Subtitle = fmt.Sprintf("LIME surrogate: local prediction %s · model %s · fidelity R² %.2f / 局部预测 · 模型预测 · 拟合度",
			short(s.LocalPrediction), short(s.ModelPrediction), s.Fidelity)
		fmt.Fprintf(&text, "LIME explanation of %s for row %d (surrogate prediction %s, model %s, fidelity R² %.3f)\n",
			out, row, short(s.LocalPrediction), short(s.ModelPrediction), s.Fidelity)
	case e.Method == explain.MethodIntegratedGradients:
		baseName, fxName = "f(x′)", "f(x′) + Σ IG"
		c.Subtitle = fmt.Sprintf("Integrated Gradients: %d features, bars add up from the baseline's f(x′) / 从基线 f(x′) 累加", len(e.FeatureNames))
		fmt.Fprintf(&text, "%s explanation of %s for row %d\n", e.Method, out, row)
	default:
		c.Subtitle = fmt.Sprintf("%s %ss (%s space): %d features, bars add up from E[f(X)] to f(x) / 从基准值累加到预测值",
			e.Method, en, linkName(e), len(e.FeatureNames))
		fmt.Fprintf(&text, "%s explanation of %s for row %d (%s space)\n", e.Method, out, row, linkName(e))
	}
	c.Markers = []Marker{
		{X: base, Label: fmt.Sprintf("%s = %s", baseName, short(base)), Below: true},
		{X: fx, Label: fmt.Sprintf("%s = %s", fxName, short(fx)), Color: "#222"},
	}
	fmt.Fprintf(&text, "%-40s %12s\n", baseName, short(base))
	for _, b := range bars {
		c.Bars = append(c.Bars, Bar{Label: b.label, From: b.from, To: b.to, Color: signColor(b.phi), Text: signed(b.phi),
			Title: fmt.Sprintf("%s\n%s: %s", b.label, en+" / "+zh, signed(b.phi))})
		fmt.Fprintf(&text, "%-40s %12s\n", clipText(b.label, 40), signed(b.phi))
	}
	fmt.Fprintf(&text, "%-40s %12s", fxName, short(fx))
	return c, text.String(), ""
}

// signColor is red for a contribution that raises the output, blue for
// one that lowers it.
func signColor(v float64) string {
	if v < 0 {
		return colorDown
	}
	return colorUp
}

func linkName(e *explain.Explanation) string {
	if e.Link == "" {
		return "identity"
	}
	return e.Link
}

func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// importanceSE is the standard error of feature j's mean |value| from the
// explainer's Monte-Carlo errors: sqrt(Σ_r se_r²) / R, treating the rows'
// errors as independent (|·| moves a value's error at most one for one).
// It is NaN when StdErr does not cover the feature.
func importanceSE(e *explain.Explanation, j, k int) float64 {
	if e.StdErr == nil || len(e.StdErr) != len(e.Values) || len(e.Values) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, row := range e.StdErr {
		if j >= len(row) || k >= len(row[j]) || !finite(row[j][k]) {
			return math.NaN()
		}
		s += row[j][k] * row[j][k]
	}
	return math.Sqrt(s) / float64(len(e.Values))
}

// Importance draws the global importance of the features for output k:
// the mean |value| over the explained rows, the top 15 largest first,
// with ±1 standard-error whiskers when the explanation has standard
// errors (see importanceSE).
func Importance(e *explain.Explanation, k int) kernel.Output {
	if msg := checkExplanation(e, k); msg != "" {
		return kernel.Output{Text: "importance: " + msg}
	}
	imp := meanAbs(e, k)
	order := byMagnitude(imp)
	shown := order[:min(len(order), importanceTop)]
	en, zh := valueNames(e)
	c := &BarChart{
		Title:    fmt.Sprintf("Feature importance for %s / 特征重要性", e.OutputNames[k]),
		Subtitle: fmt.Sprintf("%d rows (%s space); top %d of %d features", len(e.Values), linkName(e), len(shown), len(order)),
		XLabel:   fmt.Sprintf("mean |%s| / 平均 |%s|", en, zh),
		YLabel:   "feature / 特征",
	}
	var text strings.Builder
	fmt.Fprintf(&text, "mean |%s| of %s over %d rows (%s space)\n", en, e.OutputNames[k], len(e.Values), linkName(e))
	hasSE := false
	for _, j := range shown {
		bar := Bar{Label: e.FeatureNames[j], From: 0, To: imp[j], Color: colorDown, Text: short(imp[j])}
		line := fmt.Sprintf("%-32s %10s", clipText(e.FeatureNames[j], 32), short(imp[j]))
		if se := importanceSE(e, j, k); finite(se) {
			hasSE = true
			bar.ErrLo, bar.ErrHi = max(imp[j]-se, 0), imp[j]+se
			bar.Text += " ± " + strconv.FormatFloat(se, 'g', 2, 64)
			line += " ± " + strconv.FormatFloat(se, 'g', 2, 64)
		}
		bar.Title = e.FeatureNames[j] + "\n" + bar.Text
		c.Bars = append(c.Bars, bar)
		text.WriteString(line + "\n")
	}
	if hasSE {
		c.Subtitle += "; whiskers ±1 standard error / 误差线: 标准误"
	}
	if n := len(order) - len(shown); n > 0 {
		fmt.Fprintf(&text, "(%d more features)\n", n)
	}
	return figure(1, strings.TrimRight(text.String(), "\n"), c)
}
