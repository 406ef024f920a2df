package data

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Dates are read by hand rather than with a list of time.Parse layouts: the
// formats below differ only in separators and optional parts, and a column
// of a million cells is inferred from its distinct values, each tried once.
//
// A Date value is the number of days since 1970-01-01 00:00 UTC, with the
// time of day as a fraction. Times without a zone are taken as UTC wall
// time; "Z" and offsets such as "+08:00" are converted to UTC.

const secondsPerDay = 86400

// dayOrder says how a d/d/yyyy date is read.
type dayOrder int

const (
	dayUnknown  dayOrder = iota // not a d/d/yyyy date, or both readings possible
	dayFirst                    // dd/mm/yyyy
	monthFirst                  // mm/dd/yyyy
	dayConflict                 // the column has days above 12 on both sides
)

// dateParts is a date or date-time as written, before conversion.
type dateParts struct {
	y, m, d     int
	hasTime     bool
	hh, mm, ss  int
	nanos       int
	zoneSeconds int // offset east of UTC
	// ambiguous is set for d/d/yyyy dates; a and b are then the two
	// leading numbers (day and month in some order).
	ambiguous bool
	a, b      int
}

// digits reads 1 to max decimal digits at s[i:], returning the number and
// the index after them; ok is false when there is no digit.
func digits(s string, i, max int) (n, j int, ok bool) {
	j = i
	for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
		n = n*10 + int(s[j]-'0')
		j++
	}
	return n, j, j > i
}

// scanDate reads s (already trimmed) as one of the date formats documented
// on NewFrame. It only checks the shape; valid reports a real calendar date.
func scanDate(s string) (p dateParts, ok bool) {
	if len(s) < 6 || len(s) > 40 || s[0] < '0' || s[0] > '9' {
		return p, false
	}
	n, i, _ := digits(s, 0, 4)
	if i == 4 && i < len(s) {
		// yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd or yyyy年m月d日
		p.y = n
		if strings.HasPrefix(s[i:], "年") {
			i += len("年")
			if p.m, i, ok = digits(s, i, 2); !ok || !strings.HasPrefix(s[i:], "月") {
				return p, false
			}
			i += len("月")
			if p.d, i, ok = digits(s, i, 2); !ok {
				return p, false
			}
			if strings.HasPrefix(s[i:], "日") {
				i += len("日")
			} else {
				return p, false
			}
		} else {
			sep := s[i]
			if sep != '-' && sep != '/' && sep != '.' {
				return p, false
			}
			if p.m, i, ok = digits(s, i+1, 2); !ok || i >= len(s) || s[i] != sep {
				return p, false
			}
			if p.d, i, ok = digits(s, i+1, 2); !ok {
				return p, false
			}
		}
	} else if i <= 2 && i < len(s) && (s[i] == '/' || s[i] == '-' || s[i] == '.') {
		// d/d/yyyy with either order
		sep := s[i]
		p.a = n
		if p.b, i, ok = digits(s, i+1, 2); !ok || i >= len(s) || s[i] != sep {
			return p, false
		}
		start := i + 1
		if p.y, i, ok = digits(s, start, 4); !ok || i-start != 4 {
			return p, false
		}
		p.ambiguous = true
	} else {
		return p, false
	}
	if i == len(s) {
		return p, true
	}
	if s[i] != ' ' && s[i] != 'T' {
		return p, false
	}
	for i < len(s) && (s[i] == ' ' || s[i] == 'T') {
		i++
	}
	return scanTime(s, i, p)
}

// scanTime reads hh:mm[:ss[.fff]] and an optional zone at s[i:].
func scanTime(s string, i int, p dateParts) (dateParts, bool) {
	var ok bool
	p.hasTime = true
	if p.hh, i, ok = digits(s, i, 2); !ok || i >= len(s) || s[i] != ':' {
		return p, false
	}
	start := i + 1
	if p.mm, i, ok = digits(s, start, 2); !ok || i-start != 2 {
		return p, false
	}
	if i < len(s) && s[i] == ':' {
		start = i + 1
		if p.ss, i, ok = digits(s, start, 2); !ok || i-start != 2 {
			return p, false
		}
		if i < len(s) && (s[i] == '.' || s[i] == ',') {
			start = i + 1
			var frac int
			if frac, i, ok = digits(s, start, 9); !ok {
				return p, false
			}
			for k := i - start; k < 9; k++ {
				frac *= 10
			}
			p.nanos = frac
		}
	}
	if i == len(s) {
		return p, true
	}
	switch s[i] {
	case 'Z', 'z':
		return p, i+1 == len(s)
	case '+', '-':
		sign := 1
		if s[i] == '-' {
			sign = -1
		}
		h, j, ok := digits(s, i+1, 2)
		if !ok || j-(i+1) != 2 {
			return p, false
		}
		if j < len(s) && s[j] == ':' {
			j++
		}
		m, k, ok := digits(s, j, 2)
		if !ok || k-j != 2 || k != len(s) || h > 14 || m > 59 {
			return p, false
		}
		p.zoneSeconds = sign * (h*3600 + m*60)
		return p, true
	}
	return p, false
}

