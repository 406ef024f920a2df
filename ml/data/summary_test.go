package data

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestSummaryKnownValues(t *testing.T) {
	f := mustFrame(t, "x,c,b,y\n1,a,yes,0\n2,b,no,1\n,a,yes,1\n5,a,,1\n")
	s, err := Summarize(f, "y")
	if err != nil {
		t.Fatal(err)
	}
	if s.Rows != 4 || len(s.Columns) != 4 {
		t.Fatalf("rows %d, columns %d", s.Rows, len(s.Columns))
	}
	x := s.Columns[0]
	// x = {1, 2, 5}: mean 8/3, sample variance ((5/3)² + (2/3)² + (7/3)²)/2 = 13/3.
	if x.Kind != Numeric || x.Missing != 1 || x.Min != 1 || x.Max != 5 ||
		math.Abs(x.Mean-8.0/3) > 1e-12 || math.Abs(x.Std-math.Sqrt(13.0/3)) > 1e-12 {
		t.Fatalf("x summary %+v", x)
	}
	c := s.Columns[1]
	if c.Kind != Categorical || c.Distinct != 2 || c.Top[0] != (ValueCount{"a", 3, 0.75}) || !math.IsNaN(c.Mean) {
		t.Fatalf("c summary %+v", c)
	}
	b := s.Columns[2]
	if b.Kind != Boolean || b.Missing != 1 || math.Abs(b.Mean-2.0/3) > 1e-12 || b.Top[0].Value != "yes" {
		t.Fatalf("b summary %+v", b)
	}
	if len(s.Balance) != 2 || s.Balance[0] != (ValueCount{"1", 3, 0.75}) || s.Balance[1] != (ValueCount{"0", 1, 0.25}) {
		t.Fatalf("balance %+v", s.Balance)
	}
	text := s.Text()
	for _, want := range []string{"4 rows × 4 columns", "a (3), b (1)", `target "y" balance: 1: 3 (75.0%), 0: 1 (25.0%)`} {
		if !strings.Contains(text, want) {
			t.Errorf("Text lacks %q:\n%s", want, text)
		}
	}
	if s.String() != text {
		t.Error("String differs from Text")
	}
	header, rows := s.Table()
	if header[2] != "missing" || len(rows) != 4 || rows[0][6] != "2.667" || rows[1][4] != "" || rows[1][8] != "a (3), b (1)" {
		t.Errorf("Table: %q %q", header, rows)
	}
	if got := s.BalanceLine(); got != `target "y" balance: 1: 3 (75.0%), 0: 1 (25.0%)` {
		t.Errorf("BalanceLine %q", got)
	}
	if _, err := Summarize(f, "nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("unknown target: %v", err)
	}
}

func TestSummaryNoBalanceForContinuousTarget(t *testing.T) {
	var b strings.Builder
	b.WriteString("y\n")
	for i := range 30 {
		b.WriteString(strings.Repeat("1", i+1) + "\n")
	}
	s, err := Summarize(mustFrame(t, b.String()), "y")
	if err != nil {
		t.Fatal(err)
	}
	if s.Balance != nil {
		t.Fatalf("balance of a 30-valued numeric target: %v", s.Balance)
	}
}

// TestTopValuesAgreesWithTally: the k-best selection gives tally's first k,
// its distinct and present counts, on random categorical columns.
func TestTopValuesAgreesWithTally(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for trial := range 50 {
		var b strings.Builder
		b.WriteString("c\n")
		distinct := 1 + rng.IntN(30)
		for range 1 + rng.IntN(200) {
			if rng.IntN(10) == 0 {
				b.WriteString("\n")
				continue
			}
			fmt.Fprintf(&b, "v%d\n", rng.IntN(distinct))
		}
		f, err := ReadCSV(strings.NewReader(b.String() + "v0\n"))
		if err != nil {
			t.Fatal(err)
		}
		all := f.tally(0)
		for _, k := range []int{1, 3, 5, 40} {
			top, d, present := f.topValues(0, k)
			want := all[:min(k, len(all))]
			total := 0
			for _, v := range all {
				total += v.Count
			}
			if !reflect.DeepEqual(top, want) || d != len(all) || present != total {
				t.Fatalf("trial %d, k=%d: topValues %v (%d distinct, %d present), tally %v (%d, %d)", trial, k, top, d, present, want, len(all), total)
			}
		}
	}
}
