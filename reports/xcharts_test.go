package reports

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
)

// synthetic builds an explanation of rows × features with one output:
// column 0 is categorical ("web", "store", "phone"), the others numeric;
// value j of a row is (j+1)·0.01·(x_j − 1) plus, for feature 1, an
// interaction x_1·x_2 / 4.
func synthetic(rows, features int, seed uint64) *explain.Explanation {
	rng := rand.New(rand.NewPCG(seed, 7))
	e := &explain.Explanation{Method: "kernel", Link: "identity", OutputNames: []string{"P(buys)"}}
	for j := range features {
		e.FeatureNames = append(e.FeatureNames, fmt.Sprintf("feature_%02d", j))
		if j == 0 {
			e.Categories = append(e.Categories, []string{"web", "store", "phone"})
		} else {
			e.Categories = append(e.Categories, nil)
		}
	}
	for range rows {
		x := make([]float64, features)
		vals := make([][]float64, features)
		for j := range x {
			x[j] = rng.NormFloat64() + 1
			if j == 0 {
				x[j] = float64(rng.IntN(3))
			}
			vals[j] = []float64{float64(j+1) * 0.01 * (x[j] - 1)}
		}
		if features > 2 {
			vals[1][0] += x[1] * x[2] / 4
		}
		if features > 0 && features < 2 {
			x[0] = 59300
		}
		e.Data = append(e.Data, x)
		e.Values = append(e.Values, vals)
		e.BaseValues = append(e.BaseValues, []float64{0.4})
	}
	return e
}

// barRects returns the bar groups of a BarChart: rect, and whether red.
func barRects(t *testing.T, svg *node) (rects []*node) {
	t.Helper()
	for _, g := range svg.all("g") {
		if r := g.all("rect"); len(r) == 1 && len(g.children) > 1 && g.children[1].name == "rect" {
			rects = append(rects, r[0])
		}
	}
	return rects
}

func TestWaterfallAddsUp(t *testing.T) {
	e := synthetic(3, 14, 1)
	for r := range 3 {
		bars, base, fx := waterfallBars(e, r, 0)
		if want := e.Prediction(r, 0); !near(fx, want, 1e-12) || base != 0.4 {
			t.Fatalf("row %d: base %v f(x) %v, want 0.4 and %v", r, base, fx, want)
		}
		if len(bars) != 10 || !strings.HasPrefix(bars[9].label, "5 other features") {
			t.Fatalf("row %d: %d bars, last %q", r, len(bars), bars[len(bars)-1].label)
		}
		sum := 0.0
		for i, b := range bars {
			sum += b.phi
			if !near(b.to-b.from, b.phi, 1e-12) {
				t.Errorf("bar %d spans %v, value %v", i, b.to-b.from, b.phi)
			}
			if i+1 < len(bars) && !near(bars[i+1].to, b.from, 1e-12) {
				t.Errorf("bar %d does not start where the bar under it ends", i)
			}
			if i > 0 && i < 9 && math.Abs(b.phi) > math.Abs(bars[i-1].phi) {
				t.Errorf("bars not by decreasing |value|")
			}
		}
		if !near(sum, fx-base, 1e-12) || !near(bars[9].from, base, 1e-12) || !near(bars[0].to, fx, 1e-12) {
			t.Errorf("row %d: bars sum to %v, f(x) − base = %v", r, sum, fx-base)
		}

		// The drawn bars: their signed widths, in x units, add up too.
		o := Waterfall(e, r, 0)
		svg := parseSVG(t, o.SVG)
		rects := barRects(t, svg)
		if len(rects) != 10 {
			t.Fatalf("%d bars drawn", len(rects))
		}
		var ticks []float64
		var labels []float64
		for _, tx := range svg.all("text") {
			if strings.Contains(tx.attr["style"], "text-anchor:middle") && strings.Contains(tx.attr["style"], "font-size:11px") {
				if v, err := parseFloat(tx.text); err == nil {
					ticks, labels = append(ticks, tx.float(t, "x")), append(labels, v)
				}
			}
		}
		if len(ticks) < 2 {
			t.Fatal("no x ticks")
		}
		perUnit := (ticks[1] - ticks[0]) / (labels[1] - labels[0])
		px := 0.0
		for _, rc := range rects {
			w := rc.float(t, "width")
			if strings.Contains(rc.attr["style"], colorDown) {
				w = -w
			}
			px += w
		}
		if !near(px/perUnit, fx-base, 0.15*10/perUnit+1e-9) {
			t.Errorf("drawn bars add up to %v, want %v", px/perUnit, fx-base)
		}
		if !strings.Contains(o.Text, " = ") || !strings.Contains(o.Text, "other features") {
			t.Errorf("text fallback:\n%s", o.Text)
		}
	}
}

