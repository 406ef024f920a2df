package data

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// column1 fits opts on a one-column frame and returns its fitted step.
func column1(t *testing.T, cells []string, opts Options) columnStep {
	t.Helper()
	f, err := NewFrame([]string{"x"}, toRows(cells), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Fit(f, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p.columns[0]
}

func toRows(cells []string) [][]string {
	rows := make([][]string, len(cells))
	for i, c := range cells {
		rows[i] = []string{c}
	}
	return rows
}

func TestFitClosedForms(t *testing.T) {
	// x = 1..9 and 100: Q1 = 3.25, Q3 = 7.75 (type 7), IQR = 4.5.
	cells := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "100"}
	s := column1(t, cells, Options{Clip: ClipIQR, Scale: ScaleNone})
	if !s.Clipped || !near(s.Lo, 3.25-1.5*4.5) || !near(s.Hi, 7.75+1.5*4.5) {
		t.Fatalf("IQR bounds [%v, %v]", s.Lo, s.Hi)
	}
	// Mean after clipping 100 to 14.5: (45 + 14.5)/10.
	if !near(s.Fill, 5.95) || s.Center != 0 || s.Width != 1 {
		t.Fatalf("fill %v center %v width %v", s.Fill, s.Center, s.Width)
	}
	s = column1(t, cells, Options{Clip: ClipPercentile, Lower: 10, Upper: 90, Scale: ScaleMinMax})
	// Type-7 percentiles: h = 0.9 → 1.9; h = 8.1 → 9 + 0.1·91 = 18.1.
	if !near(s.Lo, 1.9) || !near(s.Hi, 18.1) || !near(s.Center, 1.9) || !near(s.Width, 18.1-1.9) {
		t.Fatalf("percentile step %+v", s)
	}
	s = column1(t, []string{"4", "", "1", "9", "1"}, Options{Impute: ImputeMedian})
	// Median of {1,1,4,9} = 2.5; z-score over {1,1,4,9,2.5}.
	mean := (1 + 1 + 4 + 9 + 2.5) / 5
	sd := math.Sqrt((math.Pow(1-mean, 2)*2 + math.Pow(4-mean, 2) + math.Pow(9-mean, 2) + math.Pow(2.5-mean, 2)) / 5)
	if s.Fill != 2.5 || !near(s.Center, mean) || !near(s.Width, sd) {
		t.Fatalf("median step %+v, want fill 2.5 center %v width %v", s, mean, sd)
	}
	s = column1(t, []string{"4", "", "9", "9", "4", "7"}, Options{Impute: ImputeMostFrequent})
	if s.Fill != 4 {
		t.Fatalf("most frequent (tie → smallest) = %v", s.Fill)
	}
	s = column1(t, []string{"3", "3"}, Options{})
	if s.Width != 1 || s.Center != 3 {
		t.Fatalf("constant column: center %v width %v", s.Center, s.Width)
	}
}

func TestFitErrors(t *testing.T) {
	f := mustFrame(t, "a,b,empty\n1,x,\n2,y,NA\n")
	cases := []struct {
		opts Options
		want []string
	}{
		{Options{}, []string{`column "empty"`, "missing"}},
		{Options{Columns: []string{"a", "zzz"}}, []string{`"zzz"`}},
		{Options{Columns: []string{"a", "a"}}, []string{`"a"`, "twice"}},
		{Options{Exclude: []string{"zzz"}}, []string{"Exclude", `"zzz"`}},
		{Options{Exclude: []string{"a", "b", "empty"}}, []string{"no feature columns"}},
		{Options{Impute: "avg"}, []string{"Impute", `"avg"`}},
		{Options{Clip: "z"}, []string{"Clip"}},
		{Options{Scale: "log"}, []string{"Scale"}},
		{Options{IQRFactor: -1}, []string{"IQRFactor"}},
		{Options{Lower: 50, Upper: 10}, []string{"Lower"}},
	}
	for i, c := range cases {
		_, err := Fit(f, c.opts)
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error %v lacks %q", i, err, w)
			}
		}
	}
}

