package reports

import (
	"fmt"
	"math"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
)

// This file draws one row's explanation along one axis (ForcePlot), many
// rows' paths from the base value to their predictions (DecisionPlot),
// and Integrated Gradients with its completeness gap.

// Display limits.
const (
	forceTop      = 10   // contributions a force plot shows before merging the rest
	forceMinShare = 0.02 // … and the least share of Σ|value| one must have
	decisionTop   = 12   // feature bands of a decision plot
	decisionRows  = 100  // lines of a decision plot at most
)

// forceSegment is one arrow of a force plot, kept for tests: the
// contribution phi spans [lo, hi] on the output's axis.
type forceSegment struct {
	label  string
	phi    float64
	lo, hi float64
}

// forceSegments lays out row r of output k as a force plot: the positive
// contributions stacked leftwards from f(x), the largest next to it, the
// negative ones rightwards from f(x), the largest next to it. Contributions
// beyond the top 10, or under 2% of Σ|value|, are merged per sign into
// "N other". The signed widths add up to f(x) − base.
func forceSegments(e *explain.Explanation, r, k int) (segs []forceSegment, base, fx float64) {
	vals := make([]float64, len(e.FeatureNames))
	total := 0.0
	for j := range vals {
		vals[j] = e.Values[r][j][k]
		total += math.Abs(vals[j])
	}
	sur := surrogate(e, r, k)
	base = e.BaseValues[r][k]
	fx = base
	var up, down []forceSegment
	var restUp, restDown float64 // the merged small contributions
	var nUp, nDown int
	for i, j := range byMagnitude(vals) {
		v := vals[j]
		fx += v
		small := i >= forceTop || math.Abs(v) < forceMinShare*total
		switch {
		case v == 0:
		case small && v > 0:
			restUp, nUp = restUp+v, nUp+1
		case small:
			restDown, nDown = restDown+v, nDown+1
		case v > 0:
			up = append(up, forceSegment{label: rowLabel(e, sur, r, j), phi: v})
		default:
			down = append(down, forceSegment{label: rowLabel(e, sur, r, j), phi: v})
		}
	}
	if nUp > 0 {
		up = append(up, forceSegment{label: fmt.Sprintf("%d other / 其他 %d 个", nUp, nUp), phi: restUp})
	}
	if nDown > 0 {
		down = append(down, forceSegment{label: fmt.Sprintf("%d other / 其他 %d 个", nDown, nDown), phi: restDown})
	}
	cum := fx
	for _, s := range up {
		s.hi, s.lo = cum, cum-s.phi
		cum = s.lo
		segs = append(segs, s)
	}
	cum = fx
	for _, s := range down {
		s.lo, s.hi = cum, cum-s.phi
		cum = s.hi
		segs = append(segs, s)
	}
	return segs, base, fx
}

// ForcePlot draws why row got its prediction for output k along one axis:
// the contributions that raise the output (red arrows pointing right)
// stacked up to f(x) from the left, those that lower it (blue, pointing
// left) stacked from the right, the largest nearest f(x); the base value
// E[f(X)] is where the two stacks balance. The ten largest contributions
// (at least 2% of Σ|value| each) are labelled with the feature's value in
// the table's units and the signed contribution when there is room; the
// rest are merged per sign into "N other". Like Waterfall, it takes the
// output k; multi-output models get one plot per output.
func ForcePlot(e *explain.Explanation, row, k int) kernel.Output {
	if msg := checkRow(e, row, k); msg != "" {
		return kernel.Output{Text: "force plot: " + msg}
	}
	segs, base, fx := forceSegments(e, row, k)
	en, zh := valueNames(e)
	baseName := "E[f(X)]"
	if surrogate(e, row, k) != nil {
		baseName = "intercept"
	} else if e.Method == explain.MethodIntegratedGradients {
		baseName = "f(x′)"
	}
	c := &SegmentChart{
		Title: fmt.Sprintf("Forces on row %d: %s = %s / 第 %d 行的力图", row, e.OutputNames[k], short(fx), row),
		Subtitle: fmt.Sprintf("%s %ss (%s space): red raises the output, blue lowers it / 红色提高，蓝色降低",
			e.Method, en, linkName(e)),
		XLabel: outputLabel(e, k),
		Markers: []Marker{
			{X: base, Label: fmt.Sprintf("%s = %s", baseName, short(base)), Below: true},
			{X: fx, Label: fmt.Sprintf("f(x) = %s", short(fx)), Color: "#222"},
		},
	}
	var text strings.Builder
	fmt.Fprintf(&text, "%s explanation of %s for row %d (%s space): %s = %s, f(x) = %s\n",
		e.Method, e.OutputNames[k], row, linkName(e), baseName, short(base), short(fx))
	for _, s := range segs {
		from, to := s.lo, s.hi
		if s.phi < 0 {
			from, to = s.hi, s.lo
		}
		c.Segments = append(c.Segments, Segment{From: from, To: to, Color: signColor(s.phi), Label: s.label, Text: signed(s.phi),
			Title: fmt.Sprintf("%s\n%s / %s: %s", s.label, en, zh, signed(s.phi))})
		dir := "raises"
		if s.phi < 0 {
			dir = "lowers"
		}
		fmt.Fprintf(&text, "%-40s %12s  %s\n", clipText(s.label, 40), signed(s.phi), dir)
	}
	return kernel.Output{SVG: c.SVG(), Text: strings.TrimRight(text.String(), "\n")}
}

