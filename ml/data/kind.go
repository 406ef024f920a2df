package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is the type of a column: how its text cells are read and encoded.
type Kind int

const (
	// Numeric columns hold finite real numbers.
	Numeric Kind = iota
	// Categorical columns hold labels; they are one-hot encoded.
	Categorical
	// Boolean columns hold true/false (also yes/no, y/n, t/f, 1/0); they
	// encode as 1/0.
	Boolean
	// Date columns hold dates or date-times; their float value is the
	// number of days since 1970-01-01 UTC (fractional with a time of day).
	Date
)

var kindNames = [...]string{Numeric: "numeric", Categorical: "categorical", Boolean: "boolean", Date: "date"}

// String returns "numeric", "categorical", "boolean" or "date".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText encodes the kind as its name, so JSON files stay readable.
func (k Kind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(kindNames) {
		return nil, fmt.Errorf("data: invalid kind %d", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes a kind name written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, name := range kindNames {
		if string(b) == name {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("data: unknown kind %q (want numeric, categorical, boolean or date)", b)
}

// IsMissing reports whether a cell's text denotes a missing value: after
// trimming spaces it is empty or, ignoring case, one of "NA", "N/A", "NaN",
// "null" or "?".
func IsMissing(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || s == "?" {
		return true
	}
	for _, token := range [...]string{"NA", "N/A", "NaN", "null"} {
		if strings.EqualFold(s, token) {
			return true
		}
	}
	return false
}

// parseNumber reads a non-missing numeric cell. Infinite values are refused:
// no model or scaler can use them.
func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// parseBool reads a non-missing boolean cell: true/false, yes/no, t/f, y/n
// or 1/0, ignoring case.
func parseBool(s string) (float64, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "t", "y", "1":
		return 1, nil
	case "false", "no", "f", "n", "0":
		return 0, nil
	}
	return 0, fmt.Errorf("%q is not a boolean (want true/false, yes/no or 1/0)", s)
}

// isWordBool reports whether s is a boolean word (not a digit): columns made
// only of such words are inferred Boolean, while 0/1 columns stay Numeric
// unless a schema declares them Boolean.
func isWordBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "false", "yes", "no":
		return true
	}
	return false
}

// parseCell converts non-missing cell text to its float value for kind k.
// Categorical cells have no float value and return NaN. A Date cell in
// dd/mm/yyyy or mm/dd/yyyy form is read only when a number above 12 says
// which is the day (a single cell has no column to tell).
func parseCell(k Kind, s string) (float64, error) {
	switch k {
	case Numeric:
		return parseNumber(s)
	case Boolean:
		return parseBool(s)
	case Date:
		return parseDate(s)
	}
	return math.NaN(), nil
}