// days converts p to days since 1970-01-01 UTC; ok is false when p is not
// a real date or time (2023-02-29, 24:30). order resolves d/d/yyyy dates.
func (p dateParts) days(order dayOrder) (float64, bool) {
	if p.ambiguous {
		switch order {
		case dayFirst:
			p.d, p.m = p.a, p.b
		case monthFirst:
			p.m, p.d = p.a, p.b
		default:
			return 0, false
		}
	}
	if p.y < 1000 || p.m < 1 || p.m > 12 || p.d < 1 || p.d > 31 ||
		p.hh > 23 || p.mm > 59 || p.ss > 60 {
		return 0, false
	}
	t := time.Date(p.y, time.Month(p.m), p.d, p.hh, p.mm, min(p.ss, 59), p.nanos, time.UTC)
	if t.Day() != p.d || t.Month() != time.Month(p.m) {
		return 0, false // normalised: no such day
	}
	secs := float64(t.Unix()-int64(p.zoneSeconds)) + float64(p.nanos)/1e9
	return secs / secondsPerDay, true
}

// order says which d/d/yyyy reading p allows: dayFirst when the first
// number exceeds 12, monthFirst when the second does, dayUnknown otherwise.
func (p dateParts) order() dayOrder {
	switch {
	case !p.ambiguous:
		return dayUnknown
	case p.a > 12 && p.b > 12:
		return dayConflict
	case p.a > 12:
		return dayFirst
	case p.b > 12:
		return monthFirst
	}
	return dayUnknown
}

// merge combines the orders seen in one column.
func (o dayOrder) merge(p dayOrder) dayOrder {
	switch {
	case p == dayUnknown || o == p:
		return o
	case o == dayUnknown:
		return p
	}
	return dayConflict
}

// parseDate reads one cell as a date with no column context: d/d/yyyy
// dates are accepted only when a number above 12 says which is the day.
func parseDate(s string) (float64, error) {
	p, ok := scanDate(strings.TrimSpace(s))
	if !ok {
		return 0, fmt.Errorf("%q is not a date (want e.g. 2024-03-01, 2024/3/1, 2024年3月1日 or 2024-03-01 12:30:00)", s)
	}
	o := p.order()
	if p.ambiguous && (o == dayUnknown || o == dayConflict) {
		return 0, fmt.Errorf("%q is an ambiguous date (dd/mm/yyyy or mm/dd/yyyy); write it as yyyy-mm-dd", s)
	}
	v, ok := p.days(o)
	if !ok {
		return 0, fmt.Errorf("%q is not a valid date", s)
	}
	return v, nil
}

// yyyymmdd reads an 8-digit integer such as 20240301 as a date; it is tried
// only on numeric columns whose name says they hold dates.
func yyyymmdd(v float64) (float64, bool) {
	if v != math.Trunc(v) || v < 10000101 || v > 99991231 {
		return 0, false
	}
	n := int(v)
	p := dateParts{y: n / 10000, m: n / 100 % 100, d: n % 100}
	if p.y < 1800 || p.y > 2200 {
		return 0, false
	}
	return p.days(dayUnknown)
}

// namesADate reports whether a column name says its integers are dates.
func namesADate(name string) bool {
	lower := strings.ToLower(name)
	return strings.Contains(lower, "date") || strings.Contains(name, "日期")
}

// formatDate writes a Date value as "2006-01-02", or "2006-01-02 15:04:05"
// when timed (the column has a time of day somewhere).
func formatDate(v float64, timed bool) string {
	if math.IsNaN(v) {
		return ""
	}
	t := dateTime(v)
	if timed {
		return t.Format(time.DateTime)
	}
	return t.Format(time.DateOnly)
}

// dateTime converts days since 1970 to a UTC time, rounded to the second.
func dateTime(v float64) time.Time {
	secs := math.Round(v * secondsPerDay)
	return time.Unix(int64(secs), 0).UTC()
}

// hasTimeOfDay reports whether v is not at midnight (to the second).
func hasTimeOfDay(v float64) bool {
	secs := math.Round(v * secondsPerDay)
	return math.Mod(secs, secondsPerDay) != 0
}
