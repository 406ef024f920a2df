package reports

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
)

// This file draws the global views of package explain that are not
// attributions of rows — partial dependence with ICE curves and
// permutation importance — and the agreement of two explanations of the
// same rows.

// Display limits.
const (
	pdpMaxICE     = 100  // ICE curves a partial dependence plot draws by default
	permTop       = 15   // bars of PermutationImportance
	agreementTop  = 9    // features of Agreement with a colour of their own
	agreementDots = 2000 // dots of Agreement at most
)

// PDPView says how to draw a partial dependence result.
type PDPView struct {
	// Values are the feature's values in the rows the curves were
	// computed on, drawn as a histogram strip along the x axis; nil: none.
	Values []float64
	// Categories names the feature's category codes: the grid is then
	// drawn as points at the named categories instead of a line.
	Categories []string
	// OutputName names the output on the y axis; "" says "output k".
	OutputName string
	// MaxICE is the most ICE curves drawn, evenly spaced over the rows;
	// 0 means 100, a negative value none.
	MaxICE int
}

// PartialDependence draws a partial dependence result (from
// explain.PartialDependence): the average over the rows (bold, blue)
// over the ICE curves of single rows (thin, grey), with the feature's
// values as a histogram strip along the x axis. A categorical feature
// (v.Categories) is drawn as points at its categories.
func PartialDependence(r *explain.PartialDependenceResult, v PDPView) kernel.Output {
	if r == nil || len(r.Grid) == 0 || len(r.Average) != len(r.Grid) {
		return kernel.Output{Text: "partial dependence: no curve"}
	}
	for i, c := range r.ICE {
		if len(c) != len(r.Grid) {
			return kernel.Output{Text: fmt.Sprintf("partial dependence: ICE curve %d has %d points for a grid of %d", i, len(c), len(r.Grid))}
		}
	}
	out := v.OutputName
	if out == "" {
		out = fmt.Sprintf("output %d", r.Output)
	}
	maxICE := v.MaxICE
	if maxICE == 0 {
		maxICE = pdpMaxICE
	}
	ice := []int(nil)
	if maxICE > 0 {
		ice = sampleRows(len(r.ICE), maxICE)
	}
	cat := v.Categories != nil
	c := &Chart{
		Title:    fmt.Sprintf("Partial dependence of %s on %s / 部分依赖图", out, r.Name),
		Subtitle: fmt.Sprintf("average of %d rows (bold) over %d ICE curves (grey) / 平均与个体曲线", len(r.ICE), len(ice)),
		XLabel:   r.Name + " — value / 特征值",
		YLabel:   out + " — model output / 模型输出",
		Width:    640,
		Height:   340,
	}
	if cat {
		c.XNames = v.Categories
		c.Subtitle = fmt.Sprintf("average of %d rows (large dots) over %d rows (grey) / 平均与各行取值", len(r.ICE), len(ice))
	} else {
		c.Rug = v.Values
	}
	for n, i := range ice {
		s := Series{Name: fmt.Sprintf("row %d", i), NoLegend: true, X: r.Grid, Y: r.ICE[i], Color: colorGrey, NoDots: true, Width: 0.8, Opacity: 0.35}
		if n == 0 {
			s.Name, s.NoLegend = "ICE: one row / 单行", false
		}
		s.Scatter = cat
		c.Series = append(c.Series, s)
	}
	tips := make([]string, len(r.Grid))
	for g, x := range r.Grid {
		tips[g] = fmt.Sprintf("%s = %s\naverage %s: %s", r.Name, gridName(x, v.Categories), out, formatValue(r.Average[g]))
	}
	c.Series = append(c.Series, Series{Name: "average (partial dependence) / 平均", X: r.Grid, Y: r.Average, Color: colorDown,
		Width: 3, Scatter: cat, Tips: tips})
	var text strings.Builder
	fmt.Fprintf(&text, "partial dependence of %s on %s (%d ICE curves)\n", out, r.Name, len(r.ICE))
	fmt.Fprintf(&text, "%-20s %14s\n", clipText(r.Name, 20), "average")
	for g, x := range r.Grid {
		fmt.Fprintf(&text, "%-20s %14s\n", clipText(gridName(x, v.Categories), 20), formatValue(r.Average[g]))
	}
	return figure(1, strings.TrimRight(text.String(), "\n"), c)
}

// gridName is a grid value as the table shows it: its category's name, or
// the number.
func gridName(x float64, cats []string) string {
	if c := int(math.Round(x)); cats != nil && c >= 0 && c < len(cats) {
		return cats[c]
	}
	return tableNumber(x)
}

