package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// Frame is a table of named, typed columns, stored compactly: Numeric and
// Date columns as float64 values only (NaN where missing), Categorical
// columns as a dictionary of their distinct texts (trimmed of surrounding
// spaces) and a code per cell, Boolean columns as both. A missing cell (see
// IsMissing) has text "" and value NaN.
//
// Cell text (Strings, Record, WriteCSV) is therefore the text as written for
// Categorical and Boolean cells, but is rebuilt from the value for Numeric
// cells (the fewest digits that read back to the same number, see
// formatNumber: "1.50" reads back as "1.5") and Date cells ("2006-01-02",
// or "2006-01-02 15:04:05" when the column has times of day).
//
// Rows are numbered from 0 in the API; error messages count data rows from 1
// (the first row after the header is "row 1"), as a spreadsheet user would.
//
// A Frame is immutable once built: methods that change rows or columns
// return a new Frame.
type Frame struct {
	names []string
	kinds []Kind
	cols  []column
	rows  int

	encoding string
	warnings []Warning
}

// Warning reports cells that a Loader read differently from how they were
// written, such as the few non-numbers of a numeric column read as missing.
type Warning struct {
	Column string
	// Rows are the first few (at most 5) data rows concerned, counting
	// from 1.
	Rows []int
	// Count is the number of cells concerned.
	Count int
	// Message says what happened, e.g. `column "age": 1 value is not a
	// number ("forty" at row 17); read as missing`.
	Message string
}

func (w Warning) String() string { return w.Message }

// Schema declares the kind of some columns by name. Declared columns are not
// inferred: a cell that does not parse as the declared kind is an error
// naming its row and column.
type Schema map[string]Kind

// NewFrame builds a Frame from a header and rows of cell text. Every row must
// have len(names) cells. Column names must be non-empty and distinct; they
// are kept as written (any UTF-8, e.g. Chinese), trimmed of spaces.
//
// Kinds not given by schema are inferred from the non-missing cells:
//
//   - Boolean if every cell is one of true/false/yes/no (any case);
//   - Numeric if every cell parses as a number, or all but a few: at most 5%
//     of the non-missing cells, with at most 20 distinct texts, among at
//     least 20 numbers. The few are read as missing and reported by
//     Warnings (or are an error with Loader.StrictNumbers);
//   - Date if every cell is a date or date-time: 2024-03-01, 2024/3/1,
//     2024.03.01, 2024年3月1日, optionally followed by a time 12:30,
//     12:30:00 or 12:30:00.123 (after a space or 'T') and a zone Z or
//     +08:00; dd/mm/yyyy or mm/dd/yyyy when some number above 12 in the
//     column says which is the day. A Numeric column whose name contains
//     "date" or "日期" and whose values are all 8-digit dates such as
//     20240301 is a Date column too;
//   - Categorical otherwise.
//
// A column with no non-missing cell is Numeric. Numeric cells must be
// finite: "Inf" is an error naming its row and column.
func NewFrame(names []string, rows [][]string, schema Schema) (*Frame, error) {
	return newFrame(names, rows, schema, false)
}

// newFrame is NewFrame; strict makes non-numbers in a numeric column an
// error (Loader.StrictNumbers).
func newFrame(names []string, rows [][]string, schema Schema, strict bool) (*Frame, error) {
	b, err := newFrameBuilder(names, schema, false, false, len(rows))
	if err != nil {
		return nil, err
	}
	for r, row := range rows {
		if len(row) != len(names) {
			return nil, fmt.Errorf("data: row %d has %d cells, the header has %d", r+1, len(row), len(names))
		}
		if err := b.add(row); err != nil {
			return nil, fmt.Errorf("data: %w", err)
		}
	}
	return b.finish(strict)
}

// frameBuilder streams rows into column builders.
type frameBuilder struct {
	names []string
	cols  []*builder
}

// newFrameBuilder checks the header and schema. comma allows decimal
// commas; own says cells are borrowed and must be copied to be kept.
func newFrameBuilder(names []string, schema Schema, comma, own bool, capacity int) (*frameBuilder, error) {
	if len(names) == 0 {
		return nil, errors.New("data: no columns")
	}
	fb := &frameBuilder{names: make([]string, len(names)), cols: make([]*builder, len(names))}
	seen := make(map[string]int, len(names))
	for c, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("data: column %d has an empty name", c+1)
		}
		if prev, dup := seen[name]; dup {
			return nil, fmt.Errorf("data: column name %q appears twice (columns %d and %d)", name, prev+1, c+1)
		}
		seen[name] = c
		fb.names[c] = strings.Clone(name)
	}
	for name := range schema {
		if _, ok := seen[name]; !ok {
			return nil, fmt.Errorf("data: schema names column %q, which is not in the header", name)
		}
	}
	for c, name := range fb.names {
		k, declared := schema[name]
		fb.cols[c] = newBuilder(name, k, declared, comma, own, capacity)
	}
	return fb, nil
}

