package reports

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/internal/metrics"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

func probs(v ...float64) [][]float64 {
	out := make([][]float64, len(v))
	for i, x := range v {
		out[i] = []float64{x}
	}
	return out
}

// legendNames returns the legend entries of a chart SVG.
func legendNames(svg *node) map[string]bool {
	out := map[string]bool{}
	for _, g := range svg.all("g") {
		if len(g.children) >= 2 && g.children[0].name == "title" && g.children[len(g.children)-1].name == "text" {
			out[g.children[len(g.children)-1].text] = true
		}
	}
	return out
}

// checkChart parses a chart output, checks it is deterministic, has no
// script and has a text form, and returns it.
func checkChart(t *testing.T, o kernel.Output, again kernel.Output) *node {
	t.Helper()
	svg := parseSVG(t, o.SVG)
	if o.SVG != again.SVG || o.Text != again.Text {
		t.Errorf("not deterministic")
	}
	if len(svg.all("script")) > 0 || strings.Contains(o.SVG, "<script") {
		t.Errorf("a script in the SVG")
	}
	if o.Text == "" {
		t.Errorf("no text fallback")
	}
	return svg
}

func TestROCPerfectAndRandom(t *testing.T) {
	y := []float64{0, 0, 1, 1}
	c, _, err := rocPanel(y, probs(0.1, 0.2, 0.8, 0.9), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Series[0]
	// A perfect classifier: (0,0) → (0,1) → (1,1).
	hitsCorner := false
	for i := range s.X {
		if s.X[i] == 0 && s.Y[i] == 1 {
			hitsCorner = true
		}
		if s.Y[i] < 1 && s.X[i] > 0 {
			t.Errorf("point (%v, %v) below the perfect curve", s.X[i], s.Y[i])
		}
	}
	if !hitsCorner || s.Name != "AUC 1.000 (positive: 1)" {
		t.Errorf("perfect: %v %v %q", s.X, s.Y, s.Name)
	}
	// A classifier that gives every row the same score: the diagonal, AUC ½.
	c, _, err = rocPanel(y, probs(0.5, 0.5, 0.5, 0.5), nil)
	if err != nil {
		t.Fatal(err)
	}
	s = c.Series[0]
	if len(s.X) != 2 || s.X[0] != 0 || s.Y[0] != 0 || s.X[1] != 1 || s.Y[1] != 1 || s.Name != "AUC 0.500 (positive: 1)" {
		t.Errorf("all-equal scores: %v %v %q", s.X, s.Y, s.Name)
	}
	// The perfect curve passes through the pixel of (0, 1), and the
	// chance diagonal is dashed from (0,0) to (1,1).
	o := ROC(y, probs(0.1, 0.2, 0.8, 0.9), "benign", "malignant")
	svg := checkChart(t, o, ROC(y, probs(0.1, 0.2, 0.8, 0.9), "benign", "malignant"))
	x0, y1 := tickX(t, svg, "0.0"), tickY(t, svg, "1.0")
	g := svg.titled("AUC 1.000 (positive: malignant)")
	if len(g) != 2 {
		t.Fatalf("%d groups for the curve, want legend and line", len(g))
	}
	pts, _ := pathPoints(t, g[1].all("path")[0].attr["d"])
	found := false
	for _, p := range pts {
		found = found || (near(p[0], x0, 0.1) && near(p[1], y1, 0.1))
	}
	if !found {
		t.Errorf("curve %v misses (0,1) at (%v,%v)", pts, x0, y1)
	}
	chance := svg.titled(labelChance)
	if len(chance) != 1 || !strings.Contains(chance[0].all("path")[0].attr["style"], "dasharray") {
		t.Errorf("no dashed chance diagonal")
	}
	for _, want := range []string{"ROC curve", labelFPR, labelTPR} {
		if !strings.Contains(o.SVG, want) {
			t.Errorf("no %q", want)
		}
	}
}

func TestROCLegendAUCMatchesMetrics(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	var y []float64
	var p [][]float64
	var p3 [][]float64
	for range 300 {
		c := float64(rng.IntN(3))
		s := min(max(0.3*c+0.5*rng.Float64(), 0), 1)
		y = append(y, min(c, 1))
		p = append(p, []float64{s})
		a, b := rng.Float64()+c*0.5, rng.Float64()
		tot := a + b + 1
		p3 = append(p3, []float64{a / tot, b / tot, 1 / tot})
	}
	auc, err := metrics.AUC(y, p)
	if err != nil {
		t.Fatal(err)
	}
	svg := parseSVG(t, ROC(y, p).SVG)
	if want := fmt.Sprintf("AUC %.3f (positive: 1)", auc); !legendNames(svg)[want] {
		t.Errorf("legend %v lacks %q", legendNames(svg), want)
	}
	// Multiclass: one-vs-rest, each class's AUC as metrics computes it.
	y3 := make([]float64, len(y))
	for i := range y3 {
		y3[i] = float64(i % 3)
	}
	o := ROC(y3, p3, "a", "b", "c")
	names := legendNames(parseSVG(t, o.SVG))
	for j, name := range []string{"a", "b", "c"} {
		yb, pb := make([]float64, len(y3)), make([][]float64, len(y3))
		for i := range y3 {
			if int(y3[i]) == j {
				yb[i] = 1
			}
			pb[i] = []float64{p3[i][j]}
		}
		a, err := metrics.AUC(yb, pb)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%s (AUC %.3f)", name, a); !names[want] {
			t.Errorf("legend %v lacks %q", names, want)
		}
	}
}