func TestImputeDropRefusesMissingAtTransform(t *testing.T) {
	f := mustFrame(t, shopCSV)
	p, err := Fit(f, Options{Exclude: []string{"spend"}, Impute: ImputeDrop})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Transform(f); err == nil || !strings.Contains(err.Error(), `row 3, column "age"`) || !strings.Contains(err.Error(), "DropMissing") {
		t.Fatalf("missing cell under ImputeDrop: %v", err)
	}
	clean, _, err := f.DropMissing()
	if err != nil {
		t.Fatal(err)
	}
	if X, err := p.Transform(clean); err != nil || len(X) != 2 {
		t.Fatalf("Transform after DropMissing: %d rows, %v", len(X), err)
	}
}

func TestDecodeAndGroupSums(t *testing.T) {
	f := mustFrame(t, shopCSV)
	p, err := Fit(f, Options{Exclude: []string{"spend"}})
	if err != nil {
		t.Fatal(err)
	}
	X, err := p.Transform(f)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"30", "web", "true"}, {"40", "store", "false"}, {"40", "web", "true"}, {"50", "phone", "true"}}
	for r, x := range X {
		got, err := p.Decode(x)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if v, err := strconv.ParseFloat(got[i], 64); err == nil && i == 0 {
				w, _ := strconv.ParseFloat(want[r][0], 64)
				if !near(v, w) {
					t.Errorf("row %d age decoded %v, want %v", r, v, w)
				}
				continue
			}
			if got[i] != want[r][i] {
				t.Errorf("row %d column %d decoded %q, want %q", r, i, got[i], want[r][i])
			}
		}
	}
	sums, err := p.GroupSums([]float64{1, 2, 3, 4, 5})
	if err != nil || !slices.Equal(sums, []float64{1, 9, 5}) {
		t.Fatalf("GroupSums = %v, %v", sums, err)
	}
	if _, err := p.GroupSums([]float64{1}); err == nil || !strings.Contains(err.Error(), "5 features") {
		t.Fatalf("GroupSums length error: %v", err)
	}
	if _, err := p.Decode([]float64{1}); err == nil {
		t.Fatal("Decode of a short row gave no error")
	}
	if got := p.GroupKinds(); !slices.Equal(got, []Kind{Numeric, Categorical, Boolean}) {
		t.Fatalf("GroupKinds %v", got)
	}
}

