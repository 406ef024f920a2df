package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The robust-number rule: a column whose non-missing cells are numbers
// except a few is Numeric, the few read as missing with a Warning. "A few"
// is at most maxNonNumberShare of the non-missing cells and at most
// maxNonNumberDistinct distinct texts, among at least minNumbers numbers.
const (
	maxNonNumberShare    = 0.05
	maxNonNumberDistinct = 20
	minNumbers           = 20
)

// shownValues bounds how many cell values a warning or error lists.
const shownValues = 5

// column is the compact storage of one column of a Frame.
//
// Numeric and Date columns keep only num (NaN where missing). Categorical
// columns keep dictionary codes (-1 where missing) into dict, the distinct
// cell texts. Boolean columns keep both: num for the 0/1 values, codes and
// dict for the words as written ("yes", "No").
type column struct {
	num   []float64
	codes []int32
	dict  []string
	timed bool // Date: some value has a time of day
	// tokens marks a column whose values Frame.Pseudonymise replaced by
	// keyed tokens: no longer personal data.
	tokens bool
}

// builder accumulates the cells of one column, row by row, and chooses its
// kind at the end (finish).
//
// An undeclared column starts in number mode: each cell is parsed at once
// and only its value is kept, with the few cells whose text the value does
// not reproduce ("1.50", "007", non-numbers) kept aside in odd. When a
// column plainly is not numeric (more than maxNonNumberDistinct distinct
// non-numbers, or mostly non-numbers) it switches to dictionary mode, which
// keeps each distinct text once and a code per cell; kinds other than
// Numeric are chosen from the dictionary, so each distinct value is parsed
// once.
type builder struct {
	name     string
	kind     Kind
	declared bool
	comma    bool // a decimal comma is allowed ("1,5"): the delimiter is not ','
	own      bool // cell strings are borrowed (reused buffers): clone kept ones
	rows     int
	present  int

	// number mode (dict == nil)
	nums     []float64
	oddRows  []int32
	oddText  []string
	nonNum   map[string]int // distinct non-number texts and their counts
	nonCount int
	firstBad []badCell // the first shownValues non-number cells
	inf      *badCell  // the first infinite number

	// dictionary mode
	dictMode bool
	codes    []int32
	dict     []string
	first    []int32 // first row (0-based) of each dictionary entry
	index    map[string]int32
}

// badCell is a cell that did not read as its column's kind.
type badCell struct {
	row  int // 0-based
	text string
}

func newBuilder(name string, k Kind, declared, comma, own bool, capacity int) *builder {
	b := &builder{name: name, kind: k, declared: declared, comma: comma, own: own}
	if declared && k != Numeric {
		b.toDict()
	}
	if b.dictMode {
		b.codes = make([]int32, 0, capacity)
	} else {
		b.nums = make([]float64, 0, capacity)
	}
	return b
}

// keep returns s safe to retain.
func (b *builder) keep(s string) string {
	if b.own {
		return strings.Clone(s)
	}
	return s
}

// add appends the next cell. Only a declared Numeric column can fail here;
// the error has no "data:" prefix (the caller says where the row is).
func (b *builder) add(s string) error {
	row := b.rows
	b.rows++
	s = trimCell(s)
	if isMissingTrimmed(s) {
		if b.dictMode {
			b.codes = append(b.codes, -1)
		} else {
			b.nums = append(b.nums, math.NaN())
		}
		return nil
	}
	b.present++
	if b.dictMode {
		b.addCode(s, row)
		return nil
	}
	v, ok := readNumber(s, b.comma)
	if !ok {
		if b.declared {
			return fmt.Errorf("column %q (%s): row %d: %s is not a number", b.name, b.kind, row+1, quoteCell(s))
		}
		b.nums = append(b.nums, math.NaN())
		if b.nonNum == nil {
			b.nonNum = map[string]int{}
		}
		kept := b.keep(s)
		b.nonNum[kept]++
		b.nonCount++
		if len(b.firstBad) < shownValues {
			b.firstBad = append(b.firstBad, badCell{row, kept})
		}
		b.oddRows, b.oddText = append(b.oddRows, int32(row)), append(b.oddText, kept)
		if len(b.nonNum) > maxNonNumberDistinct || (b.nonCount >= 64 && 2*b.nonCount > b.present) {
			b.toDict()
		}
		return nil
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		if b.declared {
			return fmt.Errorf("column %q (%s): row %d: %s is not a finite number", b.name, b.kind, row+1, quoteCell(s))
		}
		if b.inf == nil {
			b.inf = &badCell{row, b.keep(s)}
		}
	}
	b.nums = append(b.nums, v)
	if !isCanonicalNumber(s) && formatNumber(v) != s {
		b.oddRows, b.oddText = append(b.oddRows, int32(row)), append(b.oddText, b.keep(s))
	}
	return nil
}

