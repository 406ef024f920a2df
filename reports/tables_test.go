package reports

import (
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
)

// twoRows is an explanation of two rows, three features (one named like a
// tag) and two outputs.
func twoRows() *explain.Explanation {
	return &explain.Explanation{
		Values:       [][][]float64{{{1, -2}, {-3, 0}, {0.5, 4}}, {{-1, 0}, {1, 2}, {2.5, -4}}},
		BaseValues:   [][]float64{{10, 1}, {10, 1}},
		Method:       "exact",
		FeatureNames: []string{"age", "income", "<city>"},
		OutputNames:  []string{"p", "q"},
		Data:         [][]float64{{30, 1000, 1}, {40, 2000, 0}},
		Link:         "identity",
	}
}

func TestExplanationTable(t *testing.T) {
	e := twoRows()
	o := ExplanationTable(e)
	if !strings.Contains(o.HTML, "&lt;city&gt;") || strings.Contains(o.HTML, "<city>") {
		t.Error("HTML does not escape feature names")
	}
	if !strings.Contains(o.HTML, "mean |exact value| over 2 rows") || o.Text != e.Text() {
		t.Errorf("many rows:\n%s", o.HTML)
	}
	// The ranking is income (2) > <city> (1.5) > age (1) for output p.
	if i, c, a := strings.Index(o.HTML, ">income<"), strings.Index(o.HTML, "&lt;city&gt;<"), strings.Index(o.HTML, ">age<"); !(i < c && c < a) {
		t.Error("HTML is not ranked")
	}
	one := twoRows()
	one.Values, one.BaseValues, one.Data = one.Values[:1], one.BaseValues[:1], one.Data[:1]
	h := ExplanationTable(one).HTML
	for _, s := range []string{"base value", "f(x)", "income = 1,000", colorUp, colorDown, "exact explanation (identity space)"} {
		if !strings.Contains(h, s) {
			t.Errorf("one-row HTML lacks %q", s)
		}
	}
	if strings.Count(h, "<table") != 2 || strings.Count(h, "<tr>") != 2*5 {
		t.Errorf("one-row HTML should hold 2 tables of 5 lines:\n%s", h)
	}
	one.Categories = [][]string{nil, nil, {"paris", "C&D"}}
	if h := ExplanationTable(one).HTML; !strings.Contains(h, "&lt;city&gt; = C&amp;D") {
		t.Errorf("the category is not named:\n%s", h)
	}
	many := &explain.Explanation{Values: [][][]float64{make([][]float64, 25)}, BaseValues: [][]float64{{0}}, OutputNames: []string{"y"}, Method: "kernel"}
	for j := range many.Values[0] {
		many.Values[0][j] = []float64{float64(j + 1)}
		many.FeatureNames = append(many.FeatureNames, "f"+string(rune('a'+j)))
	}
	if h := ExplanationTable(many).HTML; !strings.Contains(h, "5 other features") || strings.Count(h, "<tr>") != 2+tableTop+1 {
		t.Errorf("25 features: %d lines", strings.Count(h, "<tr>"))
	}
	lime := twoRows()
	lime.Method = "lime"
	lime.Values, lime.BaseValues = lime.Values[:1], lime.BaseValues[:1]
	lime.Surrogates = [][]explain.Surrogate{{{Conditions: []string{"age <= 30", "<b> > 3", "city=C&D"}}, {Conditions: []string{"a", "b", "c"}}}}
	if h := ExplanationTable(lime).HTML; !strings.Contains(h, "&lt;b&gt; &gt; 3") || strings.Contains(h, "<b> >") {
		t.Errorf("LIME conditions not escaped:\n%s", h)
	}
	if o := ExplanationTable(nil); o.HTML != "" || o.Text == "" {
		t.Error("nil explanation")
	}
	if o := ExplanationTable(&explain.Explanation{Values: [][][]float64{{{1}}}, BaseValues: [][]float64{{0}}, FeatureNames: []string{"a", "b"}, OutputNames: []string{"y"}}); o.HTML != "" {
		t.Error("ragged explanation rendered")
	}
}

func TestScorecardTable(t *testing.T) {
	s := &explain.Scorecard{Method: "kernel", Rows: 30, Features: 10, Criteria: []explain.Criterion{
		{Name: "SHAP additivity error", Value: 1e-12, Threshold: "≤ 1e-06", Pass: true, Meaning: "adds up"},
		{Name: "Deletion area <img src=x onerror=alert(1)>", Value: 0.3, Threshold: "< 0.250 (random order)", Pass: false, Meaning: "C&D"},
	}}
	o := ScorecardTable(s)
	for _, want := range []string{"Transparency scorecard", "SHAP additivity error", "✓ pass", "⚠ warn", "&lt; 0.250", colorPass, colorWarn,
		"1 of 2 checks pass.", "&lt;img src=x onerror=alert(1)&gt;", "C&amp;D"} {
		if !strings.Contains(o.HTML, want) {
			t.Errorf("no %q in the scorecard", want)
		}
	}
	if strings.Contains(o.HTML, "<img") || o.Text != s.Text() {
		t.Error("raw markup, or a text form other than the scorecard's")
	}
	if strings.Index(o.HTML, "additivity") > strings.Index(o.HTML, "Deletion") {
		t.Error("criteria out of order")
	}
	zh := scorecardHTML(s, LangChinese, func(c explain.Criterion) (string, string) { return c.Name, c.Meaning })
	if !strings.Contains(zh, "通过") || !strings.Contains(zh, "2 项检查中有 1 项通过") {
		t.Errorf("Chinese labels:\n%s", zh)
	}
	if o := ScorecardTable(nil); o.HTML != "" || o.Text == "" {
		t.Error("nil scorecard")
	}
}

func TestMetricsAndSummaryTables(t *testing.T) {
	tab := ml.MetricsTable{Task: ml.TaskRegression, Metrics: map[string]ml.Metrics{"train": {"rmse": 1.5, "mae": 1, "r2": 0.25}}}
	o := MetricsTable(tab)
	if !strings.Contains(o.HTML, "<th>train</th><td style=\"text-align:right\">1.5000</td>") || !strings.Contains(o.HTML, "—") || o.Text != tab.Text() {
		t.Errorf("metrics: %s", o.HTML)
	}
	s := ml.NewSequential(ml.Dense(64, ml.ReLU, 10), ml.Dense(1, ml.Sigmoid)).Summary()
	o = ModelSummary(s)
	for _, want := range []string{"<td>dense_1 (Dense)</td>", "(None, 64)", "Total params: 769"} {
		if !strings.Contains(o.HTML, want) {
			t.Errorf("summary lacks %q: %s", want, o.HTML)
		}
	}
}
