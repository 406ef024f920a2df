package reports

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/internal/echarts"
	"github.com/glassbox-ml/glassbox/kernel"
)

// option decodes the ECharts option of o.
type decoded struct {
	Title  []struct{ Text string } `json:"title"`
	Legend []struct {
		Data []string `json:"data"`
	} `json:"legend"`
	Grid   []map[string]any `json:"grid"`
	XAxis  []map[string]any `json:"xAxis"`
	YAxis  []map[string]any `json:"yAxis"`
	Series []struct {
		Name  string          `json:"name"`
		Type  string          `json:"type"`
		Stack string          `json:"stack"`
		Data  json.RawMessage `json:"data"`
	} `json:"series"`
	DataZoom  []map[string]any `json:"dataZoom"`
	VisualMap []struct {
		SeriesIndex []int `json:"seriesIndex"`
		Pieces      []struct {
			Value int
			Color string
		} `json:"pieces"`
	} `json:"visualMap"`
}

func option(t *testing.T, name string, o kernel.Output) decoded {
	t.Helper()
	if o.ECharts == "" {
		t.Fatalf("%s: no ECharts option (%s)", name, o.Text)
	}
	var d decoded
	if err := json.Unmarshal([]byte(o.ECharts), &d); err != nil {
		t.Fatalf("%s: option is not JSON: %v", name, err)
	}
	return d
}

// same reports whether a number of an option (6 significant digits) is v.
func same(got any, v float64) bool {
	if got == nil {
		return !finite(v)
	}
	g, ok := got.(float64)
	return ok && math.Abs(g-v) <= 1e-5*math.Max(math.Abs(v), 1e-9)
}

func TestEChartsCurvesSeriesAreTheChartsData(t *testing.T) {
	h := history(12, 6)
	h.StoppedEarly = true
	o := Curves(h)
	d := option(t, "curves", o)
	panels := curveSpec{epochs: h.Epochs, best: markedEpoch(h)}.panels()
	var want []Series
	for _, p := range panels {
		want = append(want, p.(*Chart).Series...)
	}
	if len(d.Series) != len(want) || len(d.Grid) != 2 || len(d.Title) != 2 {
		t.Fatalf("%d series, %d grids, %d titles; want %d, 2, 2", len(d.Series), len(d.Grid), len(d.Title), len(want))
	}
	for i, s := range want {
		var pts [][2]any
		if err := json.Unmarshal(d.Series[i].Data, &pts); err != nil {
			t.Fatal(err)
		}
		if d.Series[i].Name != s.Name || d.Series[i].Type != "line" || len(pts) != len(s.X) {
			t.Fatalf("series %d: %q %s %d points, want %q line %d", i, d.Series[i].Name, d.Series[i].Type, len(pts), s.Name, len(s.X))
		}
		for j := range pts {
			if !same(pts[j][0], s.X[j]) || !same(pts[j][1], s.Y[j]) {
				t.Fatalf("series %d point %d: %v, want %v, %v", i, j, pts[j], s.X[j], s.Y[j])
			}
		}
	}
	if len(d.Legend) != 2 || len(d.Legend[0].Data) != 2 || d.Legend[0].Data[0] != labelTrain || d.Legend[0].Data[1] != labelValidation {
		t.Errorf("legends %+v", d.Legend)
	}
	if len(d.DataZoom) != 2 {
		t.Errorf("%d data zooms, want one per panel", len(d.DataZoom))
	}
	if !strings.Contains(o.ECharts, `"best / 最佳: 6"`) {
		t.Errorf("the best epoch is not marked")
	}
}

func TestEChartsBarsAndWaterfall(t *testing.T) {
	e := synthetic(30, 14, 3)
	for name, o := range map[string]kernel.Output{"importance": Importance(e, 0), "waterfall": Waterfall(e, 2, 0)} {
		d := option(t, name, o)
		if len(d.Series) != 2 || d.Series[0].Stack == "" || d.Series[0].Stack != d.Series[1].Stack {
			t.Fatalf("%s: want an invisible base and the bars, stacked: %+v", name, d.Series)
		}
		var base []float64
		var bars []struct {
			Name  string
			Value float64
		}
		if err := json.Unmarshal(d.Series[0].Data, &base); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(d.Series[1].Data, &bars); err != nil {
			t.Fatal(err)
		}
		names, _ := d.YAxis[0]["data"].([]any)
		if len(bars) != len(names) || len(base) != len(bars) {
			t.Fatalf("%s: %d bars, %d bases, %d names", name, len(bars), len(base), len(names))
		}
		if name == "importance" {
			imp := meanAbs(e, 0)
			for i, j := range byMagnitude(imp)[:len(bars)] {
				if names[i] != e.FeatureNames[j] || !same(bars[i].Value, imp[j]) || base[i] != 0 {
					t.Errorf("bar %d: %v %v from %v, want %s %v", i, names[i], bars[i].Value, base[i], e.FeatureNames[j], imp[j])
				}
			}
			continue
		}
		wb, _, _ := waterfallBars(e, 2, 0)
		for i, b := range wb {
			if !same(base[i], min(b.from, b.to)) || !same(bars[i].Value, math.Abs(b.phi)) {
				t.Errorf("waterfall bar %d: from %v length %v, want %v %v", i, base[i], bars[i].Value, min(b.from, b.to), math.Abs(b.phi))
			}
		}
	}
}