// decisionLine is one row's path through a decision plot, kept for
// tests: X[i] is the cumulative value after band i, bottom to top.
type decisionLine struct {
	row  int
	x    []float64 // base, then after each band from the bottom up
	base float64
	fx   float64
}

// decisionLayout orders the bands of a decision plot — the top features
// by mean |value| over the rows, most important first, the rest summed
// into "N other features" at the bottom — and returns each sampled row's
// cumulative path.
func decisionLayout(e *explain.Explanation, k int) (names []string, lines []decisionLine) {
	order := byMagnitude(meanAbs(e, k))
	shown, rest := order, []int(nil)
	if len(order) > decisionTop+1 {
		shown, rest = order[:decisionTop], order[decisionTop:]
	}
	for _, j := range shown {
		names = append(names, e.FeatureNames[j])
	}
	if len(rest) > 0 {
		names = append(names, fmt.Sprintf("%d other features / 其他 %d 个特征", len(rest), len(rest)))
	}
	for _, r := range sampleRows(len(e.Values), decisionRows) {
		l := decisionLine{row: r, base: e.BaseValues[r][k]}
		cum := l.base
		l.x = append(l.x, cum)
		if len(rest) > 0 {
			for _, j := range rest {
				cum += e.Values[r][j][k]
			}
			l.x = append(l.x, cum)
		}
		for i := len(shown) - 1; i >= 0; i-- {
			cum += e.Values[r][shown[i]][k]
			l.x = append(l.x, cum)
		}
		l.fx = cum
		lines = append(lines, l)
	}
	return names, lines
}