func parseFloat(s string) (float64, error) {
	var v float64
	_, err := fmt.Sscan(strings.ReplaceAll(s, "−", "-"), &v)
	return v, err
}

func TestWaterfallLabelsInTableUnits(t *testing.T) {
	e := synthetic(1, 3, 2)
	e.Data[0][0], e.Data[0][1] = 1, 59300
	e.Values[0][1][0] = 5 // the largest
	o := Waterfall(e, 0, 0)
	for _, want := range []string{"feature_01 = 59,300", "feature_00 = store", "+5"} {
		if !strings.Contains(o.SVG, want) {
			t.Errorf("no %q in the waterfall", want)
		}
	}
}

func TestWaterfallLIME(t *testing.T) {
	e := synthetic(1, 3, 3)
	e.Method = "lime"
	e.Surrogates = [][]explain.Surrogate{{{Conditions: []string{"feature_00=web", "1.00 < feature_01 <= 2.00", "feature_02 > 3"},
		LocalPrediction: 0.61, ModelPrediction: 0.58, Fidelity: 0.83}}}
	o := Waterfall(e, 0, 0)
	for _, want := range []string{"1.00 &lt; feature_01 &lt;= 2.00", "feature_00=web", "local prediction 0.61", "model 0.58", "fidelity R² 0.83"} {
		if !strings.Contains(o.SVG, want) {
			t.Errorf("no %q in the LIME waterfall", want)
		}
	}
	parseSVG(t, o.SVG)
}

func TestImportanceWhiskers(t *testing.T) {
	e := synthetic(20, 30, 4)
	o := Importance(e, 0)
	svg := parseSVG(t, o.SVG)
	if n := len(barRects(t, svg)); n != importanceTop {
		t.Errorf("%d bars, want %d", n, importanceTop)
	}
	if len(svg.all("path")) != 1 { // the axes only
		t.Errorf("whiskers without standard errors")
	}
	e.StdErr = make([][][]float64, len(e.Values))
	for r := range e.StdErr {
		for range e.FeatureNames {
			e.StdErr[r] = append(e.StdErr[r], []float64{0.01})
		}
	}
	o = Importance(e, 0)
	svg = parseSVG(t, o.SVG)
	if len(svg.all("path")) != 1+importanceTop || !strings.Contains(o.Text, "±") {
		t.Errorf("want a whisker per bar: %d paths", len(svg.all("path")))
	}
	if se := importanceSE(e, 3, 0); !near(se, 0.01/math.Sqrt(20), 1e-12) {
		t.Errorf("standard error of the mean |value| %v", se)
	}
}

// all runs every chart of e (output k).
func allCharts(e *explain.Explanation, k int) map[string]kernel.Output {
	feature := ""
	if e != nil && len(e.FeatureNames) > 0 {
		feature = e.FeatureNames[len(e.FeatureNames)-1]
	}
	return map[string]kernel.Output{
		"waterfall":  Waterfall(e, 0, k),
		"importance": Importance(e, k),
		"beeswarm":   Beeswarm(e, k),
		"dependence": Dependence(e, feature, k),
		"heatmap":    AttributionHeatmap(e, k),
	}
}