// add appends a row of len(names) cells.
func (fb *frameBuilder) add(row []string) error {
	for c, cell := range row {
		if err := fb.cols[c].add(cell); err != nil {
			return err
		}
	}
	return nil
}

// finish chooses the kinds and builds the Frame.
func (fb *frameBuilder) finish(strict bool) (*Frame, error) {
	f := &Frame{names: fb.names, kinds: make([]Kind, len(fb.names)), cols: make([]column, len(fb.names))}
	if len(fb.cols) > 0 {
		f.rows = fb.cols[0].rows
	}
	for c, b := range fb.cols {
		k, col, warn, err := b.finish(strict)
		if err != nil {
			return nil, err
		}
		fb.cols[c] = nil // let the builder's leftovers go
		f.kinds[c], f.cols[c] = k, col
		if warn != nil {
			f.warnings = append(f.warnings, *warn)
		}
	}
	return f, nil
}

// textColumn returns the text of every cell of column c ("" where missing).
// Numbers and dates are formatted into shared blocks of bytes, so the
// column costs a string header per cell and the digits, not an allocation
// per cell.
func (f *Frame) textColumn(c int) []string {
	col := f.cols[c]
	out := make([]string, f.rows)
	if col.codes != nil {
		for r, code := range col.codes {
			if code >= 0 {
				out[r] = col.dict[code]
			}
		}
		return out
	}
	const block = 64 << 10
	buf := make([]byte, 0, min(block, 24*f.rows)+64)
	var ends []int32
	pending := 0 // first row not yet assigned
	flush := func(upTo int) {
		text := string(buf)
		start, i := 0, 0
		for r := pending; r < upTo; r++ {
			if math.IsNaN(col.num[r]) {
				continue
			}
			out[r] = text[start:ends[i]]
			start = int(ends[i])
			i++
		}
		buf, ends, pending = buf[:0], ends[:0], upTo
	}
	date := f.kinds[c] == Date
	for r, v := range col.num {
		if math.IsNaN(v) {
			continue
		}
		if date {
			buf = append(buf, formatDate(v, col.timed)...)
		} else {
			buf = appendNumber(buf, v)
		}
		ends = append(ends, int32(len(buf)))
		if len(buf) >= block {
			flush(r + 1)
		}
	}
	flush(len(col.num))
	return out
}

// cellText returns the text of one cell ("" where missing).
func (f *Frame) cellText(c, r int) string {
	col := &f.cols[c]
	switch {
	case col.codes != nil:
		if code := col.codes[r]; code >= 0 {
			return col.dict[code]
		}
		return ""
	case math.IsNaN(col.num[r]):
		return ""
	case f.kinds[c] == Date:
		return formatDate(col.num[r], col.timed)
	}
	return formatNumber(col.num[r])
}

// missingAt reports whether cell (c, r) is missing.
func (f *Frame) missingAt(c, r int) bool {
	col := &f.cols[c]
	if col.codes != nil {
		return col.codes[r] < 0
	}
	return math.IsNaN(col.num[r])
}

// values returns the values of column c without copying (nil for a
// Categorical column); callers must not change them.
func (f *Frame) values(c int) []float64 {
	if f.kinds[c] == Categorical {
		return nil
	}
	return f.cols[c].num
}

// Encoding returns the text encoding the frame was read from: "utf-8",
// "utf-8 with BOM", "gb18030", "gbk", "utf-16le" or "utf-16be" for CSV
// input, "xlsx" for a workbook, "" for a frame built by NewFrame.
func (f *Frame) Encoding() string {
	if f == nil {
		return ""
	}
	return f.encoding
}

// Warnings returns what loading read differently from how it was written
// (see Warning), one per column concerned, in column order. Frames made by
// Subset, Select, Drop and DropMissing keep the warnings of their columns,
// whose rows still count rows of the table as read.
func (f *Frame) Warnings() []Warning {
	if f == nil {
		return nil
	}
	out := make([]Warning, len(f.warnings))
	for i, w := range f.warnings {
		w.Rows = slices.Clone(w.Rows)
		out[i] = w
	}
	return out
}

