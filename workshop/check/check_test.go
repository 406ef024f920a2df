package check

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// capture runs f with the checks printing into a buffer in language lang.
func capture(t *testing.T, lang string, f func() bool) (string, bool) {
	t.Helper()
	var b bytes.Buffer
	oldOut, oldLang := Out, Lang
	Out, Lang = &b, lang
	defer func() { Out, Lang = oldOut, oldLang }()
	ok := f()
	return b.String(), ok
}

func TestMessages(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name   string
		lang   string
		f      func() bool
		ok     bool
		want   []string // substrings of the line
		absent []string
	}{
		{"equal right", "en", func() bool { return Equal("rows", 37, 37, "count them") }, true,
			[]string{"✅ rows: right (37)"}, []string{"count them", "❌"}},
		{"equal placeholder", "en", func() bool { return Equal("rows", 0, 37, "count them") }, false,
			[]string{"❌ rows: 0 is still the placeholder", "— count them"}, []string{"37", "✅"}},
		{"equal wrong", "en", func() bool { return Equal("rows", 12, 37, "count them") }, false,
			[]string{"❌ rows: 12 is not right — count them"}, []string{"37"}},
		{"equal zero wanted", "en", func() bool { return Equal("rows", 0, 0, "") }, true,
			[]string{"✅ rows: right (0)"}, nil},
		{"equal string placeholder", "en", func() bool { return Equal("column", "", "channel", "look at missing") }, false,
			[]string{`❌ column: "" is still the placeholder`, "look at missing"}, []string{"channel"}},
		{"equal string right zh", "zh", func() bool { return Equal("缺失最多的列", "channel", "channel", "看缺失值") }, true,
			[]string{`✅ 缺失最多的列：正确（"channel"）`}, nil},
		{"equal placeholder zh", "zh", func() bool { return Equal("行数", 0, 37, "数一数") }, false,
			[]string{"❌ 行数：0 仍是占位值：还没有作答 — 数一数"}, nil},
		{"near right", "en", func() bool { return Near("share", 0.448, 0.4481, 0.001, "divide") }, true,
			[]string{"✅ share: right (0.448)"}, nil},
		{"near placeholder", "en", func() bool { return Near("share", 0, 0.448, 0.001, "divide") }, false,
			[]string{"placeholder", "— divide"}, nil},
		{"near too small", "en", func() bool { return Near("share", 0.2, 0.448, 0.001, "divide") }, false,
			[]string{"❌ share: 0.2 is too small — divide"}, nil},
		{"near too large zh", "zh", func() bool { return Near("比例", 44.8, 0.448, 0.001, "用比例，不用百分数") }, false,
			[]string{"❌ 比例：44.8 偏大 — 用比例，不用百分数"}, nil},
		{"near NaN", "en", func() bool { return Near("loss", nan, 0.5, 0.1, "h") }, false,
			[]string{"NaN is not a number"}, nil},
		{"near broken reference", "en", func() bool { return Near("loss", 0.5, nan, 0.1, "h") }, false,
			[]string{"❌ loss: 0.5 is not right"}, nil},
		{"near zero wanted", "en", func() bool { return Near("gap", 0, 0.0001, 0.001, "h") }, true,
			[]string{"✅"}, nil},
		{"near negative tolerance", "en", func() bool { return Near("x", 1.05, 1, -0.1, "h") }, true,
			[]string{"✅"}, nil},
		{"set right", "en", func() bool { return SameSet("cols", []string{"b", "a", "a"}, []string{"a", "b"}, "h") }, true,
			[]string{"✅ cols: right"}, nil},
		{"set nil placeholder", "en", func() bool { return SameSet("cols", nil, []string{"a"}, "h") }, false,
			[]string{"placeholder", "— h"}, nil},
		{"set wrong", "en", func() bool { return SameSet("cols", []string{"a", "c"}, []string{"a", "b"}, "h") }, false,
			[]string{`missing "b"`, `not expected: "c"`}, nil},
		{"set wrong zh", "zh", func() bool { return SameSet("列", []string{"c"}, []string{"a"}, "h") }, false,
			[]string{`缺少 "a"`, `多出 "c"`, "（", "）"}, nil},
		{"true", "en", func() bool { return True("trained", true, "call ml.Train") }, true,
			[]string{"✅ trained: right"}, []string{"call ml.Train"}},
		{"false", "en", func() bool { return True("trained", false, "call ml.Train") }, false,
			[]string{"❌ trained — call ml.Train"}, nil},
		{"false zh", "zh", func() bool { return True("已训练", false, "调用 ml.Train") }, false,
			[]string{"❌ 已训练 — 调用 ml.Train"}, nil},
		{"empty hint", "en", func() bool { return Equal("n", 1, 2, " ") }, false,
			[]string{"❌ n: 1 is not right\n"}, []string{"—"}},
		{"unknown language is English", "fr", func() bool { return True("x", true, "") }, true,
			[]string{"✅ x: right"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := capture(t, c.lang, c.f)
			if ok != c.ok {
				t.Errorf("returned %v, want %v (printed %q)", ok, c.ok, got)
			}
			if strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "\n") {
				t.Errorf("printed %q, want one line", got)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("printed %q, want it to contain %q", got, w)
				}
			}
			for _, w := range c.absent {
				if strings.Contains(got, w) {
					t.Errorf("printed %q, want it without %q", got, w)
				}
			}
		})
	}
}

// Every check accepts the zero values of an unfilled exercise without
// panicking and reports them as wrong (with the hint) unless they are right.
func TestPlaceholdersNeverPanic(t *testing.T) {
	type point struct{ X, Y int }
	out, _ := capture(t, "en", func() bool {
		Equal("int", 0, 5, "h")
		Equal("string", "", "x", "h")
		Equal("bool", false, true, "h")
		Equal("struct", point{}, point{1, 2}, "h")
		Equal[*int]("pointer", nil, new(int), "h")
		Equal[any]("interface", nil, 3, "h")
		Near("float", 0, 1, 0.1, "h")
		Near("NaN", math.NaN(), 1, 0.1, "h")
		Near("Inf", math.Inf(-1), 1, 0.1, "h")
		SameSet("nil set", nil, nil, "h")
		SameSet("empty want", []string{"x"}, nil, "h")
		True("false", false, "")
		return true
	})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 12 {
		t.Fatalf("%d lines, want 12:\n%s", len(lines), out)
	}
	for i, line := range lines {
		want := "❌"
		if i == 9 { // nil set against nil: right
			want = "✅"
		}
		if !strings.HasPrefix(line, want) {
			t.Errorf("line %d %q does not start with %s", i, line, want)
		}
	}
}

func TestStdoutByDefault(t *testing.T) {
	if Out != nil {
		t.Fatal("Out must default to nil (standard output)")
	}
	if Lang != "en" {
		t.Fatalf("Lang defaults to %q, want en", Lang)
	}
}
