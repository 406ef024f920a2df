package explain

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// twoRows is a hand-made explanation: 2 rows, 3 features, 2 outputs.
func twoRows() *Explanation {
	return &Explanation{
		Values: [][][]float64{
			{{1, -2}, {-3, 0}, {0.5, 4}},
			{{-1, 0}, {1, 2}, {2.5, -4}},
		},
		BaseValues:   [][]float64{{10, 1}, {10, 1}},
		Method:       "exact",
		FeatureNames: []string{"age", "income", "<city>"},
		OutputNames:  []string{"p", "q"},
		Data:         [][]float64{{30, 1000, 1}, {40, 2000, 0}},
		Link:         LinkIdentity,
		Seed:         3,
		Evaluations:  26,
	}
}

func TestExplanationHelpers(t *testing.T) {
	e := twoRows()
	out, err := e.Output(1)
	if err != nil || !reflect.DeepEqual(out, [][]float64{{-2, 0, 4}, {0, 2, -4}}) {
		t.Errorf("Output(1) = %v, %v", out, err)
	}
	if got := e.Prediction(0, 0); got != 8.5 {
		t.Errorf("Prediction = %v, want 8.5", got)
	}
	imp, _ := e.MeanAbs(0)
	if !reflect.DeepEqual(imp, []float64{1, 2, 1.5}) {
		t.Errorf("MeanAbs = %v", imp)
	}
	rank, _ := e.Ranking(0)
	if !reflect.DeepEqual(rank, []int{1, 2, 0}) {
		t.Errorf("Ranking = %v", rank)
	}
	top, _ := e.TopK(1, 1, 2)
	if !reflect.DeepEqual(top, []int{2, 1}) {
		t.Errorf("TopK = %v", top)
	}
	all, _ := e.TopK(0, 0, 0)
	if !reflect.DeepEqual(all, []int{1, 0, 2}) {
		t.Errorf("TopK(k=0) = %v", all)
	}
	if _, err := e.Output(2); err == nil {
		t.Error("Output(2) of 2 outputs accepted")
	}
	if _, err := e.TopK(2, 0, 1); err == nil {
		t.Error("TopK of row 2 of 2 accepted")
	}
}

func TestExplanationJSON(t *testing.T) {
	e := twoRows()
	e.StdErr = [][][]float64{{{0, 0}, {0.1, 0}, {0, 0}}, {{0, 0}, {0, 0}, {0, 0.2}}}
	var buf bytes.Buffer
	if err := e.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back Explanation
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, e) {
		t.Errorf("JSON round trip changed the explanation:\n%+v\n%+v", back, *e)
	}
	if !strings.Contains(buf.String(), `"base_values"`) {
		t.Error("JSON lacks base_values")
	}
}

func TestExplanationCSV(t *testing.T) {
	e := twoRows()
	var buf bytes.Buffer
	if err := e.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"row", "output", "base_value", "age", "income", "<city>", "prediction"},
		{"0", "p", "10", "1", "-3", "0.5", "8.5"},
		{"0", "q", "1", "-2", "0", "4", "3"},
		{"1", "p", "10", "-1", "1", "2.5", "12.5"},
		{"1", "q", "1", "0", "2", "-4", "-1"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("CSV:\n%v\nwant\n%v", recs, want)
	}
	e.StdErr = [][][]float64{{{0, 0}, {0.1, 0}, {0, 0}}, {{0, 0}, {0, 0}, {0, 0.2}}}
	buf.Reset()
	_ = e.WriteCSV(&buf)
	if first := strings.SplitN(buf.String(), "\n", 2)[0]; !strings.HasSuffix(first, "se_age,se_income,se_<city>") {
		t.Errorf("CSV header with StdErr: %s", first)
	}
}

func TestExplanationRender(t *testing.T) {
	e := twoRows()
	text := e.Text()
	for _, s := range []string{"over 2 rows", "income", "age", "q"} {
		if !strings.Contains(text, s) {
			t.Errorf("Text lacks %q:\n%s", s, text)
		}
	}
	// The ranking is income (2) > <city> (1.5) > age (1) for output p.
	if i, j := strings.Index(text, "income"), strings.Index(text, "age"); i > j {
		t.Errorf("Text is not ranked:\n%s", text)
	}
	one := twoRows()
	one.Values, one.BaseValues, one.Data = one.Values[:1], one.BaseValues[:1], one.Data[:1]
	text = one.Text()
	for _, s := range []string{"base value", "f(x)", "8.5", "income", "1,000", "-3"} {
		if !strings.Contains(text, s) {
			t.Errorf("one-row Text lacks %q:\n%s", s, text)
		}
	}
}

func TestRenderSummarisesManyFeatures(t *testing.T) {
	e := &Explanation{Values: [][][]float64{make([][]float64, 25)}, BaseValues: [][]float64{{0}}, OutputNames: []string{"y"}}
	for j := range e.Values[0] {
		e.Values[0][j] = []float64{float64(j + 1)}
	}
	e.FeatureNames = defaultNames("f", 25)
	lines := e.rowLines(0, 0)
	if len(lines) != renderTop+1 || lines[0].name != "f24" || lines[renderTop].phi != 1+2+3+4+5 {
		t.Errorf("rowLines: %d lines, first %v, last %v", len(lines), lines[0], lines[len(lines)-1])
	}
	if !strings.Contains(e.Text(), "5 other features") {
		t.Error("Text lacks the summary line")
	}
}

func TestRenderNamesCategories(t *testing.T) {
	e := twoRows()
	e.Values, e.BaseValues, e.Data = e.Values[1:], e.BaseValues[1:], e.Data[1:]
	e.Categories = [][]string{nil, nil, {"paris", "rome"}}
	for _, s := range []string{e.Text()} {
		if !strings.Contains(s, "paris") || !strings.Contains(s, "2,000") {
			t.Errorf("the city's code is not shown as its name, or income not as 2,000:\n%s", s)
		}
	}
	if _, err := NewExact(ModelFunc(func(X [][]float64) ([][]float64, error) { return X, nil }),
		[][]float64{{0, 0}}, Options{Categories: [][]string{nil}}); err == nil || !strings.Contains(err.Error(), "Categories has 1 entries for 2 columns") {
		t.Errorf("short Categories: %v", err)
	}
}
