package data

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// MaxClasses is the largest number of distinct values ClassTarget accepts;
// a column with more is almost surely a regression target.
const MaxClasses = 100

// ClassTarget reads a classification target: y[r] is the index of row r's
// class in classes. Classes are, for a Categorical column, its values in
// ascending order; for a Boolean column "false" (0) and "true" (1); for a
// Numeric column its distinct values in ascending numeric order, written
// with the fewest digits that round-trip (so 0/1 labels keep y = 0/1).
// Errors name an unknown column, a row with a missing target, a column with
// fewer than two classes, or more than MaxClasses.
func ClassTarget(f *Frame, name string) (y []float64, classes []string, err error) {
	c, err := f.column(name)
	if err != nil {
		return nil, nil, err
	}
	if r := slices.Index(f.textColumn(c), ""); r >= 0 {
		return nil, nil, fmt.Errorf("data: target column %q is missing at row %d", name, r+1)
	}
	key := make([]string, f.Len())
	switch f.kinds[c] {
	case Categorical:
		copy(key, f.textColumn(c))
		classes = slices.Compact(slices.Sorted(slices.Values(key)))
	case Boolean:
		for r, v := range f.values(c) {
			key[r] = strconv.FormatBool(v == 1)
		}
		classes = []string{"false", "true"}
		if !slices.Contains(key, "true") || !slices.Contains(key, "false") {
			classes = nil
		}
	case Numeric:
		values := slices.Compact(slices.Sorted(slices.Values(f.values(c))))
		for _, v := range values {
			classes = append(classes, strconv.FormatFloat(v, 'g', -1, 64))
		}
		for r, v := range f.values(c) {
			key[r] = strconv.FormatFloat(v, 'g', -1, 64)
		}
	}
	if len(classes) < 2 {
		return nil, nil, fmt.Errorf("data: target column %q has a single class %q: classification needs at least two", name, key[0])
	}
	if len(classes) > MaxClasses {
		return nil, nil, fmt.Errorf("data: target column %q has %d distinct values, more than %d classes: is it a regression target?", name, len(classes), MaxClasses)
	}
	index := make(map[string]int, len(classes))
	for i, cl := range classes {
		index[cl] = i
	}
	y = make([]float64, len(key))
	for r, k := range key {
		y[r] = float64(index[k])
	}
	return y, classes, nil
}

// RegressionTarget reads a numeric target (a Boolean column gives 0/1).
// Errors name an unknown or categorical column, or a row with a missing
// target.
func RegressionTarget(f *Frame, name string) ([]float64, error) {
	c, err := f.column(name)
	if err != nil {
		return nil, err
	}
	if f.kinds[c] == Categorical {
		r := slices.IndexFunc(f.textColumn(c), func(s string) bool { return s != "" })
		return nil, fmt.Errorf("data: target column %q is categorical (row %d holds %q): regression needs numbers", name, r+1, f.cellText(c, r))
	}
	if r := slices.Index(f.textColumn(c), ""); r >= 0 {
		return nil, fmt.Errorf("data: target column %q is missing at row %d", name, r+1)
	}
	return slices.Clone(f.values(c)), nil
}

// MaxClassValues is the most distinct values a numeric column may have, all
// integers, to count as a classification target.
const MaxClassValues = 10

// IsClassTarget reports whether the column name is a classification target
// by GlassBox's rule (ml.Train's when no task is given, and Check's): a
// categorical or boolean column is; a numeric one is when its values are
// integers with at most MaxClassValues distinct ones; anything else is a
// regression target.
func IsClassTarget(f *Frame, name string) (bool, error) {
	c, err := f.column(name)
	if err != nil {
		return false, err
	}
	if f.kinds[c] == Categorical || f.kinds[c] == Boolean {
		return true, nil
	}
	distinct := map[float64]bool{}
	for _, v := range f.values(c) {
		if math.IsNaN(v) {
			continue
		}
		if v != math.Trunc(v) {
			return false, nil
		}
		if distinct[v] = true; len(distinct) > MaxClassValues {
			return false, nil
		}
	}
	return true, nil
}
