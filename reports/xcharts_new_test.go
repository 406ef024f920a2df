package reports

import (
	"math"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
)

// pdpSample is a partial dependence result of a feature with a known
// average, and its values.
func pdpSample(rows int) (*explain.PartialDependenceResult, []float64) {
	r := &explain.PartialDependenceResult{Name: "income", Output: 0}
	for g := range 12 {
		r.Grid = append(r.Grid, float64(g)*10000)
	}
	var values []float64
	for i := range rows {
		curve := make([]float64, len(r.Grid))
		for g, x := range r.Grid {
			curve[g] = 0.2 + 0.5*x/110000 + 0.1*jitter(i)
		}
		r.ICE = append(r.ICE, curve)
		values = append(values, float64(i%11)*10000+jitter(i+7)*4000)
	}
	r.Average = make([]float64, len(r.Grid))
	for _, c := range r.ICE {
		for g, v := range c {
			r.Average[g] += v / float64(rows)
		}
	}
	return r, values
}

func permSample(features int) *explain.PermutationImportance {
	p := &explain.PermutationImportance{Metric: "accuracy", Baseline: 0.91, Seed: 3}
	for j := range features {
		p.FeatureNames = append(p.FeatureNames, "feature_"+string(rune('a'+j%26)))
		m := 0.3 / float64(j+1)
		if j == features-1 {
			m = -0.01
		}
		p.Mean = append(p.Mean, m)
		p.Std = append(p.Std, 0.02)
		p.Drops = append(p.Drops, []float64{m - 0.02, m + 0.02})
	}
	return p
}

// perturbed returns a copy of e with its values moved a little: a second
// method on the same rows.
func perturbed(e *explain.Explanation, method string) *explain.Explanation {
	c := *e
	c.Method = method
	c.Values = nil
	for r, row := range e.Values {
		var nr [][]float64
		for j, v := range row {
			nr = append(nr, []float64{v[0]*0.9 + 0.01*jitter(r*31+j)})
		}
		c.Values = append(c.Values, nr)
	}
	return &c
}

// newCharts runs every chart of this change on e.
func newCharts(e *explain.Explanation) map[string]kernel.Output {
	gap := make([][]float64, len(e.Values))
	for r := range gap {
		gap[r] = []float64{1e-3}
	}
	pd, values := pdpSample(50)
	return map[string]kernel.Output{
		"force":     ForcePlot(e, 0, 0),
		"decision":  DecisionPlot(e, 0),
		"ig":        IntegratedGradients(e, gap, 0, 0),
		"agreement": Agreement(e, perturbed(e, "lime"), 0),
		"pdp":       PartialDependence(pd, PDPView{Values: values, OutputName: "P(buys)"}),
		"perm":      PermutationImportance(permSample(20)),
	}
}

func TestNewChartsSamples(t *testing.T) {
	e := synthetic(120, 14, 21)
	e.FeatureNames[2] = "收入 (income)"
	for name, o := range newCharts(e) {
		if o.SVG == "" {
			t.Fatalf("%s: no SVG: %s", name, o.Text)
		}
		parseSVG(t, o.SVG)
		writeSample(t, "new-"+name+".svg", o.SVG)
		writeSample(t, "new-"+name+".txt", o.Text)
	}
	pd, _ := pdpSample(30)
	pd.Grid = []float64{0, 1, 2}
	pd.Average = pd.Average[:3]
	for i := range pd.ICE {
		pd.ICE[i] = pd.ICE[i][:3]
	}
	o := PartialDependence(pd, PDPView{Categories: []string{"web", "C&D", "phone"}})
	parseSVG(t, o.SVG)
	writeSample(t, "new-pdp-cat.svg", o.SVG)
}

