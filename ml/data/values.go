package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Values returns the rows of f in the units of the original input columns,
// one number per column of GroupNames: the space in which an analyst reads
// an explanation ("income = 59,300" rather than a z-score).
//
//   - Numeric: the value as read; a missing cell gets the fitted fill value.
//   - Boolean: 1 or 0; a missing cell gets the fitted fill value.
//   - Categorical: the index of the category in Categories(column); a
//     missing cell gets the fill category's index; an unseen category gets
//     the index of "(other)" when rare categories were pooled, else −1,
//     which encodes as all zeros (an error under Options.UnseenError).
//   - Date: days since 1970-01-01 UTC; a missing cell gets the fill date.
//
// EncodeValues turns such rows into the model's encoded rows, so that
// EncodeValues(Values(f)) equals Transform(f). Errors name the row
// (counting from 1) and column.
func (p *Pipeline) Values(f *Frame) ([][]float64, error) {
	if f == nil {
		return nil, errors.New("data: Values of a nil frame")
	}
	cols, err := p.columnsIn(f, "Values")
	if err != nil {
		return nil, err
	}
	n, width := f.Len(), len(p.columns)
	flat := make([]float64, n*width)
	out := make([][]float64, n)
	for r := range n {
		row := flat[r*width : (r+1)*width : (r+1)*width]
		for i, s := range p.columns {
			v, err := s.value(f.cellText(cols[i], r), p.opts)
			if err != nil {
				return nil, fmt.Errorf("data: row %d, column %q: %w", r+1, s.Name, err)
			}
			row[i] = v
		}
		out[r] = row
	}
	return out, nil
}

// value is one cell of Values.
func (s *columnStep) value(text string, o Options) (float64, error) {
	if IsMissing(text) {
		if o.Impute == ImputeDrop {
			return 0, errors.New("missing value (Options.Impute is drop: remove such rows with Frame.DropMissing)")
		}
		if s.Kind == Categorical {
			j, _ := slices.BinarySearch(s.Categories, s.FillCategory)
			return float64(j), nil
		}
		return s.Fill, nil
	}
	if s.Kind != Categorical {
		v, err := parseCell(s.Kind, text)
		if err != nil {
			return 0, fmt.Errorf("%w (the column is %s)", err, s.Kind)
		}
		return v, nil
	}
	j, found := slices.BinarySearch(s.Categories, text)
	switch {
	case found:
		return float64(j), nil
	case s.Other:
		j, _ = slices.BinarySearch(s.Categories, OtherCategory)
		return float64(j), nil
	case o.UnseenError:
		return 0, fmt.Errorf("category %q was not seen in training (%d known: %s; Options.UnseenError is set)",
			text, len(s.Categories), firstFew(s.Categories))
	}
	return -1, nil
}

// firstFew lists at most five values, quoted, then how many more.
func firstFew(values []string) string {
	q := make([]string, 0, 6)
	for i, v := range values {
		if i == 5 {
			q = append(q, fmt.Sprintf("… %d more", len(values)-5))
			break
		}
		q = append(q, strconv.Quote(v))
	}
	return strings.Join(q, ", ")
}

// Categories returns the training categories of a categorical input column
// in the order Values numbers them; nil for other columns.
func (p *Pipeline) Categories(column string) []string {
	for _, s := range p.columns {
		if s.Name == column {
			return slices.Clone(s.Categories)
		}
	}
	return nil
}

// EncodeValues encodes rows given in the units of Values: numeric and
// boolean values are clipped and scaled as in Transform; a categorical value
// is rounded to the nearest category index (explainers perturb it as a
// number) and one-hot encoded, −1 encoding as all zeros. Errors name the
// row (counting from 1) and column of a NaN or infinite value, or of a row
// of the wrong width.
func (p *Pipeline) EncodeValues(rows [][]float64) ([][]float64, error) {
	width := len(p.features)
	flat := make([]float64, len(rows)*width)
	out := make([][]float64, len(rows))
	for r, in := range rows {
		if len(in) != len(p.columns) {
			return nil, fmt.Errorf("data: EncodeValues: row %d has %d values, want %d (one per column %s)",
				r+1, len(in), len(p.columns), strings.Join(p.GroupNames(), ", "))
		}
		row := flat[r*width : (r+1)*width : (r+1)*width]
		for i, s := range p.columns {
			if math.IsNaN(in[i]) || math.IsInf(in[i], 0) {
				return nil, fmt.Errorf("data: EncodeValues: row %d, column %q: value %v is not finite", r+1, s.Name, in[i])
			}
			s.encodeValue(in[i], row[p.groups[i][0]:])
		}
		out[r] = row
	}
	return out, nil
}

// DecodeValues maps encoded rows (the model's inputs, as Transform makes
// them) back to rows in the units of Values: numeric and boolean features are
// unscaled (x·Width + Center; clipping cannot be undone), and a categorical
// column becomes the index of its largest one-hot feature. It lets summaries
// computed in encoded space, such as k-means centres, serve as rows of
// original values; a centre's categorical column snaps to its most weighted
// category. Errors name the row (counting from 1) of the wrong width.
func (p *Pipeline) DecodeValues(rows [][]float64) ([][]float64, error) {
	out := make([][]float64, len(rows))
	for r, in := range rows {
		if len(in) != len(p.features) {
			return nil, fmt.Errorf("data: DecodeValues: row %d has %d features, want %d", r+1, len(in), len(p.features))
		}
		row := make([]float64, len(p.columns))
		for i, s := range p.columns {
			g := p.groups[i]
			switch s.Kind {
			case Categorical:
				best := 0
				for k := range g {
					if in[g[k]] > in[g[best]] {
						best = k
					}
				}
				row[i] = float64(best)
			case Date:
				days := g[len(g)-1]
				row[i] = s.Origin + in[days]*s.Derived[len(g)-1].Width + s.Derived[len(g)-1].Center
			default:
				row[i] = in[g[0]]*s.Width + s.Center
			}
		}
		out[r] = row
	}
	return out, nil
}

// UnseenCount is how many cells of a categorical column held categories its
// training split did not have, with the first few of them.
type UnseenCount struct {
	Column   string   `json:"column"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"` // at most five distinct ones
}

// Unseen counts, per categorical input column, the cells of f whose
// category was not seen in training (they encode as "(other)" or all zeros,
// see Pipeline). Columns without such cells are left out.
func (p *Pipeline) Unseen(f *Frame) ([]UnseenCount, error) {
	cols, err := p.columnsIn(f, "Unseen")
	if err != nil {
		return nil, err
	}
	var out []UnseenCount
	for i, s := range p.columns {
		if s.Kind != Categorical {
			continue
		}
		u := UnseenCount{Column: s.Name}
		for _, text := range f.textColumn(cols[i]) {
			if text == "" {
				continue
			}
			if _, found := slices.BinarySearch(s.Categories, text); !found {
				u.Count++
				if len(u.Examples) < 5 && !slices.Contains(u.Examples, text) {
					u.Examples = append(u.Examples, text)
				}
			}
		}
		if u.Count > 0 {
			out = append(out, u)
		}
	}
	return out, nil
}

// WithUnseenError returns a copy of p that treats a category not seen in
// training as an error (on) or encodes it as Pipeline describes (off): the
// prediction-time choice, whatever the training chose.
func (p *Pipeline) WithUnseenError(on bool) *Pipeline {
	q := *p
	q.opts.UnseenError = on
	return &q
}