// DecisionPlot draws, for output k, how each row (at most 100, evenly
// spaced) gets from the base value to its prediction: a line per row that
// starts at its base value under the bottom band and moves right or left
// by each feature's contribution, band by band, to end at f(x) over the top
// one. The bands are the top 12 features by mean |value|, the most
// important at the top (the rest summed into "N other features" at the
// bottom); lines are coloured by f(x), low blue to high red by rank.
func DecisionPlot(e *explain.Explanation, k int) kernel.Output {
	if msg := checkExplanation(e, k); msg != "" {
		return kernel.Output{Text: "decision plot: " + msg}
	}
	if len(e.Values) == 0 || len(e.FeatureNames) == 0 {
		return kernel.Output{Text: "decision plot: no rows or no features"}
	}
	names, lines := decisionLayout(e, k)
	n := len(names)
	fxs := make([]float64, len(lines))
	meanBase := 0.0
	for i, l := range lines {
		fxs[i] = l.fx
		meanBase += l.base / float64(len(lines))
	}
	rk := ranks(fxs)
	en, zh := valueNames(e)
	c := &Chart{
		Title:    fmt.Sprintf("Decision plot of %s / 决策图", e.OutputNames[k]),
		Subtitle: fmt.Sprintf("%d rows (%s space); each line runs from its base value up to f(x) / 从基准值到 f(x)", len(lines), linkName(e)),
		XLabel:   outputLabel(e, k),
		YLabel:   "feature / 特征",
		YNames:   names,
		Width:    640,
		Markers:  []Marker{{X: meanBase, Label: "E[f(X)] = " + short(meanBase), Below: true}},
	}
	f := c.frame()
	c.Height = int(math.Ceil(f.headerHeight() + 26*float64(n) + f.footerHeight()))
	for i, l := range lines {
		s := Series{Name: fmt.Sprintf("row %d: f(x) = %s", l.row, short(l.fx)), NoLegend: true, NoDots: true, Width: 1.2, Opacity: 0.7}
		if finite(rk[i]) {
			s.Color = ramp(valueStops, rk[i])
		} else {
			s.Color = colorGrey
		}
		s.X = append(s.X, l.x...)
		s.Y = append(s.Y, float64(n)-0.5)
		for b := n - 1; b >= 0; b-- {
			s.Y = append(s.Y, float64(b))
		}
		s.X = append(s.X, l.fx)
		s.Y = append(s.Y, -0.5)
		c.Series = append(c.Series, s)
	}
	var text strings.Builder
	fmt.Fprintf(&text, "decision plot of %s's %ss, %d rows: mean base %s; f(x) from %s to %s\n",
		e.OutputNames[k], en, len(lines), short(meanBase), short(minOf(fxs)), short(maxOf(fxs)))
	fmt.Fprintf(&text, "bands, top to bottom / 特征（%s）: %s", zh, strings.Join(names, ", "))
	return figure(1, text.String(), c)
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		if finite(x) {
			m = min(m, x)
		}
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		if finite(x) {
			m = max(m, x)
		}
	}
	return m
}

// IntegratedGradients draws the Integrated Gradients of row for output k,
// with gap as explain.IntegratedGradients returns it: a waterfall of the
// attributions from the baseline's f(x′) to f(x′) + Σ IG, and a grey bar
// ± the completeness gap |Σ IG − (f(x) − f(x′))| around its end, where the
// model's f(x) lies. The subtitle and the text state the gap, absolute and
// relative to |Σ IG|; a gap above 1% of it says the quadrature needs more
// steps.
func IntegratedGradients(e *explain.Explanation, gap [][]float64, row, k int) kernel.Output {
	c, text, msg := waterfallChart(e, row, k)
	if msg != "" {
		return kernel.Output{Text: "integrated gradients: " + msg}
	}
	if row >= len(gap) || k >= len(gap[row]) || !finite(gap[row][k]) {
		return kernel.Output{Text: fmt.Sprintf("integrated gradients: no completeness gap for row %d, output %d", row, k)}
	}
	g := gap[row][k]
	sum := e.Prediction(row, k) - e.BaseValues[row][k]
	end := e.Prediction(row, k)
	rel := g / math.Max(math.Abs(sum), 1e-300)
	advice := ""
	if rel > 0.01 {
		advice = ": over 1%, use more GradientOptions.Steps / 误差超过 1%，请增加积分步数"
	}
	c.Title = fmt.Sprintf("Integrated Gradients of row %d: %s / 第 %d 行的积分梯度", row, e.OutputNames[k], row)
	c.Subtitle = fmt.Sprintf("completeness gap |Σ IG − (f(x) − f(x′))| = %s (%s of Σ IG = %s)%s",
		short(g), pctOf(rel), short(sum), advice)
	c.Width = 720
	gapBar := Bar{Label: "completeness gap / 完整性误差", From: end - g, To: end + g, Color: colorGrey,
		Text: "± " + short(g), Title: fmt.Sprintf("f(x) = f(x′) + Σ IG ± %s", short(g))}
	c.Bars = append([]Bar{gapBar}, c.Bars...)
	text += fmt.Sprintf("\nΣ IG = %s; completeness gap |Σ IG − (f(x) − f(x′))| = %s (%s of |Σ IG|)%s", short(sum), short(g), pctOf(rel), advice)
	return figure(1, text, c)
}

// pctOf formats a ratio as a percentage with 2 significant digits.
func pctOf(r float64) string {
	if !finite(r) {
		return "—"
	}
	return fmt.Sprintf("%.2g%%", 100*r)
}
