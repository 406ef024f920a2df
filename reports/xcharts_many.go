package reports

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
)

// valueStops colour a feature's value from low (blue) to high (red).
var valueStops = []string{colorDown, "#8e5fb6", colorUp}

// sampleRows returns at most n row indices of rows, evenly spaced and in
// order: the same rows every time.
func sampleRows(rows, n int) []int {
	m := min(rows, n)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i * rows / m
	}
	return idx
}

// ranks returns the rank of every value in [0, 1] (ties share their mean
// rank; 0.5 when there is one value); NaN values get NaN.
func ranks(v []float64) []float64 {
	idx := make([]int, 0, len(v))
	for i, x := range v {
		if !math.IsNaN(x) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	out := make([]float64, len(v))
	for i := range out {
		out[i] = math.NaN()
	}
	n := len(idx)
	for s := 0; s < n; {
		e := s + 1
		for e < n && v[idx[e]] == v[idx[s]] {
			e++
		}
		r := 0.5
		if n > 1 {
			r = (float64(s+e-1) / 2) / float64(n-1)
		}
		for _, i := range idx[s:e] {
			out[i] = r
		}
		s = e
	}
	return out
}

// pearson is the correlation of a and b over the pairs where both are
// finite; 0 when either is constant.
func pearson(a, b []float64) float64 {
	var n, sa, sb float64
	for i := range a {
		if finite(a[i]) && finite(b[i]) {
			n++
			sa += a[i]
			sb += b[i]
		}
	}
	if n < 2 {
		return 0
	}
	ma, mb := sa/n, sb/n
	var cab, caa, cbb float64
	for i := range a {
		if finite(a[i]) && finite(b[i]) {
			cab += (a[i] - ma) * (b[i] - mb)
			caa += (a[i] - ma) * (a[i] - ma)
			cbb += (b[i] - mb) * (b[i] - mb)
		}
	}
	if caa <= 1e-300 || cbb <= 1e-300 {
		return 0
	}
	return cab / math.Sqrt(caa*cbb)
}

// featureValues returns player j's values in the sampled rows (NaN where
// unknown) and whether j is numeric with data (not categorical, one column).
func featureValues(e *explain.Explanation, rows []int, j int) ([]float64, bool) {
	out := make([]float64, len(rows))
	numeric := categories(e, j) == nil
	for i, r := range rows {
		v, ok := dataValue(e, r, j)
		if !ok {
			v, numeric = math.NaN(), false
		}
		out[i] = v
	}
	return out, numeric
}

// rankColors colours values by their rank, low blue to high red; grey
// when not numeric or unknown.
func rankColors(v []float64, numeric bool) []string {
	out := make([]string, len(v))
	rk := ranks(v)
	for i := range v {
		out[i] = colorGrey
		if numeric && finite(rk[i]) {
			out[i] = ramp(valueStops, rk[i])
		}
	}
	return out
}

// swarmOffsets spreads the dots of one band vertically: x is cut into
// bins, and the dots of a bin (in row order) go 0, +1, −1, +2, … layers
// from the band's centre, the layer height shrinking so that the fullest
// bin stays within ±0.4 band. Deterministic.
func swarmOffsets(x []float64, lo, hi float64) []float64 {
	const bins = 140
	bin := make([]int, len(x))
	count := map[int]int{}
	layer := make([]int, len(x))
	most := 0
	for i, v := range x {
		b := 0
		if hi > lo && finite(v) {
			b = int((v - lo) / (hi - lo) * bins)
		}
		bin[i] = b
		layer[i] = count[b]
		count[b]++
		most = max(most, count[b])
	}
	half := float64((most) / 2)
	step := 0.1
	if half > 0 {
		step = min(step, 0.4/half)
	}
	out := make([]float64, len(x))
	for i, l := range layer {
		k := float64((l + 1) / 2)
		if l%2 == 0 {
			k = -k
		}
		out[i] = k * step
	}
	return out
}

// Beeswarm draws, for output k, one band per feature (the top 12 by mean
// |value|, most important on top) with a dot per row at its value, spread
// vertically where dots pile up, coloured by the feature's value in that
// row: its rank among the rows, low blue to high red; categorical
// features grey. At most 1000 rows are drawn, evenly spaced.
func Beeswarm(e *explain.Explanation, k int) kernel.Output {
	if msg := checkExplanation(e, k); msg != "" {
		return kernel.Output{Text: "beeswarm: " + msg}
	}
	imp := meanAbs(e, k)
	order := byMagnitude(imp)
	shown := order[:min(len(order), beeswarmTop)]
	rows := sampleRows(len(e.Values), maxSampleRows)
	en, zh := valueNames(e)
	s := &Scatter{
		Title:    fmt.Sprintf("%s of every feature for %s / 各特征的 %s 分布", en+"s", e.OutputNames[k], zh),
		Subtitle: fmt.Sprintf("%d rows; top %d of %d features by mean |%s|", len(rows), len(shown), len(order), en),
		XLabel:   fmt.Sprintf("%s (impact on %s) / %s", en, e.OutputNames[k], zh),
		YLabel:   "feature / 特征",
		YNames:   make([]string, len(shown)),
		Scale:    &ColorScale{Title: "feature value / 特征值", Low: "low / 低", High: "high / 高", Stops: valueStops},
		ZeroLine: true,
		Radius:   2.2,
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		for _, j := range shown {
			if v := e.Values[r][j][k]; finite(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	var text strings.Builder
	fmt.Fprintf(&text, "%ss of %s over %d rows (%s space): mean |value| and how the feature's value moves it\n", en, e.OutputNames[k], len(rows), linkName(e))
	grey := false
	for band, j := range shown {
		s.YNames[band] = e.FeatureNames[j]
		phi := make([]float64, len(rows))
		for i, r := range rows {
			phi[i] = e.Values[r][j][k]
		}
		vals, numeric := featureValues(e, rows, j)
		grey = grey || !numeric
		colors := rankColors(vals, numeric)
		off := swarmOffsets(phi, lo, hi)
		for i := range rows {
			s.Points = append(s.Points, Point{X: phi[i], Y: float64(band) + off[i], Color: colors[i]})
		}
		line := fmt.Sprintf("%-32s %10s", clipText(e.FeatureNames[j], 32), short(imp[j]))
		if numeric {
			switch r := pearson(ranks(vals), phi); {
			case r > 0.3:
				line += fmt.Sprintf("   higher values raise it (rank correlation %+.2f)", r)
			case r < -0.3:
				line += fmt.Sprintf("   higher values lower it (rank correlation %+.2f)", r)
			}
		}
		text.WriteString(line + "\n")
	}
	if grey {
		s.Subtitle += "; categorical features grey / 类别特征为灰色"
	}
	return figure(1, strings.TrimRight(text.String(), "\n"), s)
}

// jitter is a deterministic offset in [-0.5, 0.5) for item i.
func jitter(i int) float64 {
	h := uint32(i)*2654435761 + 0x9e3779b9
	h ^= h >> 15
	h *= 0x85ebca6b
	h ^= h >> 13
	return float64(h%1000)/1000 - 0.5
}

// residuals returns y minus its mean within groups of x: the categories
// of a categorical x, else up to 10 bins of about equal counts in x's
// order. It is the spread of the attribution that x alone does not
// explain.
func residuals(x, y []float64, categorical bool) []float64 {
	idx := make([]int, 0, len(x))
	for i := range x {
		if finite(x[i]) && finite(y[i]) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	group := make([]int, len(x))
	nb := max(1, min(10, len(idx)/5))
	for p, i := range idx {
		if categorical {
			group[i] = int(math.Round(x[i]))
		} else {
			group[i] = p * nb / len(idx)
		}
	}
	sum, cnt := map[int]float64{}, map[int]float64{}
	for _, i := range idx {
		sum[group[i]] += y[i]
		cnt[group[i]]++
	}
	out := make([]float64, len(x))
	for i := range out {
		out[i] = math.NaN()
	}
	for _, i := range idx {
		out[i] = y[i] - sum[group[i]]/cnt[group[i]]
	}
	return out
}

// interaction picks the feature that colours a dependence plot of player
// j: among the other numeric one-column features that vary over the
// rows, the one whose values (by rank) correlate most, in absolute value,
// with the residuals of j's attribution (see residuals). It returns -1
// when none scores above zero, and the score.
func interaction(e *explain.Explanation, rows []int, j, k int, x []float64, categorical bool) (int, float64) {
	y := make([]float64, len(rows))
	for i, r := range rows {
		y[i] = e.Values[r][j][k]
	}
	res := residuals(x, y, categorical)
	best, score := -1, 0.0
	for c := range e.FeatureNames {
		if c == j {
			continue
		}
		v, numeric := featureValues(e, rows, c)
		if !numeric {
			continue
		}
		if s := math.Abs(pearson(res, ranks(v))); s > score+1e-12 {
			best, score = c, s
		}
	}
	return best, score
}

// Dependence draws, for output k, a dot per row (at most 1000, evenly
// spaced) at the feature's value (x, in the table's units; categories by
// name, spread sideways) and its attribution (y). The dots are coloured
// by the feature with the strongest interaction, low blue to high red by
// rank. The rule: take the attribution's residual after subtracting its
// mean within the feature's categories or within 10 equal-count bins of
// its value — the vertical spread the feature's own value does not
// explain — and pick, among the other numeric features, the one whose
// ranks have the largest |Pearson correlation| with that residual.
func Dependence(e *explain.Explanation, feature string, k int) kernel.Output {
	if msg := checkExplanation(e, k); msg != "" {
		return kernel.Output{Text: "dependence: " + msg}
	}
	j := -1
	for i, n := range e.FeatureNames {
		if n == feature {
			j = i
			break
		}
	}
	if j < 0 {
		return kernel.Output{Text: fmt.Sprintf("dependence: no feature %q", feature)}
	}
	rows := sampleRows(len(e.Values), maxSampleRows)
	x, _ := featureValues(e, rows, j)
	known := 0
	for _, v := range x {
		if finite(v) {
			known++
		}
	}
	if known == 0 {
		return kernel.Output{Text: fmt.Sprintf("dependence: the explanation has no data for %q", feature)}
	}
	cats := categories(e, j)
	en, zh := valueNames(e)
	s := &Scatter{
		Title:    fmt.Sprintf("Dependence of %s on %s / 依赖图", e.OutputNames[k], feature),
		Subtitle: fmt.Sprintf("%d rows (%s space)", len(rows), linkName(e)),
		XLabel:   feature + " — value / 特征值",
		YLabel:   en + " / " + zh,
		XNames:   cats,
	}
	best, score := interaction(e, rows, j, k, x, cats != nil)
	colors := make([]string, len(rows))
	var other []float64
	if best >= 0 {
		other, _ = featureValues(e, rows, best)
		colors = rankColors(other, true)
		s.Scale = &ColorScale{Title: e.FeatureNames[best], Low: "low / 低", High: "high / 高", Stops: valueStops}
		s.Subtitle += fmt.Sprintf("; colour: %s, strongest interaction (|r| %.2f) / 颜色: 交互最强的特征", e.FeatureNames[best], score)
	}
	for i, r := range rows {
		px := x[i]
		if cats != nil {
			px = math.Round(px) + 0.5*jitter(r)
		}
		if !finite(px) || !finite(e.Values[r][j][k]) {
			continue
		}
		tip := fmt.Sprintf("row %d\n%s = %s\n%s: %s", r, feature, valueText(e, r, j), en, signed(e.Values[r][j][k]))
		if best >= 0 {
			tip += fmt.Sprintf("\n%s = %s", e.FeatureNames[best], valueText(e, r, best))
		}
		s.Points = append(s.Points, Point{X: px, Y: e.Values[r][j][k], Color: colors[i], Title: tip})
	}
	var text strings.Builder
	fmt.Fprintf(&text, "dependence of %s's %s on its value, %d rows", feature, en, len(rows))
	if best >= 0 {
		fmt.Fprintf(&text, "; strongest interaction: %s (|r| %.2f)", e.FeatureNames[best], score)
	}
	text.WriteString("\n")
	fmt.Fprintf(&text, "%-24s %8s %12s\n", feature, "rows", "mean "+en)
	for _, g := range dependenceGroups(e, rows, j, k, x, cats) {
		fmt.Fprintf(&text, "%-24s %8d %12s\n", clipText(g.label, 24), g.n, signed(g.mean))
	}
	return figure(1, strings.TrimRight(text.String(), "\n"), s)
}

type depGroup struct {
	label string
	n     int
	mean  float64
}

// dependenceGroups summarises a dependence plot for the text form: the
// mean attribution per category, or per fifth of the rows by value.
func dependenceGroups(e *explain.Explanation, rows []int, j, k int, x []float64, cats []string) []depGroup {
	idx := make([]int, 0, len(rows))
	for i := range rows {
		if finite(x[i]) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	var groups []depGroup
	add := func(label string, members []int) {
		g := depGroup{label: label, n: len(members)}
		for _, i := range members {
			g.mean += e.Values[rows[i]][j][k]
		}
		g.mean /= float64(max(len(members), 1))
		groups = append(groups, g)
	}
	if cats != nil {
		for c, name := range cats {
			var m []int
			for _, i := range idx {
				if int(math.Round(x[i])) == c {
					m = append(m, i)
				}
			}
			if len(m) > 0 {
				add(name, m)
			}
		}
		return groups
	}
	nb := min(5, len(idx))
	for b := range nb {
		m := idx[b*len(idx)/nb : (b+1)*len(idx)/nb]
		if len(m) > 0 {
			add(tableNumber(x[m[0]])+" – "+tableNumber(x[m[len(m)-1]]), m)
		}
	}
	return groups
}

// AttributionHeatmap draws the attributions of output k as a grid: a
// column per row (at most 400, evenly spaced) ordered by f(x), a band per
// feature (the top 15 by mean |value|, the rest summed into "N other
// features"), each cell red for a positive value and blue for a negative
// one, saturating at the largest |value| shown.
func AttributionHeatmap(e *explain.Explanation, k int) kernel.Output {
	if msg := checkExplanation(e, k); msg != "" {
		return kernel.Output{Text: "heatmap: " + msg}
	}
	imp := meanAbs(e, k)
	order := byMagnitude(imp)
	shown, rest := order, []int(nil)
	if len(order) > heatmapTop+1 {
		shown, rest = order[:heatmapTop], order[heatmapTop:]
	}
	rows := sampleRows(len(e.Values), heatmapMaxCols)
	fx := make(map[int]float64, len(rows))
	for _, r := range rows {
		s := e.BaseValues[r][k]
		for _, v := range e.Values[r] {
			s += v[k]
		}
		fx[r] = s
	}
	sort.SliceStable(rows, func(a, b int) bool { return fx[rows[a]] < fx[rows[b]] })
	en, zh := valueNames(e)
	g := &CellGrid{
		Title:  fmt.Sprintf("%ss of %s, row by row / 逐行 %s 热图", en, e.OutputNames[k], zh),
		XLabel: "rows, ordered by f(x) / 按 f(x) 排序的行",
		YLabel: "feature / 特征",
	}
	var names []string
	var cells [][]float64
	for _, j := range shown {
		names = append(names, e.FeatureNames[j])
		row := make([]float64, len(rows))
		for c, r := range rows {
			row[c] = e.Values[r][j][k]
		}
		cells = append(cells, row)
	}
	if len(rest) > 0 {
		names = append(names, fmt.Sprintf("%d other features / 其他 %d 个特征", len(rest), len(rest)))
		row := make([]float64, len(rows))
		for c, r := range rows {
			for _, j := range rest {
				row[c] += e.Values[r][j][k]
			}
		}
		cells = append(cells, row)
	}
	top := saturation(cells)
	g.YNames, g.Cells, g.Max = names, cells, top
	g.Scale = &ColorScale{Title: en + " / " + zh, Low: "≤ -" + short(top), High: "≥ +" + short(top), Stops: []string{colorDown, "#ffffff", colorUp}}
	var text strings.Builder
	if len(rows) > 0 {
		g.Subtitle = fmt.Sprintf("%d rows, f(x) from %s to %s (%s space); red raises, blue lowers / 红色升高，蓝色降低",
			len(rows), short(fx[rows[0]]), short(fx[rows[len(rows)-1]]), linkName(e))
		fmt.Fprintf(&text, "%ss of %s for %d rows ordered by f(x) (%s to %s); features by mean |value|:\n",
			en, e.OutputNames[k], len(rows), short(fx[rows[0]]), short(fx[rows[len(rows)-1]]))
	}
	for i, n := range names {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range cells[i] {
			lo, hi = min(lo, v), max(hi, v)
		}
		if len(cells[i]) > 0 {
			fmt.Fprintf(&text, "%-32s from %s to %s\n", clipText(n, 32), signed(lo), signed(hi))
		}
	}
	return kernel.Output{SVG: g.SVG(), Text: strings.TrimRight(text.String(), "\n")}
}

// saturation is where the heatmap's colours saturate: the 99th percentile
// of the cells' |value|, so that one outlier does not wash the rest out.
func saturation(cells [][]float64) float64 {
	var abs []float64
	for _, row := range cells {
		for _, v := range row {
			if finite(v) {
				abs = append(abs, math.Abs(v))
			}
		}
	}
	if len(abs) == 0 {
		return 0
	}
	sort.Float64s(abs)
	return abs[min(len(abs)-1, int(math.Ceil(0.99*float64(len(abs))))-1)]
}