func TestEChartsScatters(t *testing.T) {
	e := synthetic(40, 6, 5)
	bee := option(t, "beeswarm", Beeswarm(e, 0))
	if len(bee.Series) != 6 || len(bee.VisualMap) != 1 || len(bee.VisualMap[0].SeriesIndex) != 6 {
		t.Fatalf("beeswarm: %d series, %d visual maps; want a series per feature, one map for all", len(bee.Series), len(bee.VisualMap))
	}
	order := byMagnitude(meanAbs(e, 0))
	for band, s := range bee.Series {
		var pts [][3]float64
		if err := json.Unmarshal(s.Data, &pts); err != nil {
			t.Fatal(err)
		}
		j := order[band]
		if s.Name != e.FeatureNames[j] || len(pts) != 40 {
			t.Fatalf("band %d: %q with %d dots, want %q with 40", band, s.Name, len(pts), e.FeatureNames[j])
		}
		colors := rankColors(featureValues(e, sampleRows(40, maxSampleRows), j))
		for i, p := range pts {
			if !same(p[0], e.Values[i][j][0]) || math.Round(p[1]) != float64(band) {
				t.Fatalf("band %d dot %d: %v, want x %v", band, i, p, e.Values[i][j][0])
			}
			if c := bee.VisualMap[0].Pieces[int(p[2])].Color; c != colors[i] {
				t.Fatalf("band %d dot %d: colour %s, want %s", band, i, c, colors[i])
			}
		}
	}
	dep := option(t, "dependence", Dependence(e, "feature_00", 0))
	if len(dep.Series) != 1 || len(dep.XAxis) != 2 { // categories: a value axis and one with the names
		t.Fatalf("dependence: %d series, %d x axes", len(dep.Series), len(dep.XAxis))
	}
}

// binaryScores draws n labels 0/1 and scores P(1) that separate them
// imperfectly, for the quality charts.
func binaryScores(n int) (y []float64, p [][]float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range n {
		c := float64(rng.IntN(2))
		y = append(y, c)
		p = append(p, []float64{min(max(0.3*c+0.35+0.3*rng.Float64(), 0), 1)})
	}
	return y, p
}

func TestEChartsQualityCharts(t *testing.T) {
	y, p := binaryScores(200)
	roc := option(t, "roc", ROC(y, p, "yes"))
	if len(roc.Series) < 2 || roc.Series[0].Type != "line" {
		t.Errorf("roc: %+v", roc.Series)
	}
	option(t, "pr", PrecisionRecall(y, p, "yes"))
	cm := option(t, "confusion", Confusion(y, p, []string{"no", "yes"}))
	var cells []struct {
		Name  string
		Value [3]float64
	}
	if err := json.Unmarshal(cm.Series[0].Data, &cells); err != nil || len(cells) != 4 || cm.Series[0].Type != "heatmap" {
		t.Fatalf("confusion: %v, %d cells", err, len(cells))
	}
}

// TestEChartsHostileNamesStayData: names from the data cannot end the
// JSON data block nor start markup: <, >, & and U+2028/9 are escaped, and
// the option decodes back to the very names.
func TestEChartsHostileNamesStayData(t *testing.T) {
	hostile := "</script><script>alert(2)</script>\u2028&amp;"
	e := synthetic(8, 3, 5)
	e.FeatureNames[1] = hostile
	e.Categories[0] = []string{hostile, "store", "phone"}
	for name, o := range allCharts(e, 0) {
		if o.ECharts == "" {
			continue
		}
		for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
			if strings.Contains(o.ECharts, bad) {
				t.Errorf("%s: raw %q in the option", name, bad)
			}
		}
		if !strings.Contains(o.ECharts, `\u003c/script\u003e\u003cscript\u003ealert(2)\u003c/script\u003e\u2028\u0026amp;`) {
			t.Errorf("%s: the hostile name is not in the option, escaped", name)
		}
		frag := echarts.Fragment(o.SVG, []byte(o.ECharts), true)
		if n := strings.Count(frag, "<script"); n != 2 {
			t.Errorf("%s: %d script elements in the fragment, want the data block and the init script", name, n)
		}
		var back any
		if err := json.Unmarshal([]byte(o.ECharts), &back); err != nil || !holds(back, hostile) {
			t.Errorf("%s: the name does not decode back: %v", name, err)
		}
	}
}

// holds reports whether a decoded JSON value has a string containing s.
func holds(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, s)
	case []any:
		for _, x := range v {
			if holds(x, s) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if holds(x, s) {
				return true
			}
		}
	}
	return false
}