func TestForcePlotAddsUp(t *testing.T) {
	e := synthetic(4, 25, 22)
	for r := range 4 {
		segs, base, fx := forceSegments(e, r, 0)
		if !near(fx, e.Prediction(r, 0), 1e-12) || base != 0.4 {
			t.Fatalf("row %d: base %v, f(x) %v", r, base, fx)
		}
		sum, lo, hi := 0.0, fx, fx
		for _, s := range segs {
			sum += s.phi
			if !near(s.hi-s.lo, math.Abs(s.phi), 1e-12) {
				t.Errorf("segment %q spans %v for %v", s.label, s.hi-s.lo, s.phi)
			}
			if (s.phi > 0) != (s.hi <= fx+1e-12) {
				t.Errorf("segment %q on the wrong side of f(x)", s.label)
			}
			lo, hi = min(lo, s.lo), max(hi, s.hi)
		}
		if !near(sum, fx-base, 1e-12) {
			t.Errorf("row %d: segments sum to %v, f(x) − base = %v", r, sum, fx-base)
		}
		// The stacks are contiguous: they cover [lo, hi] without gaps.
		width := 0.0
		for _, s := range segs {
			width += s.hi - s.lo
		}
		if !near(width, hi-lo, 1e-9) {
			t.Errorf("row %d: segments cover %v of %v", r, width, hi-lo)
		}
		if len(segs) > forceTop+2 {
			t.Errorf("row %d: %d segments, want at most %d", r, len(segs), forceTop+2)
		}
		o := ForcePlot(e, r, 0)
		svg := parseSVG(t, o.SVG)
		arrows := 0
		for _, g := range svg.all("g") {
			if p := g.all("path"); len(p) == 1 && strings.HasSuffix(p[0].attr["d"], "Z") {
				arrows++
			}
		}
		if arrows != len(segs) {
			t.Errorf("row %d: %d arrows drawn for %d segments", r, arrows, len(segs))
		}
	}
	if o := ForcePlot(e, 9, 0); o.SVG != "" {
		t.Error("row out of range drawn")
	}
}

func TestForcePlotLabelsDoNotOverlap(t *testing.T) {
	e := synthetic(1, 30, 23)
	for j := range e.FeatureNames {
		e.FeatureNames[j] = "a rather long feature name " + e.FeatureNames[j]
		e.Values[0][j][0] = 0.05 * math.Pow(-1, float64(j)) / float64(j+1)
	}
	svg := parseSVG(t, ForcePlot(e, 0, 0).SVG)
	type box struct{ x0, x1, y float64 }
	var boxes []box
	for _, tx := range svg.all("text") {
		if strings.Contains(tx.attr["style"], "paint-order") && strings.Contains(tx.text, "feature") {
			w := textWidth(tx.text, tickSize)
			x := tx.float(t, "x")
			boxes = append(boxes, box{x - w/2, x + w/2, tx.float(t, "y")})
		}
	}
	if len(boxes) < 3 {
		t.Fatalf("%d labels", len(boxes))
	}
	for i := range boxes {
		for j := range i {
			a, b := boxes[i], boxes[j]
			if math.Abs(a.y-b.y) < tickSize && a.x0 < b.x1 && b.x0 < a.x1 {
				t.Errorf("labels overlap: %v and %v", a, b)
			}
		}
	}
}

func TestDecisionPlotPaths(t *testing.T) {
	e := synthetic(250, 20, 24)
	names, lines := decisionLayout(e, 0)
	if len(names) != decisionTop+1 || !strings.Contains(names[decisionTop], "8 other features") {
		t.Fatalf("bands %v", names)
	}
	if len(lines) != decisionRows {
		t.Errorf("%d lines, want %d", len(lines), decisionRows)
	}
	imp := meanAbs(e, 0)
	if imp[byMagnitude(imp)[0]] == 0 || names[0] != e.FeatureNames[byMagnitude(imp)[0]] {
		t.Errorf("the most important feature is not on top: %v", names[0])
	}
	for _, l := range lines {
		if l.x[0] != l.base || !near(l.x[len(l.x)-1], e.Prediction(l.row, 0), 1e-12) || len(l.x) != len(names)+1 {
			t.Errorf("row %d: path %v does not go from base to f(x)", l.row, l.x)
		}
	}
	o := DecisionPlot(e, 0)
	svg := parseSVG(t, o.SVG)
	if n := len(titledPrefix(svg, "row ")); n < decisionRows {
		t.Errorf("%d row lines with tooltips", n)
	}
}

func TestIntegratedGradientsGap(t *testing.T) {
	e := synthetic(2, 6, 25)
	e.Method = explain.MethodIntegratedGradients
	gap := [][]float64{{0.0123}, {2e-7}}
	o := IntegratedGradients(e, gap, 0, 0)
	if !strings.Contains(o.SVG, "completeness gap |Σ IG − (f(x) − f(x′))| = 0.0123") || !strings.Contains(o.Text, "= 0.0123") {
		t.Errorf("the gap is not stated:\n%s", o.Text)
	}
	sum := e.Prediction(0, 0) - e.BaseValues[0][0]
	if advice := strings.Contains(o.SVG, "use more GradientOptions.Steps"); advice != (0.0123/math.Abs(sum) > 0.01) {
		t.Errorf("advice %v for a gap of %v on Σ IG %v", advice, 0.0123, sum)
	}
	svg := parseSVG(t, o.SVG)
	var gapBar *node
	for _, g := range svg.titled("f(x) = f(x′) + Σ IG ± 0.0123") {
		gapBar = g
	}
	if gapBar == nil {
		t.Fatal("no gap bar")
	}
	// The gap bar is 2·gap wide in x units.
	ticks, labels := xTicks(t, svg)
	perUnit := (ticks[1] - ticks[0]) / (labels[1] - labels[0])
	if w := gapBar.all("rect")[0].float(t, "width"); !near(w/perUnit, 2*0.0123, 0.15/perUnit+1e-9) && w > 1 {
		t.Errorf("gap bar %v wide, want %v", w/perUnit, 2*0.0123)
	}
	if o := IntegratedGradients(e, gap[:1], 1, 0); o.SVG != "" {
		t.Error("drawn without a gap")
	}
	small := IntegratedGradients(e, gap, 1, 0)
	if !strings.Contains(small.Text, "2e-07") {
		t.Errorf("small gap:\n%s", small.Text)
	}
}

