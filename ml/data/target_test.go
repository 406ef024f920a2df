package data

import (
	"slices"
	"strings"
	"testing"
)

func TestClassTarget(t *testing.T) {
	f := mustFrame(t, "cat,flag,num,text\nb,yes,2,x\na,no,0.5,y\nc,yes,2,x\n")
	cases := []struct {
		col     string
		y       []float64
		classes []string
	}{
		{"cat", []float64{1, 0, 2}, []string{"a", "b", "c"}},
		{"flag", []float64{1, 0, 1}, []string{"false", "true"}},
		{"num", []float64{1, 0, 1}, []string{"0.5", "2"}},
	}
	for _, c := range cases {
		y, classes, err := ClassTarget(f, c.col)
		if err != nil {
			t.Fatalf("%s: %v", c.col, err)
		}
		if !slices.Equal(y, c.y) || !slices.Equal(classes, c.classes) {
			t.Errorf("%s: y %v classes %q, want %v %q", c.col, y, classes, c.y, c.classes)
		}
	}
}

func TestTargetErrors(t *testing.T) {
	f := mustFrame(t, "one,gap,cat,x\n1,1,a,1\n1,,b,2\n1,0,a,3\n")
	cases := []struct {
		err  error
		want []string
	}{
		{third(ClassTarget(f, "nope")), []string{`no column "nope"`, "one, gap, cat, x"}},
		{third(ClassTarget(f, "one")), []string{`"one"`, "single class"}},
		{third(ClassTarget(f, "gap")), []string{`"gap"`, "row 2"}},
		{second(RegressionTarget(f, "cat")), []string{`"cat"`, "categorical", "row 1"}},
		{second(RegressionTarget(f, "gap")), []string{`"gap"`, "row 2"}},
		{second(RegressionTarget(f, "nope")), []string{`"nope"`}},
	}
	for i, c := range cases {
		for _, w := range c.want {
			if c.err == nil || !strings.Contains(c.err.Error(), w) {
				t.Errorf("case %d: error %v lacks %q", i, c.err, w)
			}
		}
	}
	var b strings.Builder
	b.WriteString("y\n")
	for i := range MaxClasses + 1 {
		b.WriteString(strings.Repeat("1", i+1) + "\n")
	}
	if _, _, err := ClassTarget(mustFrame(t, b.String()), "y"); err == nil || !strings.Contains(err.Error(), "regression") {
		t.Errorf("too many classes: %v", err)
	}
	y, err := RegressionTarget(f, "x")
	if err != nil || !slices.Equal(y, []float64{1, 2, 3}) {
		t.Errorf("RegressionTarget = %v, %v", y, err)
	}
}

func third[A, B any](_ A, _ B, err error) error { return err }