// Len returns the number of rows.
func (f *Frame) Len() int {
	if f == nil {
		return 0
	}
	return f.rows
}

// Names returns a copy of the column names, in order.
func (f *Frame) Names() []string {
	if f == nil {
		return nil
	}
	return append([]string(nil), f.names...)
}

// Kinds returns a copy of the column kinds, in the order of Names.
func (f *Frame) Kinds() []Kind {
	if f == nil {
		return nil
	}
	return append([]Kind(nil), f.kinds...)
}

// Index returns the position of the named column, or -1 if there is none.
func (f *Frame) Index(name string) int {
	if f == nil {
		return -1
	}
	for c, n := range f.names {
		if n == name {
			return c
		}
	}
	return -1
}

// column returns the index of name or an error listing the columns.
func (f *Frame) column(name string) (int, error) {
	if f == nil {
		return -1, errors.New("data: nil frame")
	}
	if c := f.Index(name); c >= 0 {
		return c, nil
	}
	return -1, fmt.Errorf("data: no column %q (columns: %s)", name, strings.Join(f.names, ", "))
}

// Kind returns the kind of the named column.
func (f *Frame) Kind(name string) (Kind, error) {
	c, err := f.column(name)
	if err != nil {
		return 0, err
	}
	return f.kinds[c], nil
}

// Floats returns a copy of a Numeric, Boolean or Date column's values, NaN
// where missing. A Categorical column is an error.
func (f *Frame) Floats(name string) ([]float64, error) {
	c, err := f.column(name)
	if err != nil {
		return nil, err
	}
	if f.kinds[c] == Categorical {
		return nil, fmt.Errorf("data: column %q is categorical, not numeric", name)
	}
	return slices.Clone(f.cols[c].num), nil
}

// Strings returns a column's cell text, "" where missing: the text as
// written for Categorical and Boolean cells, the value formatted for Numeric
// and Date cells (see Frame).
func (f *Frame) Strings(name string) ([]string, error) {
	c, err := f.column(name)
	if err != nil {
		return nil, err
	}
	return f.textColumn(c), nil
}

// MissingCount returns how many cells of the named column are missing.
func (f *Frame) MissingCount(name string) (int, error) {
	c, err := f.column(name)
	if err != nil {
		return 0, err
	}
	n := 0
	for r := range f.rows {
		if f.missingAt(c, r) {
			n++
		}
	}
	return n, nil
}

// Record returns row r as a map from column name to cell text ("" where
// missing), the form TransformRecords accepts.
func (f *Frame) Record(r int) (map[string]string, error) {
	if r < 0 || r >= f.Len() {
		return nil, fmt.Errorf("data: row index %d out of range [0, %d)", r, f.Len())
	}
	rec := make(map[string]string, len(f.names))
	for c, name := range f.names {
		rec[name] = f.cellText(c, r)
	}
	return rec, nil
}

// Subset returns a Frame with the given rows, in the given order (indices
// may repeat). Column kinds are kept, not re-inferred.
func (f *Frame) Subset(rows []int) (*Frame, error) {
	if f == nil {
		return nil, errors.New("data: Subset of a nil frame")
	}
	n := f.Len()
	for i, r := range rows {
		if r < 0 || r >= n {
			return nil, fmt.Errorf("data: subset index %d (position %d) out of range [0, %d)", r, i, n)
		}
	}
	g := &Frame{names: f.Names(), kinds: f.Kinds(), cols: make([]column, len(f.names)), rows: len(rows),
		encoding: f.encoding, warnings: f.warnings}
	for c, col := range f.cols {
		sub := column{dict: col.dict, timed: col.timed, tokens: col.tokens}
		if col.num != nil {
			sub.num = make([]float64, len(rows))
			for i, r := range rows {
				sub.num[i] = col.num[r]
			}
		}
		if col.codes != nil {
			sub.codes = make([]int32, len(rows))
			for i, r := range rows {
				sub.codes[i] = col.codes[r]
			}
		}
		g.cols[c] = sub
	}
	return g, nil
}

// Select returns a Frame with only the named columns, in the given order.
func (f *Frame) Select(names ...string) (*Frame, error) {
	g := &Frame{rows: f.Len(), encoding: f.Encoding()}
	for _, name := range names {
		c, err := f.column(name)
		if err != nil {
			return nil, err
		}
		if g.Index(name) >= 0 {
			return nil, fmt.Errorf("data: column %q selected twice", name)
		}
		g.names = append(g.names, name)
		g.kinds = append(g.kinds, f.kinds[c])
		g.cols = append(g.cols, f.cols[c])
		for _, w := range f.warnings {
			if w.Column == name {
				g.warnings = append(g.warnings, w)
			}
		}
	}
	if len(g.names) == 0 {
		return nil, errors.New("data: no columns selected")
	}
	return g, nil
}

