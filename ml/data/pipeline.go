package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/glassbox-ml/glassbox/internal/metrics"
	"gonum.org/v1/gonum/stat"
)

// Pipeline turns raw table rows into encoded feature rows for a model: for
// each feature column, in order,
//
//   - Numeric: x ← clamp(x, Lo, Hi) (Options.Clip); missing x ← Fill
//     (Options.Impute); encoded (x − Center)/Width (Options.Scale): one
//     feature.
//   - Boolean: 1/0; missing ← the most frequent training value: one feature.
//   - Categorical: one-hot over the training categories in ascending order
//     (feature "col=value" is 1 when the cell is value); missing ← the most
//     frequent training category: one feature per category.
//
// Every constant is fitted by Fit on the training split only, so no
// validation or test information leaks into the encoding. A Pipeline
// marshals to and from JSON (encoding/json), so a model's preprocessing can
// be restored in another process. Its methods are safe for concurrent use.
type Pipeline struct {
	opts    Options
	columns []columnStep
	// Derived from columns by index().
	features []string
	groups   [][]int
}

// columnStep is the fitted encoding of one input column.
type columnStep struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Numeric and Boolean: value for missing cells (encoded units before
	// scaling); unused under ImputeDrop.
	Fill float64 `json:"fill"`
	// Numeric: clamp bounds when Clipped.
	Clipped bool    `json:"clipped,omitempty"`
	Lo      float64 `json:"lo,omitempty"`
	Hi      float64 `json:"hi,omitempty"`
	// Numeric: encoded = (x − Center)/Width.
	Center float64 `json:"center"`
	Width  float64 `json:"width"`
	// Categorical: the one-hot categories in ascending order, and the
	// category for missing cells.
	Categories   []string `json:"categories,omitempty"`
	FillCategory string   `json:"fill_category,omitempty"`
}