func TestPrecisionRecallSteps(t *testing.T) {
	// scikit-learn's example: AP 5/6, positive rate ½.
	y, p := []float64{0, 0, 1, 1}, probs(0.1, 0.4, 0.35, 0.8)
	c, _, err := prPanel(y, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Series[0]
	if s.Name != "AP 0.833 (positive: 1)" {
		t.Errorf("name %q", s.Name)
	}
	// The area under the steps is the AP.
	area := 0.0
	for i := 1; i < len(s.X); i++ {
		area += (s.X[i] - s.X[i-1]) * s.Y[i]
	}
	if math.Abs(area-5.0/6) > 1e-12 {
		t.Errorf("area under the steps %v, want 5/6; %v %v", area, s.X, s.Y)
	}
	if b := c.Series[1]; b.Y[0] != 0.5 || b.Y[1] != 0.5 || !b.Dashed {
		t.Errorf("baseline %+v", b)
	}
	checkChart(t, PrecisionRecall(y, p), PrecisionRecall(y, p))
}

func TestCalibrationBinMeans(t *testing.T) {
	y := []float64{0, 0, 1, 1, 1, 0}
	p := probs(0.05, 0.15, 0.25, 0.95, 1, 0.9)
	c, text, err := calibrationPanel(y, p, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Series[0]
	want := [][2]float64{{0.15, 1.0 / 3}, {0.95, 2.0 / 3}}
	if len(s.X) != 2 {
		t.Fatalf("points %v %v", s.X, s.Y)
	}
	for i, w := range want {
		if math.Abs(s.X[i]-w[0]) > 1e-12 || math.Abs(s.Y[i]-w[1]) > 1e-12 {
			t.Errorf("bin %d: (%v, %v), want %v", i, s.X[i], s.Y[i], w)
		}
		if !strings.Contains(s.Tips[i], "3 rows") {
			t.Errorf("tip %q lacks the count", s.Tips[i])
		}
	}
	// Brier: (0.05² + 0.15² + 0.75² + 0.05² + 0 + 0.9²)/6.
	brier := (0.0025 + 0.0225 + 0.5625 + 0.0025 + 0.81) / 6
	if !strings.Contains(text, fmt.Sprintf("Brier score %.3f", brier)) {
		t.Errorf("text lacks the Brier score %.3f:\n%s", brier, text)
	}
	svg := checkChart(t, Calibration(y, p, 2), Calibration(y, p, 2))
	tips := 0
	for _, ti := range svg.all("title") {
		if strings.Contains(ti.text, "3 rows") {
			tips++
		}
	}
	if tips != 2 {
		t.Errorf("%d tooltips with the bin count, want 2", tips)
	}
	// Empty bins are left out.
	c, _, _ = calibrationPanel(y, p, 10, nil)
	if n := len(c.Series[0].X); n != 4 { // bins 0, 1, 2 and 9
		t.Errorf("%d points with 10 bins, want 4 (non-empty bins)", n)
	}
}

func TestScoreDistributionsShares(t *testing.T) {
	y := []float64{0, 0, 0, 1}
	p := probs(0.01, 0.02, 0.99, 0.6)
	c, _, err := scoresPanel(y, p, []string{"no", "yes"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Series) != 2 || c.Series[0].Name != "true no (n = 3)" || !c.Series[0].Fill {
		t.Fatalf("series %+v", c.Series)
	}
	// Class "no": 2/3 in the first bin, 1/3 in the last.
	s := c.Series[0]
	if s.Y[1] != 2.0/3 || s.Y[len(s.Y)-2] != 1.0/3 {
		t.Errorf("shares %v", s.Y)
	}
	checkChart(t, ScoreDistributions(y, p), ScoreDistributions(y, p))
}

func TestConfusionCountsAndHostileNames(t *testing.T) {
	y := []float64{0, 0, 0, 1, 1, 2}
	p := [][]float64{{.8, .1, .1}, {.6, .3, .1}, {.2, .7, .1}, {.1, .8, .1}, {.5, .4, .1}, {.1, .1, .8}}
	hostile := `</text><script>alert(1)</script>`
	names := []string{hostile, `C&D "q"`, "类别"}
	o := Confusion(y, p, names)
	svg := checkChart(t, o, Confusion(y, p, names))
	texts := map[string]bool{}
	for _, tx := range svg.all("text") {
		texts[tx.text] = true
	}
	for _, want := range []string{"2\n", "66.7%", "33.3%", "50.0%", "100.0%", `C&D "q"`, "类别"} {
		if !texts[strings.TrimSuffix(want, "\n")] {
			t.Errorf("no text %q in %v", want, texts)
		}
	}
	titled := 0
	for _, ti := range svg.all("title") {
		if ti.text == hostile {
			titled++
		}
	}
	if titled != 2 {
		t.Errorf("hostile name in %d titles, want 2 (row and column)", titled)
	}
	if !strings.Contains(o.Text, "2 (66.7%)") || !strings.Contains(o.Text, hostile) {
		t.Errorf("text:\n%s", o.Text)
	}
	m, _, _ := confusionPanel(y, p, names)
	if m.Shade[0][0] != 2.0/3 || m.Shade[2][2] != 1 || m.Shade[2][0] != 0 {
		t.Errorf("shades %v", m.Shade)
	}
	// Binary, one column: threshold ½ (0.5 counts as positive).
	m, _, _ = confusionPanel([]float64{0, 1, 1}, probs(0.5, 0.49, 0.9), nil)
	if m.Text[0][1] != "1\n100.0%" || m.Text[1][0] != "1\n50.0%" {
		t.Errorf("binary cells %v", m.Text)
	}
	// Hostile labels on a ROC legend stay text too.
	svg = parseSVG(t, ROC([]float64{0, 1}, probs(0.2, 0.7), "a", hostile).SVG)
	if !legendNames(svg)["AUC 1.000 (positive: "+hostile+")"] {
		t.Errorf("legend %v", legendNames(svg))
	}
}

func TestQualityDegenerateInputs(t *testing.T) {
	charts := map[string]func(y []float64, p [][]float64) kernel.Output{
		"confusion":   func(y []float64, p [][]float64) kernel.Output { return Confusion(y, p, nil) },
		"roc":         func(y []float64, p [][]float64) kernel.Output { return ROC(y, p) },
		"pr":          func(y []float64, p [][]float64) kernel.Output { return PrecisionRecall(y, p) },
		"calibration": func(y []float64, p [][]float64) kernel.Output { return Calibration(y, p, 10) },
		"scores":      func(y []float64, p [][]float64) kernel.Output { return ScoreDistributions(y, p) },
	}
	inputs := map[string]struct {
		y         []float64
		p         [][]float64
		undefined []string // charts that must say "not defined"
	}{
		"empty":         {nil, nil, []string{"confusion", "roc", "pr", "calibration", "scores"}},
		"one class":     {[]float64{0, 0, 0}, probs(0.2, 0.4, 0.9), []string{"roc", "pr"}},
		"all positive":  {[]float64{1, 1}, probs(0.2, 0.9), []string{"roc"}},
		"equal scores":  {[]float64{0, 1, 0, 1}, probs(0.5, 0.5, 0.5, 0.5), nil},
		"nan":           {[]float64{0, 1}, probs(math.NaN(), 0.5), []string{"confusion", "roc", "pr", "calibration", "scores"}},
		"short":         {[]float64{0, 1, 1}, probs(0.1, 0.5), []string{"confusion", "roc", "pr", "calibration", "scores"}},
		"bad class":     {[]float64{0, 2}, probs(0.1, 0.5), []string{"confusion", "roc", "pr", "calibration", "scores"}},
		"not a prob":    {[]float64{0, 1}, probs(-3, 7), []string{"confusion", "roc", "pr", "calibration", "scores"}},
		"ragged":        {[]float64{0, 1}, [][]float64{{.5, .5}, {1}}, []string{"confusion", "roc", "pr", "calibration", "scores"}},
		"multi 1 class": {[]float64{2, 2}, [][]float64{{.2, .3, .5}, {.1, .1, .8}}, []string{"roc"}},
	}
	for in, c := range inputs {
		for name, chart := range charts {
			o := chart(c.y, c.p)
			parseSVG(t, o.SVG)
			undefined := strings.Contains(o.Text, "not defined:")
			want := false
			for _, u := range c.undefined {
				want = want || u == name
			}
			if undefined != want {
				t.Errorf("%s, %s: not defined %v, want %v:\n%s", in, name, undefined, want, o.Text)
			}
		}
	}
	// Regression.
	for in, c := range map[string]struct {
		y, p      []float64
		undefined bool
	}{
		"empty":    {nil, nil, true},
		"short":    {[]float64{1, 2}, []float64{1}, true},
		"inf":      {[]float64{1, math.Inf(1)}, []float64{1, 2}, true},
		"constant": {[]float64{3, 3, 3}, []float64{3, 3, 3}, false},
		"one row":  {[]float64{3}, []float64{2}, false},
	} {
		for name, o := range map[string]kernel.Output{"residuals": Residuals(c.y, c.p), "pred-actual": PredictedVsActual(c.y, c.p)} {
			parseSVG(t, o.SVG)
			if got := strings.Contains(o.Text, "not defined:"); got != c.undefined {
				t.Errorf("%s, %s: not defined %v, want %v:\n%s", in, name, got, c.undefined, o.Text)
			}
			if in == "constant" && !strings.Contains(o.Text, "R² not defined") {
				t.Errorf("constant targets: %s", o.Text)
			}
		}
	}
}

func TestRegressionCharts(t *testing.T) {
	y := []float64{1, 2, 3, 4}
	pred := []float64{1.5, 2, 2.5, 4}
	// R² = 1 − 0.5/5 = 0.9.
	o := PredictedVsActual(y, pred)
	svg := checkChart(t, o, PredictedVsActual(y, pred))
	if !strings.Contains(o.SVG, "R² 0.900") {
		t.Errorf("no R² 0.900 in the subtitle")
	}
	if len(svg.all("circle")) != 4 || len(svg.titled(labelIdentity)) != 2 {
		t.Errorf("want 4 dots and the identity line")
	}
	c, _, _ := residualsPanel(y, pred)
	if r := c.Series[0].Y; r[0] != -0.5 || r[2] != 0.5 || r[3] != 0 {
		t.Errorf("residuals %v", r)
	}
	checkChart(t, Residuals(y, pred), Residuals(y, pred))
}

func TestQualityOfARun(t *testing.T) {
	if _, err := Quality(nil, nil); err == nil {
		t.Errorf("nil run: no error")
	}
	f, err := datasets.Customers(300, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		target string
		titles []string
	}{
		{"buys", []string{titleConfusion, titleROC, titlePR, titleCalib, titleScores}},
		{"region", []string{titleConfusion, titleROC, titlePR}},
		{"demand", []string{titlePredActual, titleResiduals}},
	} {
		run, err := ml.Train(f, c.target, ml.TrainOptions{Epochs: 2, Seed: 1, Quiet: true, Backend: "go"})
		if err != nil {
			t.Fatal(err)
		}
		o, err := Quality(run, f)
		if err != nil {
			t.Fatal(err)
		}
		svg := parseSVG(t, o.SVG)
		var got []string
		for _, tx := range svg.all("text") {
			if strings.Contains(tx.attr["style"], "font-weight:600;fill:#222") {
				got = append(got, tx.text)
			}
		}
		if strings.Join(got, "|") != strings.Join(c.titles, "|") {
			t.Errorf("%s: titles %v, want %v", c.target, got, c.titles)
		}
		if !strings.HasPrefix(o.Text, "model quality on 300 rows") {
			t.Errorf("%s: text %q", c.target, o.Text)
		}
	}
	// A subset without some regions: the run's classes keep their
	// indices, and the curves of absent classes say so.
	run, err := ml.Train(f, "region", ml.TrainOptions{Epochs: 1, Seed: 1, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	regions, _ := f.Strings("region")
	var rows []int
	for i, r := range regions {
		if r == "north" || r == "west" {
			rows = append(rows, i)
		}
	}
	sub, err := f.Subset(rows)
	if err != nil {
		t.Fatal(err)
	}
	o, err := Quality(run, sub)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(o.Text, "not defined (class absent or alone): east, south") {
		t.Errorf("text:\n%s", o.Text)
	}
	parseSVG(t, o.SVG)
	// A class the run never saw is an error.
	g, err := data.NewFrame(f.Names(), [][]string{recordRow(t, f, 0, "region", "atlantis"), recordRow(t, f, 1, "region", "north")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Quality(run, g); err == nil || !strings.Contains(err.Error(), `"atlantis", which the run did not learn`) {
		t.Errorf("unknown class: %v", err)
	}
}

// recordRow returns row r of f as cells in column order, with column set to value.
func recordRow(t *testing.T, f *data.Frame, r int, column, value string) []string {
	t.Helper()
	rec, err := f.Record(r)
	if err != nil {
		t.Fatal(err)
	}
	rec[column] = value
	var out []string
	for _, n := range f.Names() {
		out = append(out, rec[n])
	}
	return out
}