func TestEChartsDeterministicAndDegenerate(t *testing.T) {
	e := synthetic(20, 5, 9)
	a, b := allCharts(e, 0), allCharts(e, 0)
	for name := range a {
		if a[name].ECharts != b[name].ECharts {
			t.Errorf("%s: two options for the same input", name)
		}
	}
	nan := synthetic(4, 3, 9)
	nan.Values[1][2][0] = math.NaN()
	for name, o := range allCharts(nan, 0) {
		if o.ECharts != "" && (strings.Contains(o.ECharts, "NaN") || strings.Contains(o.ECharts, "Inf")) {
			t.Errorf("%s: NaN in the option", name)
		}
	}
	if o := AttributionHeatmap(e, 0); o.ECharts != "" {
		t.Errorf("the cell heatmap has no interactive form yet, but got an option")
	}
}

// TestEChartsSamples writes a page with every interactive chart (and the
// ECharts library when found) to $GLASSBOX_SAMPLES.
func TestEChartsSamples(t *testing.T) {
	e := synthetic(300, 14, 3)
	e.FeatureNames[2] = "收入 income"
	e.FeatureNames[3] = "</script><script>alert(2)</script>"
	h := history(20, 12)
	h.StoppedEarly = true
	y, p := binaryScores(300)
	outs := []kernel.Output{Curves(h), Importance(e, 0), Beeswarm(e, 0), Dependence(e, "feature_00", 0), Dependence(e, "收入 income", 0),
		Waterfall(e, 1, 0), ROC(y, p, "是"), PrecisionRecall(y, p, "是"), Confusion(y, p, []string{"否 no", "是 yes"})}
	var page strings.Builder
	page.WriteString("<!doctype html><html lang=zh><meta charset=utf-8><style>" + echarts.Style + "</style>")
	if lib, _, err := echarts.Load(""); err == nil {
		page.WriteString(echarts.LibraryScript(lib))
	}
	page.WriteString("<body>")
	head := page.String()
	for _, o := range outs {
		page.WriteString(echarts.Fragment(o.SVG, []byte(o.ECharts), false))
	}
	writeSample(t, "interactive.html", page.String())
	page.Reset()
	page.WriteString(head)
	for _, o := range outs[5:] {
		page.WriteString(echarts.Fragment(o.SVG, []byte(o.ECharts), false))
	}
	writeSample(t, "interactive-quality.html", page.String())
}

// TestNotebookOfTwentyChartsSize: twenty interactive charts as a notebook
// keeps them (text/html with the first one inlining ECharts, the SVG as
// image/svg+xml, the text) stay under 5 MB. Skipped without ECharts.
func TestNotebookOfTwentyChartsSize(t *testing.T) {
	lib, _, err := echarts.Load("")
	if err != nil {
		t.Skip(err)
	}
	t.Setenv("GONB_TMP_DIR", t.TempDir())
	e := synthetic(300, 14, 3)
	rng := rand.New(rand.NewPCG(1, 2))
	var y []float64
	var p [][]float64
	for range 300 {
		c := float64(rng.IntN(2))
		y = append(y, c)
		p = append(p, []float64{min(max(0.3*c+0.2+0.5*rng.Float64(), 0), 1)})
	}
	// A working notebook's mix: curves, importances, two beeswarms,
	// dependence plots, waterfalls and the quality charts.
	var outs []kernel.Output
	for i := range 5 {
		outs = append(outs, Curves(history(20+5*i, 10)))
	}
	for i := range 3 {
		outs = append(outs, Importance(e, 0), Dependence(e, e.FeatureNames[i+1], 0), Waterfall(e, i, 0))
	}
	outs = append(outs, Importance(e, 0), Beeswarm(e, 0), Beeswarm(e, 0), ROC(y, p, "1"), PrecisionRecall(y, p, "1"), Confusion(y, p, nil))
	type output struct {
		Type     string            `json:"output_type"`
		Data     map[string]string `json:"data"`
		Metadata map[string]any    `json:"metadata"`
	}
	var nb []output
	for _, o := range outs {
		if o.ECharts == "" {
			t.Fatalf("a chart without an option: %.60s", o.Text)
		}
		nb = append(nb, output{Type: "display_data", Metadata: map[string]any{}, Data: map[string]string{
			"text/html": kernel.Interactive(o.SVG, o.ECharts), "image/svg+xml": o.SVG, "text/plain": o.Text}})
	}
	data, err := json.MarshalIndent(map[string]any{"cells": []any{map[string]any{"outputs": nb}}}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d charts: %d bytes, ECharts %d", len(outs), len(data), len(lib))
	if len(data) >= 5<<20 {
		t.Errorf("%d bytes, want under 5 MB", len(data))
	}
	n := 0
	for _, o := range nb {
		n += strings.Count(o.Data["text/html"], string(lib))
	}
	if n != 1 || !strings.HasPrefix(nb[0].Data["text/html"], "<script>") {
		t.Errorf("ECharts inlined %d times", n)
	}
}
