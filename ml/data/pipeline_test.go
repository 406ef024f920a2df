package data

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
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
	p, err := Fit(f, Options{Exclude: []string{"spend"}, UnseenError: true})
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
	ignoring, err := Fit(f, Options{Exclude: []string{"spend"}})
	if err != nil {
		t.Fatal(err)
	}
	X, err := ignoring.TransformRecords([]map[string]string{{"age": "40", "channel": "fax", "member": "no"}})
	if err != nil {
		t.Fatal(err)
	}
	if X[0][1]+X[0][2]+X[0][3] != 0 {
		t.Fatalf("unseen category encoded as %v, want all zeros by default", X[0])
	}
}

// TestUnseenAndRareCategories: an unseen category never aborts by default
// and is counted; rare categories pool into "(other)", which unseen ones
// join; the error under UnseenError lists at most five categories.
func TestUnseenAndRareCategories(t *testing.T) {
	var b strings.Builder
	b.WriteString("city,x\n")
	for i := range 60 {
		fmt.Fprintf(&b, "c%02d,%d\n", i%12, i) // 12 cities, 5 rows each
	}
	b.WriteString("zzz_rare,1\n")
	train := mustFrame(t, b.String())
	test := mustFrame(t, "city,x\nc01,1\nnew1,2\nnew2,3\nnew1,4\n")

	p, err := Fit(train, Options{})
	if err != nil {
		t.Fatal(err)
	}
	X, err := p.Transform(test)
	if err != nil {
		t.Fatalf("unseen categories aborted Transform: %v", err)
	}
	g := p.Groups()[0]
	for r, want := range []float64{1, 0, 0, 0} {
		sum := 0.0
		for _, j := range g {
			sum += X[r][j]
		}
		if sum != want {
			t.Errorf("row %d: one-hot sum %v, want %v", r, sum, want)
		}
	}
	u, err := p.Unseen(test)
	if err != nil {
		t.Fatal(err)
	}
	if len(u) != 1 || u[0].Column != "city" || u[0].Count != 3 || !slices.Equal(u[0].Examples, []string{"new1", "new2"}) {
		t.Errorf("Unseen = %+v, want city: 3 cells, examples new1, new2", u)
	}

	strict, err := Fit(train, Options{UnseenError: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = strict.Transform(test)
	if err == nil || !strings.Contains(err.Error(), `"new1"`) || !strings.Contains(err.Error(), "13 known") || !strings.Contains(err.Error(), "… 8 more") {
		t.Errorf("UnseenError: %v; want the value, the count and at most five categories", err)
	}

	pooled, err := Fit(train, Options{MinCategoryCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	if cats := pooled.Categories("city"); len(cats) != 13 || !slices.Contains(cats, OtherCategory) || slices.Contains(cats, "zzz_rare") {
		t.Fatalf("pooled categories %v: want the 12 cities and %q", cats, OtherCategory)
	}
	X, err = pooled.Transform(test)
	if err != nil {
		t.Fatal(err)
	}
	other := slices.Index(pooled.FeatureNames(), "city="+OtherCategory)
	if X[1][other] != 1 || X[2][other] != 1 || X[0][other] != 0 {
		t.Errorf("unseen categories did not join %q: %v", OtherCategory, X)
	}
	if _, err := Fit(train, Options{MinCategoryCount: -1}); err == nil {
		t.Error("MinCategoryCount −1 accepted")
	}
}

// TestDateColumnsEncodeAsDerivedFeatures: a date column becomes year,
// month, weekday and days since the earliest training date, scaled; the
// Values path agrees with Transform; Decode gives the day back; the JSON
// round trip keeps it.
func TestDateColumnsEncodeAsDerivedFeatures(t *testing.T) {
	f := mustFrame(t, "signup,x\n2024-03-01,1\n2024-03-04,2\n2025-01-15,3\n,4\n2023-12-31,5\n")
	if k, _ := f.Kind("signup"); k != Date {
		t.Fatalf("signup read as %v", k)
	}
	p, err := Fit(f, Options{Scale: ScaleNone})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"signup.year", "signup.month", "signup.weekday", "signup.days", "x"}
	if got := p.FeatureNames(); !slices.Equal(got, want) {
		t.Fatalf("features %q, want %q", got, want)
	}
	X, err := p.Transform(f)
	if err != nil {
		t.Fatal(err)
	}
	// 2024-03-04 is a Monday (weekday 1), 63 days after 2023-12-31.
	if got := X[1][:4]; !slices.Equal(got, []float64{2024, 3, 1, 64}) {
		t.Errorf("2024-03-04 → %v, want [2024 3 1 64]", got)
	}
	if X[0][3] != 61 || X[4][3] != 0 {
		t.Errorf("days since the earliest date: %v, %v", X[0][3], X[4][3])
	}
	V, err := p.Values(f)
	if err != nil {
		t.Fatal(err)
	}
	E, err := p.EncodeValues(V)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(E, X) {
		t.Errorf("EncodeValues(Values) = %v, Transform = %v", E, X)
	}
	day, err := p.Decode(X[2])
	if err != nil || day[0] != "2025-01-15" {
		t.Errorf("Decode = %q, %v", day, err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q Pipeline
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	if Y, err := q.Transform(f); err != nil || !reflect.DeepEqual(Y, X) {
		t.Errorf("restored pipeline: %v, %v", Y, err)
	}
	z, err := Fit(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	Z, _ := z.Transform(f)
	var mean float64
	for _, row := range Z {
		mean += row[3] / float64(len(Z))
	}
	if math.Abs(mean) > 1e-12 {
		t.Errorf("z-scored days feature has mean %v", mean)
	}
}