// PermutationImportance draws a permutation importance result (from
// explain.PermutationFeatureImportance): a bar per feature, the top 15 by
// mean drop of the metric when the feature's column is shuffled, with ±1
// standard deviation whiskers over the repeats. A negative mean — shuffling
// helped, the feature is noise to the model — is drawn grey, leftwards.
func PermutationImportance(p *explain.PermutationImportance) kernel.Output {
	if p == nil || len(p.Mean) == 0 || len(p.Std) != len(p.Mean) || len(p.FeatureNames) != len(p.Mean) {
		return kernel.Output{Text: "permutation importance: no result"}
	}
	order := decreasingOrder(p.Mean)
	shown := order[:min(len(order), permTop)]
	c := &BarChart{
		Title: fmt.Sprintf("Permutation importance: drop in %s / 置换重要性", p.Metric),
		Subtitle: fmt.Sprintf("baseline %s %s; mean ± std over %d shuffles; top %d of %d features / 均值 ± 标准差",
			p.Metric, formatValue(p.Baseline), repeats(p), len(shown), len(order)),
		XLabel:   fmt.Sprintf("drop in %s when shuffled / 打乱后的下降", p.Metric),
		YLabel:   "feature / 特征",
		ZeroLine: true,
	}
	var text strings.Builder
	fmt.Fprintf(&text, "permutation importance: drop in %s when a feature is shuffled (baseline %s, seed %d)\n", p.Metric, formatValue(p.Baseline), p.Seed)
	for _, j := range shown {
		m, sd := p.Mean[j], p.Std[j]
		color := colorDown
		if m < 0 {
			color = colorGrey
		}
		txt := short(m) + " ± " + strconv.FormatFloat(sd, 'g', 2, 64)
		bar := Bar{Label: p.FeatureNames[j], From: 0, To: m, Color: color, Text: txt, Title: p.FeatureNames[j] + "\n" + txt}
		if finite(sd) && sd > 0 {
			bar.ErrLo, bar.ErrHi = m-sd, m+sd
		}
		c.Bars = append(c.Bars, bar)
		fmt.Fprintf(&text, "%-32s %10s ± %s\n", clipText(p.FeatureNames[j], 32), short(m), strconv.FormatFloat(sd, 'g', 2, 64))
	}
	if n := len(order) - len(shown); n > 0 {
		fmt.Fprintf(&text, "(%d more features)\n", n)
	}
	return figure(1, strings.TrimRight(text.String(), "\n"), c)
}

// repeats is the number of shuffles per feature of p.
func repeats(p *explain.PermutationImportance) int {
	if len(p.Drops) > 0 {
		return len(p.Drops[0])
	}
	return 0
}

// decreasingOrder returns the indices of v by decreasing value, stable for
// ties, NaN last.
func decreasingOrder(v []float64) []int {
	w := make([]float64, len(v))
	for i, x := range v {
		w[i] = x
		if math.IsNaN(x) {
			w[i] = math.Inf(-1)
		}
	}
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return w[idx[a]] > w[idx[b]] })
	return idx
}

// agreementColors are the palette without its grey, which marks the
// other features.
var agreementColors = []string{Palette[0], Palette[1], Palette[2], Palette[3], Palette[4], Palette[5], Palette[6], Palette[8], Palette[9]}

// agreementStats are the numbers Agreement states: the Spearman rank
// correlation of all (row, feature) pairs, the mean over rows of the
// per-row rank correlation of |values|, and per feature the correlation of
// the two methods' values over the rows.
type agreementStats struct {
	spearman     float64
	rowSpearman  float64
	featurePairs []float64 // per feature, Pearson over the rows
}

// spearman is the rank correlation of a and b.
func spearman(a, b []float64) float64 { return pearson(ranks(a), ranks(b)) }

func agreementOf(a, b *explain.Explanation, k int, rows []int) agreementStats {
	var st agreementStats
	var xa, xb []float64
	n := 0
	for _, r := range rows {
		ra, rb := make([]float64, len(a.FeatureNames)), make([]float64, len(a.FeatureNames))
		for j := range a.FeatureNames {
			va, vb := a.Values[r][j][k], b.Values[r][j][k]
			xa, xb = append(xa, va), append(xb, vb)
			ra[j], rb[j] = math.Abs(va), math.Abs(vb)
		}
		if len(ra) > 1 {
			st.rowSpearman += spearman(ra, rb)
			n++
		}
	}
	st.spearman = spearman(xa, xb)
	st.rowSpearman /= float64(max(n, 1))
	for j := range a.FeatureNames {
		ca, cb := make([]float64, len(rows)), make([]float64, len(rows))
		for i, r := range rows {
			ca[i], cb[i] = a.Values[r][j][k], b.Values[r][j][k]
		}
		st.featurePairs = append(st.featurePairs, pearson(ca, cb))
	}
	return st
}