func TestHostileNamesStayText(t *testing.T) {
	hostile := []string{`</svg><script>alert(1)</script>`, `C&D "q"`, "x'\x00\x1b<b>"}
	e := synthetic(5, 3, 5)
	e.FeatureNames = hostile
	e.OutputNames = []string{`<img src=x onerror=alert(1)>`}
	e.Categories[0] = []string{`</text><script>`, `&amp;`, `"`}
	for name, o := range allCharts(e, 0) {
		svg := parseSVG(t, o.SVG)
		if n := len(svg.all("script")) + len(svg.all("svg")) + len(svg.all("img")) + len(svg.all("b")); n != 0 {
			t.Errorf("%s: %d injected elements", name, n)
		}
		if strings.Contains(o.SVG, "<script") || strings.Contains(o.SVG, "<img") || strings.Contains(o.SVG, "\x00") {
			t.Errorf("%s: raw markup in the output", name)
		}
		found := false
		for _, tx := range append(svg.all("text"), svg.all("title")...) {
			found = found || strings.Contains(tx.text, hostile[0]) || strings.Contains(tx.text, hostile[1])
		}
		if !found {
			t.Errorf("%s: hostile names do not round-trip as text", name)
		}
	}
}

func TestChartsDegenerate(t *testing.T) {
	one := synthetic(1, 1, 6)
	zero := synthetic(4, 3, 7)
	for _, row := range zero.Values {
		for _, v := range row {
			v[0] = 0
		}
	}
	noData := synthetic(3, 4, 8)
	noData.Data, noData.Categories = nil, nil
	nan := synthetic(3, 3, 9)
	nan.Values[1][2][0] = math.NaN()
	nan.Data[0][1] = math.Inf(1)
	grouped := synthetic(3, 2, 10)
	grouped.Groups = [][]int{{0}, {1, 2}}
	cases := map[string]*explain.Explanation{"1 row 1 feature": one, "zero values": zero, "no data": noData,
		"1 row": synthetic(1, 12, 11), "1 feature": synthetic(6, 1, 12), "nan": nan, "groups": grouped,
		"no features": {Values: [][][]float64{{}}, BaseValues: [][]float64{{0.5}}, OutputNames: []string{"y"}}}
	for name, e := range cases {
		for chart, o := range allCharts(e, 0) {
			if o.Text == "" {
				t.Errorf("%s, %s: no text", name, chart)
			}
			if o.SVG == "" {
				continue
			}
			parseSVG(t, o.SVG)
			if strings.Contains(o.SVG, "NaN") || strings.Contains(o.SVG, "Inf") {
				t.Errorf("%s, %s: NaN or Inf in the SVG", name, chart)
			}
		}
	}
	// What cannot be drawn says why, in text only.
	bad := map[string]kernel.Output{"nil": Importance(nil, 0), "output": Beeswarm(one, 1), "row": Waterfall(one, 5, 0),
		"feature": Dependence(one, "nope", 0), "no data": Dependence(noData, "feature_01", 0),
		"ragged": Importance(&explain.Explanation{Values: [][][]float64{{{1}}}, BaseValues: [][]float64{{0}}, FeatureNames: []string{"a", "b"}, OutputNames: []string{"y"}}, 0)}
	for name, o := range bad {
		if o.SVG != "" || o.Text == "" {
			t.Errorf("%s: want a text-only output, got %q", name, o.Text)
		}
	}
	if o := Waterfall(one, 0, 0); !strings.Contains(o.SVG, "feature_00 = 59,300") {
		t.Errorf("one feature: %s", o.Text)
	}
}

func TestChartsDeterministic(t *testing.T) {
	a, b := allCharts(synthetic(50, 8, 13), 0), allCharts(synthetic(50, 8, 13), 0)
	for name := range a {
		if a[name].SVG != b[name].SVG || a[name].Text != b[name].Text {
			t.Errorf("%s: same explanation, different bytes", name)
		}
	}
}