// titledPrefix returns the groups whose <title> starts with prefix.
func titledPrefix(n *node, prefix string) []*node {
	var out []*node
	for _, g := range n.all("g") {
		if len(g.children) > 0 && g.children[0].name == "title" && strings.HasPrefix(g.children[0].text, prefix) {
			out = append(out, g)
		}
	}
	return out
}

// xTicks returns the x pixel and value of the x axis's numeric tick labels.
func xTicks(t *testing.T, svg *node) (px, vals []float64) {
	t.Helper()
	for _, tx := range svg.all("text") {
		if strings.Contains(tx.attr["style"], "text-anchor:middle") && strings.Contains(tx.attr["style"], "font-size:11px") {
			if v, err := parseFloat(tx.text); err == nil {
				px, vals = append(px, tx.float(t, "x")), append(vals, v)
			}
		}
	}
	if len(px) < 2 {
		t.Fatal("no x ticks")
	}
	return px, vals
}

func TestPartialDependenceChart(t *testing.T) {
	pd, values := pdpSample(300)
	o := PartialDependence(pd, PDPView{Values: values, MaxICE: 40})
	svg := parseSVG(t, o.SVG)
	if n := len(titledPrefix(svg, "row ")) + 1; n != 40 { // the first is named in the legend
		t.Errorf("%d ICE curves, want 40", n)
	}
	avg := titledPrefix(svg, "average (partial dependence) / 平均") // the legend's, the line's
	if len(avg) != 2 || len(avg[1].all("path")) != 1 || !strings.Contains(avg[1].all("path")[0].attr["style"], "stroke-width:3") {
		t.Fatal("no bold average")
	}
	rug := 0
	for _, r := range svg.all("rect") {
		if strings.Contains(r.attr["style"], "fill-opacity:0.45") {
			rug++
		}
	}
	if rug < 5 {
		t.Errorf("%d rug bins", rug)
	}
	if !strings.Contains(o.Text, "average") {
		t.Error(o.Text)
	}
	if o := PartialDependence(&explain.PartialDependenceResult{Grid: []float64{1}, Average: []float64{1}, ICE: [][]float64{{1, 2}}}, PDPView{}); o.SVG != "" {
		t.Error("ragged ICE drawn")
	}
}

func TestPermutationImportanceChart(t *testing.T) {
	p := permSample(20)
	o := PermutationImportance(p)
	svg := parseSVG(t, o.SVG)
	if n := len(barRects(t, svg)); n != permTop {
		t.Errorf("%d bars, want %d", n, permTop)
	}
	if !strings.Contains(o.Text, "(5 more features)") || !strings.Contains(o.SVG, "± 0.02") {
		t.Errorf("text:\n%s", o.Text)
	}
	neg := permSample(3)
	o = PermutationImportance(neg)
	if !strings.Contains(o.SVG, colorGrey) {
		t.Error("a negative importance is not grey")
	}
	if PermutationImportance(nil).SVG != "" {
		t.Error("nil drawn")
	}
}

func TestAgreementChart(t *testing.T) {
	e := synthetic(60, 12, 26)
	o := Agreement(e, e, 0)
	if !strings.Contains(o.SVG, "Spearman ρ 1.00 over all pairs, 1.00 per row") {
		t.Errorf("an explanation does not agree with itself:\n%s", o.Text)
	}
	svg := parseSVG(t, o.SVG)
	if n := len(svg.all("circle")) - 10; n != 60*12 { // less the legend's
		t.Errorf("%d dots, want %d", n, 60*12)
	}
	neg := perturbed(e, "lime")
	for _, row := range neg.Values {
		for _, v := range row {
			v[0] = -v[0]
		}
	}
	if o := Agreement(e, neg, 0); !strings.Contains(o.SVG, "Spearman ρ -") {
		t.Errorf("opposite explanations:\n%s", o.Text)
	}
	other := synthetic(60, 11, 26)
	if o := Agreement(e, other, 0); o.SVG != "" || !strings.Contains(o.Text, "not the same") {
		t.Errorf("different features: %s", o.Text)
	}
	big := synthetic(400, 30, 27)
	if n := len(parseSVG(t, Agreement(big, big, 0).SVG).all("circle")); n > agreementDots {
		t.Errorf("%d dots", n)
	}
}