// methodName names an explanation's method for axis titles.
func methodName(e *explain.Explanation) string {
	en, _ := valueNames(e)
	if e.Method == "" || e.Method == "lime" {
		return en
	}
	return e.Method + " " + en
}

// Agreement draws how two explanations of the same rows agree for output
// k — Kernel against Permutation SHAP, SHAP against LIME: a dot per row and
// feature at a's value (x) and b's value (y), the nine most important
// features (by a's mean |value|) in colours of their own and the rest grey,
// with the line y = x where they would agree exactly. The subtitle gives
// the Spearman rank correlation of all the pairs and the mean over rows of
// the rank correlation of |values| (do they rank a row's features alike);
// the text lists the correlation of every feature. At most 2000 dots are
// drawn (rows evenly spaced). The explanations must have the same rows
// and features; their values need not be on one scale (LIME's are not
// SHAP values), which the rank correlations allow for.
func Agreement(a, b *explain.Explanation, k int) kernel.Output {
	for _, e := range []*explain.Explanation{a, b} {
		if msg := checkExplanation(e, k); msg != "" {
			return kernel.Output{Text: "agreement: " + msg}
		}
	}
	if len(a.Values) != len(b.Values) || len(a.FeatureNames) != len(b.FeatureNames) {
		return kernel.Output{Text: fmt.Sprintf("agreement: %d rows × %d features against %d × %d: not the same rows and features",
			len(a.Values), len(a.FeatureNames), len(b.Values), len(b.FeatureNames))}
	}
	for j, n := range a.FeatureNames {
		if b.FeatureNames[j] != n {
			return kernel.Output{Text: fmt.Sprintf("agreement: feature %d is %q in one explanation and %q in the other", j, n, b.FeatureNames[j])}
		}
	}
	if len(a.Values) == 0 || len(a.FeatureNames) == 0 {
		return kernel.Output{Text: "agreement: no rows or no features"}
	}
	rows := sampleRows(len(a.Values), max(1, agreementDots/len(a.FeatureNames)))
	st := agreementOf(a, b, k, rows)
	na, nb := methodName(a), methodName(b)
	c := &Chart{
		Title: fmt.Sprintf("Agreement of two explanations of %s / 两种解释的一致性", a.OutputNames[k]),
		Subtitle: fmt.Sprintf("%d rows × %d features; Spearman ρ %.2f over all pairs, %.2f per row (ranking |values|) / 秩相关",
			len(rows), len(a.FeatureNames), st.spearman, st.rowSpearman),
		XLabel: na,
		YLabel: nb,
		Width:  600,
		Height: 440,
	}
	order := byMagnitude(meanAbs(a, k))
	lo, hi := math.Inf(1), math.Inf(-1)
	series := func(name string, color string, features []int) Series {
		s := Series{Name: name, Color: color, Scatter: true}
		for _, j := range features {
			for _, r := range rows {
				x, y := a.Values[r][j][k], b.Values[r][j][k]
				if !finite(x) || !finite(y) {
					continue
				}
				lo, hi = min(lo, x, y), max(hi, x, y)
				s.X, s.Y = append(s.X, x), append(s.Y, y)
				s.Tips = append(s.Tips, fmt.Sprintf("%s, row %d\n%s: %s\n%s: %s", a.FeatureNames[j], r, na, signed(x), nb, signed(y)))
			}
		}
		return s
	}
	top := order[:min(len(order), agreementTop)]
	for i, j := range top {
		c.Series = append(c.Series, series(a.FeatureNames[j], agreementColors[i%len(agreementColors)], []int{j}))
	}
	if rest := order[len(top):]; len(rest) > 0 {
		c.Series = append(c.Series, series(fmt.Sprintf("%d other features / 其他特征", len(rest)), colorGrey, rest))
	}
	if lo <= hi {
		c.Series = append(c.Series, Series{Name: "y = x: full agreement / 完全一致", X: []float64{lo, hi}, Y: []float64{lo, hi},
			Color: "#555", Dashed: true, NoDots: true, Width: 1})
	}
	var text strings.Builder
	fmt.Fprintf(&text, "agreement of %s and %s on %s, %d rows × %d features: Spearman ρ %.3f over all pairs, %.3f per row\n",
		na, nb, a.OutputNames[k], len(rows), len(a.FeatureNames), st.spearman, st.rowSpearman)
	fmt.Fprintf(&text, "%-32s %10s %10s %8s\n", "feature", "mean |a|", "mean |b|", "r")
	ib := meanAbs(b, k)
	ia := meanAbs(a, k)
	for _, j := range order {
		fmt.Fprintf(&text, "%-32s %10s %10s %8.2f\n", clipText(a.FeatureNames[j], 32), short(ia[j]), short(ib[j]), st.featurePairs[j])
	}
	return figure(1, strings.TrimRight(text.String(), "\n"), c)
}