// addCode appends the dictionary code of non-missing text s.
func (b *builder) addCode(s string, row int) {
	code, ok := b.index[s]
	if !ok {
		code = int32(len(b.dict))
		s = b.keep(s)
		b.dict = append(b.dict, s)
		b.first = append(b.first, int32(row))
		b.index[s] = code
	}
	b.codes = append(b.codes, code)
}

// toDict switches to dictionary mode, rebuilding each cell's text from its
// value or from odd.
func (b *builder) toDict() {
	b.dictMode = true
	b.index = map[string]int32{}
	if b.rows == 0 {
		return
	}
	nums, oddRows, oddText := b.nums, b.oddRows, b.oddText
	b.nums, b.oddRows, b.oddText, b.nonNum, b.firstBad = nil, nil, nil, nil, nil
	b.codes = make([]int32, 0, max(cap(nums), len(nums)))
	own := b.own
	b.own = false // texts below are already ours
	for r, v := range nums {
		switch {
		case len(oddRows) > 0 && int(oddRows[0]) == r:
			b.addCode(oddText[0], r)
			oddRows, oddText = oddRows[1:], oddText[1:]
		case math.IsNaN(v):
			b.codes = append(b.codes, -1)
		default:
			b.addCode(formatNumber(v), r)
		}
	}
	b.own = own
}

// finish chooses the column's kind and returns its storage and any
// warning. strict makes the robust-number rule an error.
func (b *builder) finish(strict bool) (Kind, column, *Warning, error) {
	if b.declared {
		col, err := b.finishAs(b.kind)
		return b.kind, col, nil, err
	}
	if !b.dictMode {
		if b.nonCount == 0 {
			return b.finishNumbers(nil, strict)
		}
		if b.robust(b.present-b.nonCount, b.nonCount, len(b.nonNum)) {
			return b.finishNumbers(b.firstBad, strict)
		}
		b.toDict()
	}
	// Dictionary mode: try each kind on the distinct texts.
	if len(b.dict) == 0 {
		return Numeric, column{num: b.allMissing()}, nil, nil
	}
	if allOf(b.dict, isWordBool) {
		col, err := b.finishAs(Boolean)
		return Boolean, col, nil, err
	}
	values := make([]float64, len(b.dict))
	isNum := make([]bool, len(b.dict))
	nonDistinct := 0
	for i, s := range b.dict {
		v, ok := readNumber(s, b.comma)
		values[i], isNum[i] = v, ok
		if !ok {
			nonDistinct++
		}
	}
	if nonDistinct <= maxNonNumberDistinct {
		numbers, non := 0, 0
		for _, code := range b.codes {
			switch {
			case code < 0:
			case isNum[code]:
				numbers++
			default:
				non++
			}
		}
		if non == 0 || b.robust(numbers, non, nonDistinct) {
			var bad []badCell
			num := make([]float64, len(b.codes))
			for r, code := range b.codes {
				switch {
				case code < 0:
					num[r] = math.NaN()
				case isNum[code]:
					num[r] = values[code]
					if v := values[code]; (math.IsInf(v, 0) || math.IsNaN(v)) && b.inf == nil {
						b.inf = &badCell{r, b.dict[code]}
					}
				default:
					num[r] = math.NaN()
					if len(bad) < shownValues {
						bad = append(bad, badCell{r, b.dict[code]})
					}
				}
			}
			b.dictMode, b.codes, b.dict, b.index, b.first = false, nil, nil, nil, nil
			b.nums, b.nonCount = num, non
			return b.finishNumbers(bad, strict)
		}
	}
	if order, ok := dateOrder(b.dict); ok {
		col, err := b.dates(order)
		if err == nil {
			return Date, col, nil, nil
		}
	}
	col, _ := b.finishAs(Categorical)
	return Categorical, col, nil, nil
}