func TestNewChartsHostileAndDegenerate(t *testing.T) {
	e := synthetic(6, 3, 28)
	e.FeatureNames = []string{`<img src=x onerror=alert(1)>`, `C&D`, `</svg><script>`}
	e.Categories[0] = []string{`C&D`, `<b>`, `"`}
	e.OutputNames = []string{`<img src=x onerror=alert(1)>`}
	charts := newCharts(e)
	pd, values := pdpSample(10)
	pd.Name = `<img src=x onerror=alert(1)>`
	charts["pdp"] = PartialDependence(pd, PDPView{Values: values, Categories: nil, OutputName: `C&D`})
	p := permSample(2)
	p.FeatureNames[0], p.Metric = `<img src=x onerror=alert(1)>`, `C&D`
	charts["perm"] = PermutationImportance(p)
	for name, o := range charts {
		svg := parseSVG(t, o.SVG)
		if n := len(svg.all("script")) + len(svg.all("img")) + len(svg.all("b")); n != 0 || strings.Contains(o.SVG, "<img") {
			t.Errorf("%s: injected markup", name)
		}
		found := false
		for _, tx := range append(svg.all("text"), svg.all("title")...) {
			found = found || strings.Contains(tx.text, `<img src=x onerror=alert(1)>`) || strings.Contains(tx.text, "C&D")
		}
		if !found {
			t.Errorf("%s: names do not round-trip as text", name)
		}
	}
	one := synthetic(1, 1, 29)
	zero := synthetic(3, 2, 30)
	for _, row := range zero.Values {
		for _, v := range row {
			v[0] = 0
		}
	}
	for _, d := range []*explain.Explanation{one, zero} {
		for name, o := range newCharts(d) {
			if o.Text == "" {
				t.Errorf("%s: no text", name)
			}
			if o.SVG != "" {
				parseSVG(t, o.SVG)
				if strings.Contains(o.SVG, "NaN") || strings.Contains(o.SVG, "Inf") {
					t.Errorf("%s: NaN in the SVG", name)
				}
			}
		}
	}
	for name, o := range map[string]kernel.Output{"force nil": ForcePlot(nil, 0, 0), "decision k": DecisionPlot(one, 3),
		"ig nil": IntegratedGradients(nil, nil, 0, 0), "agreement nil": Agreement(one, nil, 0), "pdp nil": PartialDependence(nil, PDPView{})} {
		if o.SVG != "" || o.Text == "" {
			t.Errorf("%s: want a text-only output", name)
		}
	}
}

// TestChartsPerOutput checks the multi-output rule: every explanation chart
// draws the output k it is given, from that output's values.
func TestChartsPerOutput(t *testing.T) {
	e := synthetic(30, 5, 31)
	e.OutputNames = []string{"P(no)", "P(yes)"}
	for r := range e.Values {
		for j := range e.Values[r] {
			e.Values[r][j] = []float64{-e.Values[r][j][0], e.Values[r][j][0]}
		}
		e.BaseValues[r] = []float64{0.6, 0.4}
	}
	lime := perturbed(e, "lime")
	for r := range lime.Values {
		for j := range lime.Values[r] {
			lime.Values[r][j] = []float64{-lime.Values[r][j][0], lime.Values[r][j][0]}
		}
	}
	gap := make([][]float64, len(e.Values))
	for r := range gap {
		gap[r] = []float64{1e-4, 2e-4}
	}
	for k, out := range e.OutputNames {
		charts := map[string]kernel.Output{"force": ForcePlot(e, 0, k), "decision": DecisionPlot(e, k), "ig": IntegratedGradients(e, gap, 0, k),
			"agreement": Agreement(e, lime, k), "waterfall": Waterfall(e, 0, k)}
		for name, o := range charts {
			if o.SVG == "" || !strings.Contains(o.SVG, esc(out)) {
				t.Errorf("%s, output %d: not drawn for %s: %s", name, k, out, o.Text)
			}
		}
		if _, _, fx := forceSegments(e, 0, k); !near(fx, e.Prediction(0, k), 1e-12) {
			t.Errorf("force plot of output %d ends at %v", k, fx)
		}
	}
	if o := ForcePlot(e, 0, 2); o.SVG != "" {
		t.Error("output 2 of 2 drawn")
	}
}
