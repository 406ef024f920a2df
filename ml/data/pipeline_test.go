package data

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

const shopCSV = `age;channel;member;spend
30;web;yes;10
40;store;no;20
;web;yes;30
50;phone;NA;40
`

func mustFrame(t *testing.T, text string) *Frame {
	t.Helper()
	f, err := ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*max(1, math.Abs(a), math.Abs(b)) }

func TestPipelineEncodesClosedForm(t *testing.T) {
	f := mustFrame(t, shopCSV)
	p, err := Fit(f, Options{Exclude: []string{"spend"}})
	if err != nil {
		t.Fatal(err)
	}
	wantNames := []string{"age", "channel=phone", "channel=store", "channel=web", "member"}
	if got := p.FeatureNames(); strings.Join(got, "|") != strings.Join(wantNames, "|") {
		t.Fatalf("FeatureNames = %q, want %q", got, wantNames)
	}
	X, err := p.Transform(f)
	if err != nil {
		t.Fatal(err)
	}
	// age: values 30, 40, 50 and the mean 40 imputed: population std of
	// {30,40,40,50} = sqrt(50).
	sd := math.Sqrt(50)
	want := [][]float64{
		{-10 / sd, 0, 0, 1, 1},
		{0, 0, 1, 0, 0},
		{0, 0, 0, 1, 1},
		{10 / sd, 1, 0, 0, 1}, // member missing → most frequent "yes"
	}
	for r := range want {
		for j := range want[r] {
			if !near(X[r][j], want[r][j]) {
				t.Fatalf("X[%d][%d] = %v, want %v", r, j, X[r][j], want[r][j])
			}
		}
	}
	if g := p.Groups(); len(g) != 3 || len(g[1]) != 3 || g[2][0] != 4 {
		t.Fatalf("Groups = %v", g)
	}
}

func TestPipelineJSONRoundTrip(t *testing.T) {
	f := mustFrame(t, shopCSV)
	p, err := Fit(f, Options{Exclude: []string{"spend"}, Clip: ClipIQR, Scale: ScaleMinMax, Impute: ImputeMedian})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q Pipeline
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	rec := []map[string]string{{"age": "35", "channel": "store", "member": "no"}, {"age": "", "channel": "web", "member": "yes"}}
	a, err := p.TransformRecords(rec)
	if err != nil {
		t.Fatal(err)
	}
	c, err := q.TransformRecords(rec)
	if err != nil {
		t.Fatal(err)
	}
	for r := range a {
		for j := range a[r] {
			if a[r][j] != c[r][j] {
				t.Fatalf("restored pipeline differs at [%d][%d]: %v vs %v", r, j, a[r][j], c[r][j])
			}
		}
	}
}

func TestPipelineErrorsNameColumnAndValue(t *testing.T) {
	f := mustFrame(t, shopCSV)
	p, err := Fit(f, Options{Exclude: []string{"spend"}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		rec  map[string]string
		want []string
	}{
		{map[string]string{"age": "1", "channel": "fax", "member": "no"}, []string{"row 1", `"channel"`, `"fax"`, "not seen"}},
		{map[string]string{"age": "old", "channel": "web", "member": "no"}, []string{"row 1", `"age"`, `"old"`}},
		{map[string]string{"age": "Inf", "channel": "web", "member": "no"}, []string{`"age"`, "finite"}},
		{map[string]string{"age": "1", "member": "no"}, []string{"record 1", `"channel"`}},
	}
	for _, c := range cases {
		_, err := p.TransformRecords([]map[string]string{c.rec})
		if err == nil {
			t.Fatalf("%v: no error", c.rec)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error %q does not contain %q", c.rec, err, w)
			}
		}
	}
	g, err := f.Drop("channel")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Transform(g); err == nil || !strings.Contains(err.Error(), `lacks column(s) "channel"`) {
		t.Fatalf("Transform without channel: %v", err)
	}
	ignoring, err := Fit(f, Options{Exclude: []string{"spend"}, IgnoreUnseen: true})
	if err != nil {
		t.Fatal(err)
	}
	X, err := ignoring.TransformRecords([]map[string]string{{"age": "40", "channel": "fax", "member": "no"}})
	if err != nil {
		t.Fatal(err)
	}
	if X[0][1]+X[0][2]+X[0][3] != 0 {
		t.Fatalf("ignored unseen category encoded as %v", X[0])
	}
}