// robust reports whether numbers numeric cells and non cells that are not
// numbers (distinct distinct texts) make a Numeric column.
func (b *builder) robust(numbers, non, distinct int) bool {
	return numbers >= minNumbers && distinct <= maxNonNumberDistinct &&
		float64(non) <= maxNonNumberShare*float64(numbers+non)
}

// finishNumbers ends a number-mode column: Numeric, or Date for integers
// like 20240301 under a name that says "date". bad lists the first cells
// that were not numbers (read as missing).
func (b *builder) finishNumbers(bad []badCell, strict bool) (Kind, column, *Warning, error) {
	if b.inf != nil {
		return Numeric, column{}, nil, fmt.Errorf("data: column %q (numeric): row %d: %s is not a finite number", b.name, b.inf.row+1, quoteCell(b.inf.text))
	}
	var warn *Warning
	if len(bad) > 0 {
		if strict {
			return Numeric, column{}, nil, fmt.Errorf("data: column %q, row %d: %s is not a number (StrictNumbers)", b.name, bad[0].row+1, quoteCell(bad[0].text))
		}
		warn = nonNumberWarning(b.name, bad, b.nonCount)
	}
	num := b.nums
	if warn == nil && !b.declared && namesADate(b.name) {
		if days, ok := allYYYYMMDD(num); ok {
			return Date, column{num: days}, nil, nil
		}
	}
	return Numeric, column{num: num}, warn, nil
}

// allYYYYMMDD converts a column of 8-digit integer dates, or reports false.
func allYYYYMMDD(num []float64) ([]float64, bool) {
	seen := false
	for _, v := range num {
		if math.IsNaN(v) {
			continue
		}
		if _, ok := yyyymmdd(v); !ok {
			return nil, false
		}
		seen = true
	}
	if !seen {
		return nil, false
	}
	days := make([]float64, len(num))
	for r, v := range num {
		days[r] = math.NaN()
		if !math.IsNaN(v) {
			days[r], _ = yyyymmdd(v)
		}
	}
	return days, true
}

// nonNumberWarning describes the cells of a Numeric column read as missing.
func nonNumberWarning(name string, bad []badCell, count int) *Warning {
	w := &Warning{Column: name, Count: count}
	var shown []string
	for _, c := range bad {
		w.Rows = append(w.Rows, c.row+1)
		shown = append(shown, fmt.Sprintf("%s at row %d", quoteCell(c.text), c.row+1))
	}
	if count > len(bad) {
		shown = append(shown, fmt.Sprintf("%d more", count-len(bad)))
	}
	what := "1 value is not a number"
	if count != 1 {
		what = fmt.Sprintf("%d values are not numbers", count)
	}
	w.Message = fmt.Sprintf("column %q: %s (%s); read as missing", name, what, strings.Join(shown, ", "))
	return w
}

// finishAs reads a dictionary-mode column as kind k; a text that does not
// parse is an error naming the first row that holds it.
func (b *builder) finishAs(k Kind) (column, error) {
	switch k {
	case Categorical:
		return column{codes: b.codes, dict: b.dict}, nil
	case Date:
		order, _ := dateOrder(b.dict)
		return b.dates(order)
	case Numeric:
		// Only a declared Numeric column reaches here in number mode.
		if !b.dictMode {
			_, col, _, err := b.finishNumbers(nil, true)
			return col, err
		}
	}
	values := make([]float64, len(b.dict))
	for i, s := range b.dict {
		v, err := parseCell(k, s)
		if err != nil {
			return column{}, fmt.Errorf("data: column %q (%s): row %d: %w", b.name, k, b.first[i]+1, err)
		}
		values[i] = v
	}
	num := b.decode(values)
	if k == Boolean {
		return column{num: num, codes: b.codes, dict: b.dict}, nil
	}
	return column{num: num}, nil
}

// decode maps the codes to per-entry values (NaN where missing).
func (b *builder) decode(values []float64) []float64 {
	num := make([]float64, len(b.codes))
	for r, code := range b.codes {
		if code < 0 {
			num[r] = math.NaN()
		} else {
			num[r] = values[code]
		}
	}
	return num
}

func (b *builder) allMissing() []float64 {
	num := make([]float64, b.rows)
	for r := range num {
		num[r] = math.NaN()
	}
	return num
}