// Fit fits a Pipeline on the training frame train (see Pipeline for the
// encoding). It fails, naming the column, when a feature column has no
// non-missing value, or when Options name a column train lacks.
func Fit(train *Frame, opts Options) (*Pipeline, error) {
	if train.Len() == 0 {
		return nil, errors.New("data: Fit: the training frame has no rows")
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	for _, name := range o.Exclude {
		if _, err := train.column(name); err != nil {
			return nil, fmt.Errorf("data: Fit: Options.Exclude: %w", err)
		}
	}
	names := o.Columns
	if len(names) == 0 {
		for _, name := range train.names {
			if !slices.Contains(o.Exclude, name) {
				names = append(names, name)
			}
		}
	}
	if len(names) == 0 {
		return nil, errors.New("data: Fit: no feature columns left after Options.Exclude")
	}
	p := &Pipeline{opts: o}
	for _, name := range names {
		c, err := train.column(name)
		if err != nil {
			return nil, fmt.Errorf("data: Fit: %w", err)
		}
		if slices.ContainsFunc(p.columns, func(s columnStep) bool { return s.Name == name }) {
			return nil, fmt.Errorf("data: Fit: column %q listed twice in Options.Columns", name)
		}
		step, err := fitColumn(name, train.kinds[c], train.text[c], train.num[c], o)
		if err != nil {
			return nil, fmt.Errorf("data: Fit: column %q: %w", name, err)
		}
		p.columns = append(p.columns, step)
	}
	p.index()
	return p, nil
}

// fitColumn fits the step of one column from its training cells.
func fitColumn(name string, k Kind, text []string, num []float64, o Options) (columnStep, error) {
	s := columnStep{Name: name, Kind: k, Width: 1}
	switch k {
	case Categorical:
		tally := counts(text)
		if len(tally) == 0 {
			return s, errors.New("every training value is missing")
		}
		s.FillCategory = tally[0].Value
		for _, t := range tally {
			s.Categories = append(s.Categories, t.Value)
		}
		slices.Sort(s.Categories)
		return s, nil
	case Boolean:
		x := present(num)
		if len(x) == 0 {
			return s, errors.New("every training value is missing")
		}
		s.Fill = mostFrequent(x)
		return s, nil
	}
	x := present(num)
	if len(x) == 0 {
		return s, errors.New("every training value is missing")
	}
	switch o.Clip {
	case ClipIQR:
		q1, q3 := metrics.Quantile(x, 0.25), metrics.Quantile(x, 0.75)
		s.Clipped, s.Lo, s.Hi = true, q1-o.IQRFactor*(q3-q1), q3+o.IQRFactor*(q3-q1)
	case ClipPercentile:
		s.Clipped, s.Lo, s.Hi = true, metrics.Quantile(x, o.Lower/100), metrics.Quantile(x, o.Upper/100)
	}
	if s.Clipped {
		for i, v := range x {
			x[i] = min(max(v, s.Lo), s.Hi)
		}
	}
	switch o.Impute {
	case ImputeMean:
		s.Fill = stat.Mean(x, nil)
	case ImputeMedian:
		s.Fill = metrics.Quantile(x, 0.5)
	case ImputeMostFrequent:
		s.Fill = mostFrequent(x)
	}
	// Scaling statistics are those of the imputed training column.
	filled := x
	if missing := len(num) - len(x); missing > 0 && o.Impute != ImputeDrop {
		filled = append(slices.Clone(x), slices.Repeat([]float64{s.Fill}, missing)...)
	}
	switch o.Scale {
	case ScaleZScore:
		mean, std := stat.PopMeanStdDev(filled, nil)
		s.Center, s.Width = mean, std
	case ScaleMinMax:
		lo, hi := slices.Min(filled), slices.Max(filled)
		s.Center, s.Width = lo, hi-lo
	}
	if !(s.Width > 0) {
		s.Width = 1
	}
	return s, nil
}

// mostFrequent returns the most frequent value of sorted x, the smallest on
// ties.
func mostFrequent(sorted []float64) float64 {
	best, bestRun, run := sorted[0], 0, 0
	for i, v := range sorted {
		if i > 0 && v == sorted[i-1] {
			run++
		} else {
			run = 1
		}
		if run > bestRun {
			best, bestRun = v, run
		}
	}
	return best
}

// index derives the feature names and groups from the fitted columns.
func (p *Pipeline) index() {
	p.features, p.groups = nil, nil
	for _, s := range p.columns {
		var g []int
		if s.Kind == Categorical {
			for _, cat := range s.Categories {
				g = append(g, len(p.features))
				p.features = append(p.features, s.Name+"="+cat)
			}
		} else {
			g = append(g, len(p.features))
			p.features = append(p.features, s.Name)
		}
		p.groups = append(p.groups, g)
	}
}

// Options returns the options the Pipeline was fitted with, defaults filled
// in.
func (p *Pipeline) Options() Options { return p.opts }

// NumFeatures returns the width of an encoded row.
func (p *Pipeline) NumFeatures() int { return len(p.features) }

// FeatureNames returns the names of the encoded features: the column name
// for Numeric and Boolean columns, "column=category" for one-hot features.
func (p *Pipeline) FeatureNames() []string { return slices.Clone(p.features) }

// GroupNames returns the input (original) column names, in encoding order.
func (p *Pipeline) GroupNames() []string {
	out := make([]string, len(p.columns))
	for i, s := range p.columns {
		out[i] = s.Name
	}
	return out
}

// Groups returns, for each input column of GroupNames, the indices of its
// encoded features: one index for Numeric and Boolean columns, one per
// category for Categorical ones. The groups partition 0..NumFeatures()−1
// in order.
func (p *Pipeline) Groups() [][]int {
	out := make([][]int, len(p.groups))
	for i, g := range p.groups {
		out[i] = slices.Clone(g)
	}
	return out
}

// GroupKinds returns the kind of each input column of GroupNames.
func (p *Pipeline) GroupKinds() []Kind {
	out := make([]Kind, len(p.columns))
	for i, s := range p.columns {
		out[i] = s.Kind
	}
	return out
}

// Transform encodes every row of f. f must have every input column (extra
// columns, such as the target, are ignored); cells are read as the kind the
// column had in training, whatever kind f inferred. Errors name the missing
// columns, or the row (counting from 1) and column of a bad cell.
func (p *Pipeline) Transform(f *Frame) ([][]float64, error) {
	if f == nil {
		return nil, errors.New("data: Transform of a nil frame")
	}
	cols, err := p.columnsIn(f, "Transform")
	if err != nil {
		return nil, err
	}
	return p.encode(f.Len(), func(r, i int) string { return f.text[cols[i]][r] })
}

// columnsIn returns the index in f of every input column, or an error for
// the caller op naming the columns f lacks.
func (p *Pipeline) columnsIn(f *Frame, op string) ([]int, error) {
	cols := make([]int, len(p.columns))
	var absent []string
	for i, s := range p.columns {
		cols[i] = f.Index(s.Name)
		if cols[i] < 0 {
			absent = append(absent, s.Name)
		}
	}
	if len(absent) > 0 {
		return nil, fmt.Errorf("data: %s: the frame lacks column(s) %s (it has: %s)",
			op, quoteList(absent), strings.Join(f.names, ", "))
	}
	return cols, nil
}

// TransformRecords encodes raw records, each mapping column names to cell
// text as a user or a CSV row would give them (missing values as in
// IsMissing; extra keys are ignored). Errors name the record (counting from
// 1) and the column.
func (p *Pipeline) TransformRecords(records []map[string]string) ([][]float64, error) {
	for r, rec := range records {
		var absent []string
		for _, s := range p.columns {
			if _, ok := rec[s.Name]; !ok {
				absent = append(absent, s.Name)
			}
		}
		if len(absent) > 0 {
			return nil, fmt.Errorf("data: TransformRecords: record %d lacks column(s) %s", r+1, quoteList(absent))
		}
	}
	return p.encode(len(records), func(r, i int) string {
		s := records[r][p.columns[i].Name]
		if IsMissing(s) {
			return ""
		}
		return strings.TrimSpace(s)
	})
}

// encode builds n encoded rows; cell(r, i) is the trimmed text of row r,
// input column i, "" when missing.
func (p *Pipeline) encode(n int, cell func(r, i int) string) ([][]float64, error) {
	width := len(p.features)
	flat := make([]float64, n*width)
	out := make([][]float64, n)
	for r := range n {
		row := flat[r*width : (r+1)*width : (r+1)*width]
		for i, s := range p.columns {
			if err := s.encode(cell(r, i), row[p.groups[i][0]:], p.opts); err != nil {
				return nil, fmt.Errorf("data: row %d, column %q: %w", r+1, s.Name, err)
			}
		}
		out[r] = row
	}
	return out, nil
}

// encode writes the features of one cell (trimmed text, "" when missing)
// at the start of dst.
func (s *columnStep) encode(text string, dst []float64, o Options) error {
	if text == "" && o.Impute == ImputeDrop {
		return errors.New("missing value (Options.Impute is drop: remove such rows with Frame.DropMissing)")
	}
	if s.Kind == Categorical {
		if text == "" {
			text = s.FillCategory
		}
		j, found := slices.BinarySearch(s.Categories, text)
		if !found {
			if o.IgnoreUnseen {
				return nil
			}
			return fmt.Errorf("category %q was not seen in training (known: %s)", text, strings.Join(s.Categories, ", "))
		}
		dst[j] = 1
		return nil
	}
	x := s.Fill
	if text != "" {
		v, err := parseCell(s.Kind, text)
		if err != nil {
			return fmt.Errorf("%w (the column is %s)", err, s.Kind)
		}
		x = v
	}
	if s.Clipped {
		x = min(max(x, s.Lo), s.Hi)
	}
	dst[0] = (x - s.Center) / s.Width
	return nil
}

// quoteList formats names as "a", "b".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// validate checks a Pipeline's fitted constants: finite numbers, positive
// widths, sorted distinct categories, fill categories among them.
func (p *Pipeline) validate() error {
	if len(p.columns) == 0 {
		return errors.New("no columns")
	}
	seen := map[string]bool{}
	for _, s := range p.columns {
		if s.Name == "" || seen[s.Name] {
			return fmt.Errorf("empty or repeated column name %q", s.Name)
		}
		seen[s.Name] = true
		for _, v := range []float64{s.Fill, s.Lo, s.Hi, s.Center, s.Width} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("column %q: non-finite constant", s.Name)
			}
		}
		if !(s.Width > 0) {
			return fmt.Errorf("column %q: width %v is not positive", s.Name, s.Width)
		}
		if s.Kind == Categorical {
			if len(s.Categories) == 0 || !slices.IsSorted(s.Categories) || len(slices.Compact(slices.Clone(s.Categories))) != len(s.Categories) {
				return fmt.Errorf("column %q: categories must be non-empty, sorted and distinct", s.Name)
			}
			if _, ok := slices.BinarySearch(s.Categories, s.FillCategory); !ok {
				return fmt.Errorf("column %q: fill category %q is not a category", s.Name, s.FillCategory)
			}
		}
	}
	return nil
}
