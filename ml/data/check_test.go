package data

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// findings returns the findings of one check on one column.
func findings(q *Quality, check, column string) []Finding {
	var out []Finding
	for _, f := range q.Findings {
		if f.Check == check && f.Column == column {
			out = append(out, f)
		}
	}
	return out
}

// want asserts exactly one finding of a check on a column, of severity s,
// whose message contains msg; it returns the finding.
func want(t *testing.T, q *Quality, s Severity, check, column, msg string) Finding {
	t.Helper()
	got := findings(q, check, column)
	if len(got) != 1 {
		t.Fatalf("%s %q: %d findings, want 1\n%s", check, column, len(got), q.Text())
	}
	if got[0].Severity != s || !strings.Contains(got[0].Message, msg) || got[0].MessageZH == "" {
		t.Errorf("%s %q: got %s %q (zh %q), want %s containing %q", check, column, got[0].Severity, got[0].Message, got[0].MessageZH, s, msg)
	}
	return got[0]
}

// none asserts no finding of a check on a column.
func none(t *testing.T, q *Quality, check, column string) {
	t.Helper()
	if got := findings(q, check, column); len(got) != 0 {
		t.Errorf("%s %q: unexpected %+v", check, column, got)
	}
}

func mustCheck(t *testing.T, f *Frame, o CheckOptions) *Quality {
	t.Helper()
	q, err := Check(f, o)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// missingEvery returns n cells of value i, missing at the first m rows.
func missingFirst(n, m int) []string {
	return cells(n, func(i int) string {
		if i < m {
			return "NA"
		}
		return strconv.Itoa(i % 7)
	})
}

func TestCheckMissing(t *testing.T) {
	f := colsFrame(t, nil, "a", missingFirst(100, 0), "b", missingFirst(100, 3), "c", missingFirst(100, 10), "d", missingFirst(100, 60))
	q := mustCheck(t, f, CheckOptions{})
	none(t, q, "missing", "a")
	want(t, q, SeverityInfo, "missing", "b", "3 of 100 values (3.0%) are missing")
	want(t, q, SeverityWarning, "missing", "c", "10 of 100 values (10.0%) are missing")
	d := want(t, q, SeverityCritical, "missing", "d", "60 of 100 values (60.0%) are missing")
	if d.MessageZH != "100 个值中有 60 个缺失（60.0%）" {
		t.Errorf("zh: %q", d.MessageZH)
	}
	// Thresholds are options.
	q = mustCheck(t, f, CheckOptions{MissingWarning: 0.02, MissingCritical: 0.08})
	want(t, q, SeverityWarning, "missing", "b", "")
	want(t, q, SeverityCritical, "missing", "c", "")
}

func TestCheckDuplicates(t *testing.T) {
	f := colsFrame(t, nil, "x", []string{"1", "2", "3", "1", "5", "2"}, "y", []string{"a", "b", "c", "a", "e", "b"})
	q := mustCheck(t, f, CheckOptions{})
	want(t, q, SeverityWarning, "duplicates", "", "2 of 6 rows (33.3%) repeat an earlier row exactly, e.g. rows 4, 6")
	// Rows equal in one column only are not duplicates.
	g := colsFrame(t, nil, "x", []string{"1", "1", "2"}, "y", []string{"a", "b", "a"})
	none(t, mustCheck(t, g, CheckOptions{}), "duplicates", "")
	// Many duplicates: five rows listed, then "…".
	h := colsFrame(t, nil, "x", cells(20, func(int) string { return "same" }))
	d := want(t, mustCheck(t, h, CheckOptions{}), SeverityWarning, "duplicates", "", "rows 2, 3, 4, 5, 6, …")
	if strings.Contains(d.Message, "7") || !strings.Contains(d.MessageZH, "第 2、3、4、5、6、… 行") {
		t.Errorf("more than 5 rows listed: %q / %q", d.Message, d.MessageZH)
	}
}

func TestCheckConstant(t *testing.T) {
	f := colsFrame(t, nil,
		"country", cells(100, func(i int) string { return "CN" }),
		"blank", cells(100, func(int) string { return "" }),
		"flag", cells(100, func(i int) string { return map[bool]string{true: "b", false: "a"}[i < 4] }),
		"mostly", cells(100, func(i int) string { return map[bool]string{true: "b", false: "a"}[i < 6] }),
	)
	q := mustCheck(t, f, CheckOptions{})
	want(t, q, SeverityCritical, "constant", "country", `every present value is "CN"`)
	want(t, q, SeverityCritical, "constant", "blank", "all 100 values are missing")
	want(t, q, SeverityWarning, "near_constant", "flag", `"a" makes up 96.0% of the 100 present values`)
	none(t, q, "near_constant", "mostly")
	none(t, q, "near_constant", "country")
}

func TestCheckIdentifierPersonalCardinality(t *testing.T) {
	const n = 200
	f := colsFrame(t, nil,
		"order_code", cells(n, func(i int) string { return fmt.Sprintf("X%05d", i*7) }),
		"city", cells(n, func(i int) string { return fmt.Sprintf("city%d", i%120) }),
		"shop", cells(n, func(i int) string { return fmt.Sprintf("shop%d", i%40) }),
		"email", cells(n, func(i int) string { return fmt.Sprintf("u%d@shop.cn", i) }),
		"amount", cells(n, func(i int) string { return strconv.FormatFloat(float64(i)*1.37+0.01, 'f', 2, 64) }),
	)
	q := mustCheck(t, f, CheckOptions{})
	want(t, q, SeverityWarning, "identifier", "order_code", "200 distinct values in 200 rows")
	none(t, q, "high_cardinality", "order_code")
	want(t, q, SeverityWarning, "high_cardinality", "city", "120 distinct values among 200 present (60.0%)")
	none(t, q, "high_cardinality", "shop")
	want(t, q, SeverityWarning, "personal", "email", "(email): 200 of 200 values match")
	// A real-valued measurement with unique values is not an identifier.
	none(t, q, "identifier", "amount")
}

func TestCheckOutliers(t *testing.T) {
	const n = 100
	f := colsFrame(t, nil,
		"spend", cells(n, func(i int) string {
			if i == 0 {
				return "1000"
			}
			return strconv.Itoa(i)
		}),
		"spiky", cells(n, func(i int) string {
			if i%10 == 0 {
				return strconv.Itoa(-500 - i)
			}
			return strconv.Itoa(50 + i%10)
		}),
		"zeros", cells(n, func(i int) string {
			if i < 3 {
				return "40"
			}
			return "0"
		}),
		"smooth", cells(n, func(i int) string { return strconv.Itoa(i * 37 % 100) }),
	)
	q := mustCheck(t, f, CheckOptions{})
	// spend: Q1 = 25.75, Q3 = 75.25 (type 7 on 1…99 and 1000), IQR 49.5.
	want(t, q, SeverityInfo, "outliers", "spend", "1 of 100 values (1.0%) lie outside [-48.5, 149.5] (Q1 − 1.5·IQR, Q3 + 1.5·IQR); the most extreme: 1000")
	o := want(t, q, SeverityWarning, "outliers", "spiky", "10 of 100 values (10.0%)")
	if !strings.HasSuffix(o.Message, "the most extreme: -590, -580, -570, -560, -550") {
		t.Errorf("extremes: %q", o.Message)
	}
	none(t, q, "outliers", "zeros") // IQR = 0: near_constant speaks for it
	none(t, q, "outliers", "smooth")
	// A wider fence.
	none(t, mustCheck(t, f, CheckOptions{IQRFactor: 20}), "outliers", "spend")
}

func TestCheckImbalance(t *testing.T) {
	target := func(n, rare int, yes, no string) []string {
		return cells(n, func(i int) string {
			if i < rare {
				return yes
			}
			return no
		})
	}
	x := cells(200, func(i int) string { return strconv.Itoa(i % 13) })
	cases := []struct {
		y    []string
		sev  Severity
		msg  string
		none bool
	}{
		{target(200, 10, "yes", "no"), SeverityWarning, `the rarest class "yes" holds 10 of 200 labelled rows (5.0%)`, false},
		{target(200, 2, "1", "0"), SeverityCritical, `the rarest class "1" holds 2 of 200 labelled rows (1.0%)`, false},
		{target(200, 2, "true", "false"), SeverityCritical, `"true" holds 2`, false},
		{target(200, 30, "churn", "stay"), 0, "", true},
	}
	for _, c := range cases {
		q := mustCheck(t, colsFrame(t, nil, "x", x, "y", c.y), CheckOptions{Target: "y"})
		if c.none {
			none(t, q, "imbalance", "y")
			continue
		}
		want(t, q, c.sev, "imbalance", "y", c.msg)
		none(t, q, "near_constant", "y")
	}
	// A regression target has no classes.
	reg := cells(200, func(i int) string { return strconv.FormatFloat(float64(i)/3, 'f', 3, 64) })
	none(t, mustCheck(t, colsFrame(t, nil, "x", x, "y", reg), CheckOptions{Target: "y"}), "imbalance", "y")
}

func TestCheckLeakage(t *testing.T) {
	const n = 200
	rng := rand.New(rand.NewPCG(5, 6))
	y := make([]int, n)
	for i := range y {
		y[i] = rng.IntN(2)
	}
	f := colsFrame(t, nil,
		"customer_id", cells(n, func(i int) string { return strconv.Itoa(1000 + i) }),
		"refund_amount", cells(n, func(i int) string { return strconv.FormatFloat(float64(y[i])*50+rng.Float64(), 'f', 3, 64) }),
		"status", cells(n, func(i int) string { return []string{"open", "closed"}[y[i]] }),
		"region", cells(n, func(i int) string { return []string{"n", "s", "e", "w"}[rng.IntN(4)] }),
		"age", cells(n, func(i int) string { return strconv.Itoa(18 + rng.IntN(60)) }),
		"churn", cells(n, func(i int) string { return strconv.Itoa(y[i]) }),
	)
	q := mustCheck(t, f, CheckOptions{Target: "churn"})
	want(t, q, SeverityCritical, "leakage", "refund_amount", "AUC 1.000")
	want(t, q, SeverityCritical, "leakage", "status", "accuracy 1.000")
	none(t, q, "leakage", "region")
	none(t, q, "leakage", "age")
	none(t, q, "leakage", "customer_id") // an identifier, skipped

	// The reversed score (AUC near 0) is a suspect too.
	g := colsFrame(t, nil,
		"days_left", cells(n, func(i int) string { return strconv.FormatFloat(float64(100-90*y[i])+5*rng.Float64(), 'f', 2, 64) }),
		"churn", cells(n, func(i int) string { return []string{"no", "yes"}[y[i]] }))
	want(t, mustCheck(t, g, CheckOptions{Target: "churn"}), SeverityCritical, "leakage", "days_left", "AUC 0.000")

	// A rare class: a column right on 99% of rows by always guessing the
	// majority is no suspect.
	h := colsFrame(t, nil,
		"coin", cells(n, func(i int) string { return []string{"h", "t"}[i%2] }),
		"fraud", cells(n, func(i int) string { return strconv.FormatBool(i == 7) }))
	none(t, mustCheck(t, h, CheckOptions{Target: "fraud"}), "leakage", "coin")

	// Regression: |r| ≥ 0.98.
	v := make([]float64, n)
	for i := range v {
		v[i] = rng.NormFloat64() * 10
	}
	r := colsFrame(t, nil,
		"price_incl_tax", cells(n, func(i int) string { return strconv.FormatFloat(-1.13*v[i]+2, 'f', 4, 64) }),
		"noise", cells(n, func(i int) string { return strconv.FormatFloat(rng.NormFloat64(), 'f', 4, 64) }),
		"price", cells(n, func(i int) string { return strconv.FormatFloat(v[i], 'f', 4, 64) }))
	q = mustCheck(t, r, CheckOptions{Target: "price"})
	want(t, q, SeverityCritical, "leakage", "price_incl_tax", "Pearson r = -1.000")
	none(t, q, "leakage", "noise")
}

func TestPSIClosedForm(t *testing.T) {
	// (0.8 − 0.5)·ln(0.8/0.5) + (0.2 − 0.5)·ln(0.2/0.5)
	const hand = 0.3*0.47000362924573558 + 0.3*0.91629073187415511
	if got := PSI([]float64{0.5, 0.5}, []float64{0.8, 0.2}); math.Abs(got-hand) > 1e-12 {
		t.Errorf("PSI = %v, want %v", got, hand)
	}
	if got := PSI([]float64{0.2, 0.3, 0.5}, []float64{0.2, 0.3, 0.5}); got != 0 {
		t.Errorf("identical shares: PSI = %v", got)
	}
	train := colsFrame(t, nil,
		"plan", cells(100, func(i int) string { return []string{"basic", "pro"}[i%2] }),
		"n", cells(100, func(i int) string { return strconv.Itoa(i*37%100 + 1) }),
		"same", cells(100, func(i int) string { return strconv.Itoa(i % 10) }),
		"tier", cells(100, func(i int) string { return []string{"a", "b"}[i%2] }),
		"gone", cells(100, func(i int) string { return strconv.Itoa(i % 3) }),
		"y", cells(100, func(i int) string { return strconv.Itoa(i % 2) }))
	test := colsFrame(t, nil,
		"plan", cells(100, func(i int) string { return map[bool]string{true: "basic", false: "pro"}[i < 80] }),
		"n", cells(100, func(int) string { return "5" }),
		"same", cells(100, func(i int) string { return strconv.Itoa((i + 3) % 10) }))
	q := mustCheck(t, train, CheckOptions{Target: "y", Test: test})
	smoothed := func(e, a []float64) float64 { return PSI(smoothShares(e, 100), smoothShares(a, 100)) }
	want(t, q, SeverityCritical, "drift", "plan", fmt.Sprintf("population stability index %.3f between training and test",
		smoothed([]float64{0.5, 0.5}, []float64{0.8, 0.2})))
	want(t, q, SeverityCritical, "drift", "plan", `"basic" 50.0% → 80.0%`)
	// n: deciles of 1…100 (type 7) cut at 10.9, 20.8, …: training 10% per
	// bin; every test value falls in the first bin.
	deciles, first := make([]float64, 10), make([]float64, 10)
	for i := range deciles {
		deciles[i] = 0.1
	}
	first[0] = 1
	want(t, q, SeverityCritical, "drift", "n", fmt.Sprintf("population stability index %.3f", smoothed(deciles, first)))
	none(t, q, "drift", "same")
	want(t, q, SeverityCritical, "drift", "gone", "absent from the test data")
	none(t, q, "drift", "y") // a target absent from test data is normal

	// Unseen categories are pooled; moderate shifts are warnings.
	test2 := colsFrame(t, nil,
		"plan", cells(100, func(i int) string { return map[bool]string{true: "basic", false: "pro"}[i%10 < 7] }),
		"tier", cells(100, func(i int) string { return []string{"a", "b", "a", "b", "c", "b", "a", "b", "a", "b"}[i%10] }),
		"n", cells(100, func(i int) string { return strconv.Itoa(i + 1) }),
		"same", cells(100, func(i int) string { return "x" }),
		"gone", cells(100, func(i int) string { return "1" }))
	q = mustCheck(t, train, CheckOptions{Test: test2})
	want(t, q, SeverityWarning, "drift", "plan", fmt.Sprintf("%.3f", smoothed([]float64{0.5, 0.5}, []float64{0.7, 0.3})))
	pooled := smoothed([]float64{0.5, 0.5, 0}, []float64{0.4, 0.5, 0.1})
	want(t, q, SeverityCritical, "drift", "tier", fmt.Sprintf("%.3f", pooled))
	want(t, q, SeverityCritical, "drift", "tier", "unseen in training 0.0% → 10.0%")
	want(t, q, SeverityCritical, "drift", "same", `holds text such as "x" (row 1)`)
	none(t, q, "drift", "n")
}

// TestCheckOrder: findings most severe first, then in frame order; the
// HTML view is tested in package reports (QualityTable).
func TestCheckOrder(t *testing.T) {
	evil := `<script>alert(1)</script>`
	f := colsFrame(t, Schema{"day": Date},
		evil, cells(30, func(int) string { return "same" }),
		"b", missingFirst(30, 1),
		"a", missingFirst(30, 20),
		"day", cells(30, func(i int) string { return fmt.Sprintf("2024-02-%02d", i%28+1) }),
		"z", cells(30, func(i int) string { return strconv.Itoa(i % 2) }))
	q := mustCheck(t, f, CheckOptions{Target: "z"})
	// SeverityCritical first, then warnings, then infos; within a severity, frame order.
	var got []string
	for _, f := range q.Findings {
		got = append(got, f.Severity.String()+" "+f.Column+" "+f.Check)
	}
	wantOrder := []string{
		"critical " + evil + " constant",
		"critical a missing",
		"info b missing",
	}
	if !reflect.DeepEqual(got, wantOrder) {
		t.Errorf("order:\n%q\nwant\n%q", got, wantOrder)
	}
	if q.Count(SeverityCritical) != 2 || q.Count(SeverityWarning) != 0 || q.Count(SeverityInfo) != 1 {
		t.Errorf("counts %d %d %d", q.Count(SeverityCritical), q.Count(SeverityWarning), q.Count(SeverityInfo))
	}
	text := q.Text()
	if q.Headline() != "30 rows × 5 columns: 2 critical, 0 warning, 1 info" {
		t.Errorf("Headline %q", q.Headline())
	}
	if SeverityCritical.StringZH() != "严重" || SeverityWarning.StringZH() != "警告" || SeverityInfo.StringZH() != "提示" {
		t.Error("Chinese severities")
	}
	if l := (Finding{Column: "a\nb"}).ColumnLabel(); l != "a b" {
		t.Errorf("ColumnLabel %q", l)
	}
	if l := (Finding{}).ColumnLabel(); l != "(table)" {
		t.Errorf("table-wide ColumnLabel %q", l)
	}
	if !strings.HasPrefix(text, q.Headline()+"\n") ||
		!strings.Contains(text, "\ncritical  a"+strings.Repeat(" ", len(evil)+1)+"missing: 20 of 30 values (66.7%) are missing\n") {
		t.Errorf("Text:\n%s", text)
	}
	for range 5 {
		if again := mustCheck(t, f, CheckOptions{Target: "z"}); !reflect.DeepEqual(again, q) {
			t.Fatal("Check is not deterministic")
		}
	}
}

func TestCheckErrors(t *testing.T) {
	f := colsFrame(t, nil, "x", []string{"1", "2"})
	empty, err := NewFrame([]string{"x"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		f    *Frame
		o    CheckOptions
		want string
	}{
		{nil, CheckOptions{}, "nil frame"},
		{f, CheckOptions{Target: "nope"}, `"nope"`},
		{f, CheckOptions{Test: empty}, "no rows"},
		{f, CheckOptions{MissingWarning: 0.6}, "MissingWarning"},
		{f, CheckOptions{NearConstant: -1}, "NearConstant"},
		{f, CheckOptions{Leakage: math.NaN()}, "Leakage"},
		{f, CheckOptions{DriftWarning: 0.3}, "DriftWarning"},
		{f, CheckOptions{DriftBins: 1}, "DriftBins"},
	} {
		if _, err := Check(c.f, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one naming %s", c.o, err, c.want)
		}
	}
	q := mustCheck(t, empty, CheckOptions{})
	if q.Text() != "0 rows × 1 columns: no findings\n" {
		t.Errorf("empty frame: %q", q.Text())
	}
	if Severity(7).String() != "Severity(7)" || SeverityCritical.String() != "critical" {
		t.Error("Severity.String")
	}
}

// TestDriftIgnoresSamplingNoise: a test split drawn from the training
// distribution (50 of 283 rows, as a 15% split of a small table gives) is
// almost never flagged, although its raw PSI often exceeds 0.1.
func TestDriftIgnoresSamplingNoise(t *testing.T) {
	flagged, large := 0, 0
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 11))
		draw := func(n int) []string {
			return cells(n, func(int) string { return strconv.FormatFloat(50+10*rng.NormFloat64(), 'f', 2, 64) })
		}
		train, test := colsFrame(t, nil, "x", draw(233)), colsFrame(t, nil, "x", draw(50))
		q := mustCheck(t, train, CheckOptions{Test: test})
		for _, f := range q.Findings {
			if f.Check == "drift" {
				flagged++
			}
		}
		tx, _ := train.Floats("x")
		ax, _ := test.Floats("x")
		if b := numericBins(tx, ax, 10); PSI(b.expected, b.actual) >= 0.1 {
			large++
		}
	}
	if flagged > 2 || large < 10 {
		t.Errorf("no drift: %d of 40 flagged (want ≤ 2); raw PSI ≥ 0.1 in %d (the noise the gate removes)", flagged, large)
	}
}