// dateOrder checks that every text scans as a date and finds the column's
// d/d/yyyy reading; ok is false when some text is not a date or d/d/yyyy
// dates are ambiguous (no number above 12) or contradictory.
func dateOrder(texts []string) (dayOrder, bool) {
	order, ambiguous := dayUnknown, false
	for _, s := range texts {
		p, ok := scanDate(s)
		if !ok {
			return dayUnknown, false
		}
		if p.ambiguous {
			ambiguous = true
			order = order.merge(p.order())
		}
	}
	if order == dayConflict || (ambiguous && order == dayUnknown) {
		return order, false
	}
	return order, true
}

// dates converts a dictionary-mode column of dates read with order.
func (b *builder) dates(order dayOrder) (column, error) {
	values := make([]float64, len(b.dict))
	timed := false
	for i, s := range b.dict {
		p, ok := scanDate(s)
		v, valid := p.days(order)
		if !ok || !valid {
			err := fmt.Errorf("%s is not a date (want e.g. 2024-03-01, 2024/3/1, 2024年3月1日 or 2024-03-01 12:30:00)", quoteCell(s))
			if ok && p.ambiguous && (order == dayUnknown || order == dayConflict) {
				err = fmt.Errorf("%s is ambiguous: no day above 12 tells dd/mm/yyyy from mm/dd/yyyy in this column", quoteCell(s))
			} else if ok {
				err = fmt.Errorf("%s is not a valid date", quoteCell(s))
			}
			return column{}, fmt.Errorf("data: column %q (date): row %d: %w", b.name, b.first[i]+1, err)
		}
		values[i] = v
		timed = timed || p.hasTime
	}
	return column{num: b.decode(values), timed: timed}, nil
}

func allOf(texts []string, pred func(string) bool) bool {
	for _, s := range texts {
		if !pred(s) {
			return false
		}
	}
	return true
}

// trimCell trims spaces around a cell; most cells have none.
func trimCell(s string) string {
	if len(s) == 0 || (s[0] > ' ' && s[len(s)-1] > ' ') {
		return s
	}
	return strings.TrimSpace(s)
}

// isMissingTrimmed is IsMissing for text already trimmed.
func isMissingTrimmed(s string) bool {
	switch len(s) {
	case 0:
		return true
	case 1:
		return s == "?"
	case 2, 3, 4:
		return strings.EqualFold(s, "NA") || strings.EqualFold(s, "N/A") ||
			strings.EqualFold(s, "NaN") || strings.EqualFold(s, "null")
	}
	return false
}

// readNumber parses a non-missing, trimmed cell as a number; with comma, a
// decimal comma ("1,5", "-0,25") reads too. Infinite values parse (the
// caller refuses them); -0 reads as 0.
func readNumber(s string, comma bool) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && comma && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil {
		return 0, false
	}
	if v == 0 {
		v = 0 // -0 reads as 0: one text per value
	}
	return v, true
}

// formatNumber writes a value with the fewest digits that read back to it:
// plain decimals for magnitudes in [1e-6, 1e21), else an exponent
// (the rule JavaScript and encoding/json follow).
func formatNumber(v float64) string {
	return string(appendNumber(nil, v))
}

func appendNumber(dst []byte, v float64) []byte {
	if a := math.Abs(v); a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	dst = strconv.AppendFloat(dst, v, 'e', -1, 64)
	if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
		dst[n-2] = dst[n-1] // 1e-07 → 1e-7
		dst = dst[:n-1]
	}
	return dst
}

// isCanonicalNumber is a fast, conservative test that formatNumber of the
// value of s gives s back: an optional '-', an integer part without
// leading zeros, an optional fraction not ending in 0, at most 15 digits,
// and not so small that formatNumber would use an exponent.
func isCanonicalNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intDigits := i - start
	if intDigits == 0 || (intDigits > 1 && s[start] == '0') {
		return false
	}
	if i == len(s) {
		return intDigits <= 15 && s != "-0"
	}
	if s[i] != '.' {
		return false
	}
	i++
	fracStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	frac := i - fracStart
	if i != len(s) || frac == 0 || s[len(s)-1] == '0' || intDigits+frac > 15 {
		return false
	}
	if s[start] == '0' { // 0.000x: beware of tiny values
		zeros := 0
		for zeros < frac && s[fracStart+zeros] == '0' {
			zeros++
		}
		return zeros < 5
	}
	return true
}

// quoteCell quotes cell text for a message, shortening long text.
func quoteCell(s string) string {
	const maxRunes = 40
	n := 0
	for i := range s {
		if n == maxRunes {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
