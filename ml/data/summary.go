package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat"
)

// TopCategories is how many of a column's most frequent values a Summary
// lists.
const TopCategories = 5

// maxBalanceClasses is the most distinct values a numeric target may have
// for a Summary to show its class balance.
const maxBalanceClasses = 20

// Summary describes a Frame: its size, and per column the kind, missing
// count, statistics and frequent values; with a target, its class balance.
// reports.DataSummary renders it as HTML.
type Summary struct {
	Rows    int
	Columns []ColumnSummary
	// Target is the target column, "" when none was given.
	Target string
	// Balance counts each target value, most frequent first; nil for no
	// target or a numeric target with more than 20 distinct values.
	Balance []ValueCount
}

// ColumnSummary describes one column. For Numeric and Boolean columns Min,
// Max, Mean and Std (sample standard deviation, divisor n − 1) are over the
// non-missing values (Boolean as 1/0); they are NaN when there are none
// (Std also when there is one). For Categorical and Boolean columns Top
// lists the TopCategories most frequent values.
type ColumnSummary struct {
	Name     string
	Kind     Kind
	Missing  int
	Distinct int
	Min      float64
	Max      float64
	Mean     float64
	Std      float64
	Top      []ValueCount
}

// Summarize describes f; target, when not "", names the column whose class
// balance is reported.
func Summarize(f *Frame, target string) (*Summary, error) {
	if f == nil {
		return nil, errors.New("data: Summarize of a nil frame")
	}
	s := &Summary{Rows: f.Len(), Target: target}
	for c, name := range f.names {
		cs := ColumnSummary{Name: name, Kind: f.kinds[c], Min: math.NaN(), Max: math.NaN(), Mean: math.NaN(), Std: math.NaN()}
		var x []float64 // sorted present values of non-categorical columns
		if cs.Kind != Categorical {
			x = present(f.values(c))
		}
		if cs.Kind == Numeric {
			// From the sorted values alone: no text per distinct number.
			cs.Missing = f.Len() - len(x)
			for i := range x {
				if i == 0 || x[i] != x[i-1] {
					cs.Distinct++
				}
			}
		} else {
			var present int
			cs.Top, cs.Distinct, present = f.topValues(c, TopCategories)
			cs.Missing = f.Len() - present
		}
		if len(x) > 0 {
			cs.Min, cs.Max = x[0], x[len(x)-1]
			cs.Mean = stat.Mean(x, nil)
			if len(x) > 1 {
				cs.Std = stat.StdDev(x, nil)
			}
		}
		s.Columns = append(s.Columns, cs)
	}
	if target == "" {
		return s, nil
	}
	c, err := f.column(target)
	if err != nil {
		return nil, fmt.Errorf("data: Summarize target: %w", err)
	}
	cells := f.textColumn(c)
	if f.kinds[c] == Numeric {
		cells = make([]string, f.Len())
		for r, v := range f.values(c) {
			if !math.IsNaN(v) {
				cells[r] = strconv.FormatFloat(v, 'g', -1, 64)
			}
		}
	}
	if balance := counts(cells); f.kinds[c] != Numeric || len(balance) <= maxBalanceClasses {
		s.Balance = balance
	}
	return s, nil
}

// Table returns the summary as a header and rows of cell text, as Text
// lays them out: per column its name, kind, missing and distinct counts,
// min, max, mean and std (4 significant digits, "" when undefined) and top
// values with their counts.
func (s *Summary) Table() (header []string, rows [][]string) {
	header = []string{"column", "kind", "missing", "distinct", "min", "max", "mean", "std", "top values"}
	num := func(v float64) string {
		if math.IsNaN(v) {
			return ""
		}
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	for _, c := range s.Columns {
		var top []string
		for _, t := range c.Top {
			top = append(top, fmt.Sprintf("%s (%d)", t.Value, t.Count))
		}
		rows = append(rows, []string{c.Name, c.Kind.String(), strconv.Itoa(c.Missing), strconv.Itoa(c.Distinct),
			num(c.Min), num(c.Max), num(c.Mean), num(c.Std), strings.Join(top, ", ")})
	}
	return header, rows
}

// BalanceLine describes the target's class balance, "" when there is none.
func (s *Summary) BalanceLine() string {
	if len(s.Balance) == 0 {
		return ""
	}
	parts := make([]string, len(s.Balance))
	for i, b := range s.Balance {
		parts[i] = fmt.Sprintf("%s: %d (%.1f%%)", b.Value, b.Count, 100*b.Share)
	}
	return fmt.Sprintf("target %q balance: %s", s.Target, strings.Join(parts, ", "))
}

// Text renders the summary as an aligned plain-text table.
func (s *Summary) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rows × %d columns\n", s.Rows, len(s.Columns))
	var table strings.Builder
	w := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	header, rows := s.Table()
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	for line := range strings.Lines(table.String()) {
		b.WriteString(strings.TrimRight(line, " \n") + "\n")
	}
	if line := s.BalanceLine(); line != "" {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// String returns Text().
func (s *Summary) String() string { return s.Text() }
