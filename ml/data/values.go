package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Values returns the rows of f in the units of the original input columns,
// one number per column of GroupNames: the space in which an analyst reads
// an explanation ("income = 59,300" rather than a z-score).
//
//   - Numeric: the value as read; a missing cell gets the fitted fill value.
//   - Boolean: 1 or 0; a missing cell gets the fitted fill value.
//   - Categorical: the index of the category in Categories(column); a
//     missing cell gets the fill category's index, and an unseen category is
//     an error (or −1, which encodes as all zeros, under IgnoreUnseen).
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
			v, err := s.value(strings.TrimSpace(f.text[cols[i]][r]), p.opts)
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
	if !found {
		if o.IgnoreUnseen {
			return -1, nil
		}
		return 0, fmt.Errorf("category %q was not seen in training (known: %s)", text, strings.Join(s.Categories, ", "))
	}
	return float64(j), nil
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
			x := in[i]
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("data: EncodeValues: row %d, column %q: value %v is not finite", r+1, s.Name, x)
			}
			dst := row[p.groups[i][0]:]
			if s.Kind == Categorical {
				if j := int(math.Round(x)); j >= 0 {
					dst[min(j, len(s.Categories)-1)] = 1
				}
				continue
			}
			if s.Clipped {
				x = min(max(x, s.Lo), s.Hi)
			}
			dst[0] = (x - s.Center) / s.Width
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
			if s.Kind == Categorical {
				best := 0
				for k := range g {
					if in[g[k]] > in[g[best]] {
						best = k
					}
				}
				row[i] = float64(best)
				continue
			}
			row[i] = in[g[0]]*s.Width + s.Center
		}
		out[r] = row
	}
	return out, nil
}
