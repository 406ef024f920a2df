package check

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
)

// Lang is the language of the checks' fixed words: "zh" for Chinese,
// anything else for English.
var Lang = "en"

// Out is where the checks print; nil means standard output.
var Out io.Writer

// words holds the fixed words of the messages, by language.
type words struct {
	right, placeholder, wrong, tooSmall, tooLarge, notNumber, missing, extra, sep string
}

var english = words{
	right:       "right",
	placeholder: "%s is still the placeholder: not answered yet",
	wrong:       "%s is not right",
	tooSmall:    "%s is too small",
	tooLarge:    "%s is too large",
	notNumber:   "%s is not a number",
	missing:     "missing %s",
	extra:       "not expected: %s",
	sep:         ": ",
}

var chinese = words{
	right:       "正确",
	placeholder: "%s 仍是占位值：还没有作答",
	wrong:       "%s 不对",
	tooSmall:    "%s 偏小",
	tooLarge:    "%s 偏大",
	notNumber:   "%s 不是一个数",
	missing:     "缺少 %s",
	extra:       "多出 %s",
	sep:         "：",
}

func lang() words {
	if strings.EqualFold(strings.TrimSpace(Lang), "zh") {
		return chinese
	}
	return english
}

func out() io.Writer {
	if Out != nil {
		return Out
	}
	return os.Stdout
}

// pass prints the line of a right answer.
func pass(name string, got any) bool {
	w := lang()
	if got == nil {
		fmt.Fprintf(out(), "✅ %s%s%s\n", name, w.sep, w.right)
	} else if w.sep == "：" {
		fmt.Fprintf(out(), "✅ %s%s%s（%s）\n", name, w.sep, w.right, show(got))
	} else {
		fmt.Fprintf(out(), "✅ %s%s%s (%s)\n", name, w.sep, w.right, show(got))
	}
	return true
}

// fail prints the line of a wrong answer: what is wrong, then the hint.
func fail(name, what, hint string) bool {
	line := "❌ " + name
	if what != "" {
		line += lang().sep + what
	}
	if hint = strings.TrimSpace(hint); hint != "" {
		line += " — " + hint
	}
	fmt.Fprintln(out(), line)
	return false
}

// show formats an answer for a message: strings quoted, floats short.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case float64:
		return fmt.Sprintf("%.4g", x)
	case float32:
		return fmt.Sprintf("%.4g", x)
	case []string:
		return fmt.Sprintf("%q", x)
	}
	return fmt.Sprint(v)
}

// Equal checks that got equals want. An answer equal to its type's zero
// value (the placeholder of an unfilled exercise) is reported as not
// answered yet, unless want is the zero value too.
func Equal[T comparable](name string, got, want T, hint string) bool {
	var zero T
	w := lang()
	switch {
	case got == want:
		return pass(name, got)
	case got == zero:
		return fail(name, fmt.Sprintf(w.placeholder, show(got)), hint)
	default:
		return fail(name, fmt.Sprintf(w.wrong, show(got)), hint)
	}
}

// Near checks that |got − want| ≤ tol. A NaN or infinite answer is wrong;
// 0 when want is not within tol of 0 is reported as the placeholder. A
// wrong answer says whether it is too small or too large.
func Near(name string, got, want, tol float64, hint string) bool {
	w := lang()
	tol = math.Abs(tol)
	switch {
	case math.IsNaN(got) || math.IsInf(got, 0):
		return fail(name, fmt.Sprintf(w.notNumber, show(got)), hint)
	case math.IsNaN(want) || math.IsInf(want, 0) || math.IsNaN(tol):
		// The reference itself is broken: nothing can match it.
		return fail(name, fmt.Sprintf(w.wrong, show(got)), hint)
	case math.Abs(got-want) <= tol:
		return pass(name, got)
	case got == 0:
		return fail(name, fmt.Sprintf(w.placeholder, show(got)), hint)
	case got < want:
		return fail(name, fmt.Sprintf(w.tooSmall, show(got)), hint)
	default:
		return fail(name, fmt.Sprintf(w.tooLarge, show(got)), hint)
	}
}

// SameSet checks that got holds the same strings as want, in any order
// (duplicates ignored). A wrong answer names one missing and one
// unexpected value at most, so the hint keeps something to find.
func SameSet(name string, got, want []string, hint string) bool {
	w := lang()
	g, x := set(got), set(want)
	if slices.Equal(g, x) {
		return pass(name, got)
	}
	if len(g) == 0 {
		return fail(name, fmt.Sprintf(w.placeholder, show(got)), hint)
	}
	var parts []string
	for _, v := range x {
		if !slices.Contains(g, v) {
			parts = append(parts, fmt.Sprintf(w.missing, show(v)))
			break
		}
	}
	for _, v := range g {
		if !slices.Contains(x, v) {
			parts = append(parts, fmt.Sprintf(w.extra, show(v)))
			break
		}
	}
	what := fmt.Sprintf(w.wrong, show(got)) + " (" + strings.Join(parts, "; ") + ")"
	if w.sep == "：" {
		what = fmt.Sprintf(w.wrong, show(got)) + "（" + strings.Join(parts, "；") + "）"
	}
	return fail(name, what, hint)
}

// set returns the distinct values of s, sorted.
func set(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// True checks a condition the notebook computed; the hint says what to look
// at when it is false.
func True(name string, ok bool, hint string) bool {
	if ok {
		return pass(name, nil)
	}
	return fail(name, "", hint)
}