// TestThirtyFeaturesReadable checks, with 30 long feature names, that the
// names on a band axis do not overlap each other or leave the panel.
func TestThirtyFeaturesReadable(t *testing.T) {
	e := synthetic(40, 30, 14)
	for j := range e.FeatureNames {
		e.FeatureNames[j] = fmt.Sprintf("worst concave points %02d", j)
	}
	e.FeatureNames[3] = strings.Repeat("a very long feature name ", 8)
	bars := &BarChart{Title: "all 30", XLabel: "x", YLabel: "feature / 特征"}
	for j, n := range e.FeatureNames {
		bars.Bars = append(bars.Bars, Bar{Label: n, To: float64(j)})
	}
	docs := map[string]string{"bars": bars.SVG()}
	for name, o := range allCharts(e, 0) {
		if name != "dependence" { // no feature names on its axes
			docs[name] = o.SVG
		}
	}
	for name, doc := range docs {
		svg := parseSVG(t, doc)
		var ys []float64
		for _, tx := range svg.all("text") {
			st := tx.attr["style"]
			if !strings.Contains(st, "text-anchor:end") || !strings.Contains(tx.text, "feature") && !strings.Contains(tx.text, "worst") && !strings.Contains(tx.text, "long") {
				continue
			}
			x := tx.float(t, "x")
			if w := textWidth(tx.text, tickSize); x-w < labelSize {
				t.Errorf("%s: label %q (%.0f px) starts left of the axis title, at %.0f", name, tx.text, w, x-w)
			}
			ys = append(ys, tx.float(t, "y"))
		}
		if len(ys) < 2 {
			t.Fatalf("%s: %d names", name, len(ys))
		}
		for i := 1; i < len(ys); i++ {
			if d := ys[i] - ys[i-1]; d < tickSize+1 {
				t.Errorf("%s: names %.1f px apart", name, d)
			}
		}
	}
}

func TestDependenceFindsTheInteraction(t *testing.T) {
	e := synthetic(300, 6, 15)
	rows := sampleRows(len(e.Values), maxSampleRows)
	x, _ := featureValues(e, rows, 1)
	best, score := interaction(e, rows, 1, 0, x, false)
	if best != 2 || score < 0.3 {
		t.Errorf("interaction of feature 1: %d (score %.2f), want 2", best, score)
	}
	o := Dependence(e, "feature_01", 0)
	if !strings.Contains(o.SVG, "colour: feature_02") || !strings.Contains(o.Text, "strongest interaction: feature_02") {
		t.Errorf("the chart does not name the interaction:\n%s", o.Text)
	}
	cat := Dependence(e, "feature_00", 0) // categorical x: the categories name the ticks
	svg := parseSVG(t, cat.SVG)
	for _, c := range []string{"web", "store", "phone"} {
		tickX(t, svg, c)
	}
}

func TestBeeswarmColoursAndSampling(t *testing.T) {
	e := synthetic(1500, 3, 16)
	o := Beeswarm(e, 0)
	svg := parseSVG(t, o.SVG)
	if n := len(svg.all("circle")); n != 3*maxSampleRows {
		t.Errorf("%d dots, want %d", n, 3*maxSampleRows)
	}
	grey, colored := 0, 0
	for _, c := range svg.all("circle") {
		if strings.Contains(c.attr["style"], colorGrey) {
			grey++
		} else {
			colored++
		}
	}
	if grey != maxSampleRows || colored != 2*maxSampleRows {
		t.Errorf("%d grey dots (the categorical feature), %d coloured", grey, colored)
	}
	if !strings.Contains(o.SVG, "feature value / 特征值") || !strings.Contains(o.SVG, "low / 低") {
		t.Errorf("no colour legend")
	}
	if r := ranks([]float64{3, 1, 2, 2, math.NaN()}); r[0] != 1 || r[1] != 0 || r[2] != 0.5 || r[3] != 0.5 || !math.IsNaN(r[4]) {
		t.Errorf("ranks %v", r)
	}
}

func TestTableNumber(t *testing.T) {
	for v, want := range map[float64]string{59300: "59,300", 56925.5: "56,925.5", 0.30011: "0.3001", -1234567: "-1,234,567", 0: "0", 70.789: "70.79"} {
		if got := tableNumber(v); got != want {
			t.Errorf("tableNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