func TestUnmarshalRejectsBadPipelines(t *testing.T) {
	f := mustFrame(t, shopCSV)
	p, err := Fit(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	good, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"format":         strings.Replace(string(good), pipelineFormat, "other/v0", 1),
		"width":          strings.Replace(string(good), `"width":1`, `"width":0`, 1),
		"unsorted":       strings.Replace(string(good), `"categories":["phone","store","web"]`, `"categories":["web","phone","store"]`, 1),
		"unknown kind":   strings.Replace(string(good), `"kind":"boolean"`, `"kind":"text"`, 1),
		"fill not a cat": strings.Replace(string(good), `"fill_category":"web"`, `"fill_category":"fax"`, 1),
		"bad options":    strings.Replace(string(good), `"impute":"mean"`, `"impute":"avg"`, 1),
		"not json":       "{",
		"no columns":     `{"format":"` + pipelineFormat + `","columns":[]}`,
	}
	for name, text := range cases {
		if text == string(good) {
			t.Fatalf("%s: the replacement did not apply to %s", name, good)
		}
		var q Pipeline
		if err := json.Unmarshal([]byte(text), &q); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestPipelinePropertiesOnRandomFrames checks, on seeded random frames with
// missing cells: Transform equals TransformRecords of the same rows; a JSON
// round trip reproduces Transform bit for bit; Groups partition the
// features; training columns have mean 0 and population std 1 (z-score,
// mean imputation, no clipping); Decode inverts the numeric encoding.
func TestPipelinePropertiesOnRandomFrames(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 20 {
		n := 5 + rng.IntN(40)
		names := []string{"u", "v", "cat", "flag"}
		rows := make([][]string, n)
		for r := range rows {
			rows[r] = []string{
				strconv.FormatFloat(rng.NormFloat64()*10+3, 'g', -1, 64),
				strconv.FormatFloat(rng.ExpFloat64(), 'g', -1, 64),
				fmt.Sprintf("c%d", rng.IntN(4)),
				strconv.FormatBool(rng.IntN(2) == 0),
			}
			if r > 1 && rng.Float64() < 0.2 {
				rows[r][rng.IntN(4)] = "NA"
			}
		}
		f, err := NewFrame(names, rows, Schema{"cat": Categorical, "flag": Boolean})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Fit(f, Options{})
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		X, err := p.Transform(f)
		if err != nil {
			t.Fatal(err)
		}
		recs := make([]map[string]string, n)
		for r := range recs {
			recs[r], _ = f.Record(r)
		}
		R, err := p.TransformRecords(recs)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(p)
		var q Pipeline
		if err := json.Unmarshal(b, &q); err != nil {
			t.Fatal(err)
		}
		Q, err := q.Transform(f)
		if err != nil {
			t.Fatal(err)
		}
		for r := range X {
			if !slices.Equal(X[r], R[r]) || !slices.Equal(X[r], Q[r]) {
				t.Fatalf("trial %d row %d: Transform %v, records %v, restored %v", trial, r, X[r], R[r], Q[r])
			}
		}
		next := 0
		for _, g := range p.Groups() {
			for _, j := range g {
				if j != next {
					t.Fatalf("trial %d: groups %v do not partition the features", trial, p.Groups())
				}
				next++
			}
		}
		if next != p.NumFeatures() || len(p.FeatureNames()) != next {
			t.Fatalf("trial %d: %d grouped features, %d names", trial, next, len(p.FeatureNames()))
		}
		for _, j := range []int{0, 1} {
			col := make([]float64, n)
			for r := range X {
				col[r] = X[r][j]
			}
			m, ss := 0.0, 0.0
			for _, v := range col {
				m += v
			}
			m /= float64(n)
			for _, v := range col {
				ss += (v - m) * (v - m)
			}
			if math.Abs(m) > 1e-9 || (ss > 0 && math.Abs(math.Sqrt(ss/float64(n))-1) > 1e-9) {
				t.Fatalf("trial %d feature %d: mean %v, std %v", trial, j, m, math.Sqrt(ss/float64(n)))
			}
		}
		u, _ := f.Floats("u")
		for r, x := range X {
			if math.IsNaN(u[r]) {
				continue
			}
			d, _ := p.Decode(x)
			if v, _ := strconv.ParseFloat(d[0], 64); math.Abs(v-u[r]) > 1e-9*max(1, math.Abs(u[r])) {
				t.Fatalf("trial %d row %d: decoded u %v, want %v", trial, r, v, u[r])
			}
		}
	}
}

func TestNilFrameIsAnError(t *testing.T) {
	p, err := Fit(mustFrame(t, shopCSV), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var f *Frame
	errs := []error{
		second(Fit(f, Options{})),
		second(p.Transform(f)),
		second(Summarize(f, "")),
		third(ClassTarget(f, "y")),
		second(RegressionTarget(f, "y")),
		second(f.Subset(nil)),
		second(f.Floats("y")),
	}
	for i, err := range errs {
		if err == nil {
			t.Errorf("case %d: no error for a nil frame", i)
		}
	}
	if f.Len() != 0 || f.Names() != nil || f.Index("y") != -1 {
		t.Error("nil frame is not empty")
	}
}

// TestTransformReadsCellsAsFitted checks that a prediction frame whose
// columns were inferred differently (one row of 0/1, codes that look
// numeric) is encoded by the kinds fitted in training.
func TestTransformReadsCellsAsFitted(t *testing.T) {
	train := mustFrame(t, "member,store,x\nyes,A1,1\nno,7,2\nyes,7,3\n")
	p, err := Fit(train, Options{Scale: ScaleNone})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GroupKinds(); !slices.Equal(got, []Kind{Boolean, Categorical, Numeric}) {
		t.Fatalf("fitted kinds %v", got)
	}
	predict := mustFrame(t, "x,store,member\n5,7,0\n")
	if got := predict.Kinds(); !slices.Equal(got, []Kind{Numeric, Numeric, Numeric}) {
		t.Fatalf("prediction kinds %v", got)
	}
	X, err := p.Transform(predict)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{0, 1, 0, 5}; !slices.Equal(X[0], want) {
		t.Fatalf("encoded %v, want %v", X[0], want)
	}
}
