// Package numfmt writes numbers the way an analyst reads them in a table,
// for every view that shows feature values (explain's text and HTML views,
// the reports' charts).
package numfmt

import (
	"math"
	"strconv"
	"strings"
)

// Table writes a value the way an analyst reads a table: at most four
// significant digits below 1,000 (0.1234, 2.566, 70.79), whole numbers with
// thousands separators (59,300), larger non-integers with separators and at
// most two decimals (56,925.5), and scientific notation only for magnitudes
// below 0.0001 or from 10¹⁵ on; NaN and ±Inf as strconv writes them.
func Table(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case a == 0:
		return "0"
	case a < 1e-4 || a >= 1e15:
		return strconv.FormatFloat(v, 'g', 3, 64)
	case a < 1000:
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}
