package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Frame is a table of named, typed columns. Each cell keeps its original
// text (trimmed of surrounding spaces); Numeric and Boolean cells also keep
// their float value. A missing cell (see IsMissing) has text "" and value NaN.
//
// Rows are numbered from 0 in the API; error messages count data rows from 1
// (the first row after the header is "row 1"), as a spreadsheet user would.
//
// A Frame is immutable once built: methods that change rows or columns
// return a new Frame.
type Frame struct {
	names []string
	kinds []Kind
	text  [][]string  // text[c][r]
	num   [][]float64 // num[c][r]; NaN when missing or categorical
}

// Schema declares the kind of some columns by name. Declared columns are not
// inferred: a cell that does not parse as the declared kind is an error
// naming its row and column.
type Schema map[string]Kind

// NewFrame builds a Frame from a header and rows of cell text. Every row must
// have len(names) cells. Column names must be non-empty and distinct; they
// are kept as written (any UTF-8, e.g. Chinese), trimmed of spaces.
//
// Kinds not given by schema are inferred from the non-missing cells: Numeric
// if every cell parses as a number, Boolean if every cell is one of
// true/false/yes/no (any case), Categorical otherwise. A column with no
// non-missing cell is Numeric. Numeric cells must be finite: "Inf" is an
// error naming its row and column.
func NewFrame(names []string, rows [][]string, schema Schema) (*Frame, error) {
	if len(names) == 0 {
		return nil, errors.New("data: no columns")
	}
	f := &Frame{names: make([]string, len(names)), kinds: make([]Kind, len(names))}
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
		f.names[c] = name
	}
	for name := range schema {
		if _, ok := seen[name]; !ok {
			return nil, fmt.Errorf("data: schema names column %q, which is not in the header", name)
		}
	}
	f.text = make([][]string, len(names))
	for c := range f.text {
		f.text[c] = make([]string, len(rows))
	}
	for r, row := range rows {
		if len(row) != len(names) {
			return nil, fmt.Errorf("data: row %d has %d cells, the header has %d", r+1, len(row), len(names))
		}
		for c, cell := range row {
			if !IsMissing(cell) {
				f.text[c][r] = strings.TrimSpace(cell)
			}
		}
	}
	f.num = make([][]float64, len(names))
	for c := range names {
		k, declared := schema[f.names[c]]
		if !declared {
			k = inferKind(f.text[c])
		}
		f.kinds[c] = k
		num, err := parseColumn(k, f.text[c])
		if err != nil {
			return nil, fmt.Errorf("data: column %q (%s): %w", f.names[c], k, err)
		}
		f.num[c] = num
	}
	return f, nil
}

// inferKind chooses the kind of a column from its non-missing cells.
func inferKind(cells []string) Kind {
	numeric, boolean := true, true
	for _, s := range cells {
		if s == "" {
			continue
		}
		if numeric {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				numeric = false
			}
		}
		if boolean && !isWordBool(s) {
			boolean = false
		}
		if !numeric && !boolean {
			return Categorical
		}
	}
	if numeric {
		return Numeric
	}
	return Boolean
}

// parseColumn converts the cells of one column; errors name the row.
func parseColumn(k Kind, cells []string) ([]float64, error) {
	num := make([]float64, len(cells))
	for r, s := range cells {
		if s == "" {
			num[r] = math.NaN()
			continue
		}
		v, err := parseCell(k, s)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", r+1, err)
		}
		num[r] = v
	}
	return num, nil
}

// Len returns the number of rows.
func (f *Frame) Len() int {
	if f == nil || len(f.text) == 0 {
		return 0
	}
	return len(f.text[0])
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

// Floats returns a copy of a Numeric or Boolean column's values, NaN where
// missing. A Categorical column is an error.
func (f *Frame) Floats(name string) ([]float64, error) {
	c, err := f.column(name)
	if err != nil {
		return nil, err
	}
	if f.kinds[c] == Categorical {
		return nil, fmt.Errorf("data: column %q is categorical, not numeric", name)
	}
	return append([]float64(nil), f.num[c]...), nil
}

// Strings returns a copy of a column's cell text, "" where missing.
func (f *Frame) Strings(name string) ([]string, error) {
	c, err := f.column(name)
	if err != nil {
		return nil, err
	}
	return append([]string(nil), f.text[c]...), nil
}

// MissingCount returns how many cells of the named column are missing.
func (f *Frame) MissingCount(name string) (int, error) {
	c, err := f.column(name)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range f.text[c] {
		if s == "" {
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
		rec[name] = f.text[c][r]
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
	g := &Frame{names: f.Names(), kinds: f.Kinds(),
		text: make([][]string, len(f.names)), num: make([][]float64, len(f.names))}
	for c := range f.names {
		g.text[c] = make([]string, len(rows))
		g.num[c] = make([]float64, len(rows))
		for i, r := range rows {
			g.text[c][i] = f.text[c][r]
			g.num[c][i] = f.num[c][r]
		}
	}
	return g, nil
}

// Select returns a Frame with only the named columns, in the given order.
func (f *Frame) Select(names ...string) (*Frame, error) {
	g := &Frame{}
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
		g.text = append(g.text, f.text[c])
		g.num = append(g.num, f.num[c])
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
			if f.text[c][r] == "" {
				continue rows
			}
		}
		keep = append(keep, r)
	}
	g, err := f.Subset(keep)
	return g, keep, err
}