// Drop returns a Frame without the named columns.
func (f *Frame) Drop(names ...string) (*Frame, error) {
	drop := make(map[string]bool, len(names))
	for _, name := range names {
		if _, err := f.column(name); err != nil {
			return nil, err
		}
		drop[name] = true
	}
	var keep []string
	for _, name := range f.names {
		if !drop[name] {
			keep = append(keep, name)
		}
	}
	return f.Select(keep...)
}

// DropMissing returns a Frame without the rows that have a missing cell in
// any of the named columns (in any column when none are named), and the
// original indices of the rows kept.
func (f *Frame) DropMissing(names ...string) (*Frame, []int, error) {
	cols := make([]int, 0, len(names))
	for _, name := range names {
		c, err := f.column(name)
		if err != nil {
			return nil, nil, err
		}
		cols = append(cols, c)
	}
	if len(names) == 0 {
		for c := range f.names {
			cols = append(cols, c)
		}
	}
	keep := make([]int, 0, f.Len())
rows:
	for r := range f.Len() {
		for _, c := range cols {
			if f.missingAt(c, r) {
				continue rows
			}
		}
		keep = append(keep, r)
	}
	g, err := f.Subset(keep)
	return g, keep, err
}

// tally counts the distinct non-missing cell texts of column c, most
// frequent first, then by text: the same as counts(f.text[c]), computed
// from the compact column (codes are counted, numbers sorted) so that only
// distinct values are formatted.
func (f *Frame) tally(c int) []ValueCount {
	col := &f.cols[c]
	var out []ValueCount
	total := 0
	if col.codes != nil {
		n := make([]int, len(col.dict))
		for _, code := range col.codes {
			if code >= 0 {
				n[code]++
			}
		}
		// Dictionary entries are distinct texts (the builder makes them so).
		out = make([]ValueCount, 0, len(col.dict))
		for i, s := range col.dict {
			if n[i] > 0 {
				total += n[i]
				out = append(out, ValueCount{Value: s, Count: n[i]})
			}
		}
	} else {
		x := present(col.num) // sorted
		total = len(x)
		date := f.kinds[c] == Date
		text := func(v float64) string {
			if date {
				return formatDate(v, col.timed)
			}
			return formatNumber(v)
		}
		for i := 0; i < len(x); {
			j := i + 1
			for j < len(x) && x[j] == x[i] {
				j++
			}
			s := text(x[i])
			if k := len(out) - 1; k >= 0 && out[k].Value == s {
				out[k].Count += j - i // equal texts (0 and -0, dates within a second)
			} else {
				out = append(out, ValueCount{Value: s, Count: j - i})
			}
			i = j
		}
	}
	for i := range out {
		out[i].Share = float64(out[i].Count) / float64(total)
	}
	slices.SortFunc(out, func(a, b ValueCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}

// topValues returns the k most frequent values of column c (as tally
// orders them: by count, then text), the number of distinct values and of
// present cells, without building the whole tally: for a column of a
// million distinct ids it counts per dictionary code and keeps k entries.
func (f *Frame) topValues(c, k int) (top []ValueCount, distinct, present int) {
	col := &f.cols[c]
	if col.codes == nil {
		all := f.tally(c)
		for _, v := range all {
			present += v.Count
		}
		return all[:min(k, len(all))], len(all), present
	}
	n := make([]int, len(col.dict))
	for _, code := range col.codes {
		if code >= 0 {
			n[code]++
		}
	}
	better := func(a, b ValueCount) bool {
		return a.Count > b.Count || (a.Count == b.Count && a.Value < b.Value)
	}
	for i, count := range n {
		if count == 0 {
			continue
		}
		distinct++
		present += count
		v := ValueCount{Value: col.dict[i], Count: count}
		if len(top) == k && !better(v, top[k-1]) {
			continue
		}
		at := sort.Search(len(top), func(j int) bool { return better(v, top[j]) })
		top = slices.Insert(top, at, v)
		if len(top) > k {
			top = top[:k]
		}
	}
	for i := range top {
		top[i].Share = float64(top[i].Count) / float64(present)
	}
	return top, distinct, present
}
