package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

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
//     frequent training category: one feature per category. With
//     Options.MinCategoryCount, categories rarer than that in training pool
//     into one category "(other)". A category not seen in training encodes
//     as "(other)" when there is one, else as all zeros (scikit-learn's
//     handle_unknown="ignore"), or is an error under Options.UnseenError;
//     Unseen counts such cells.
//   - Date: four features — "col.year", "col.month", "col.weekday" (0 =
//     Sunday) and "col.days" (days since the earliest training date) —
//     each scaled as a numeric column; missing ← the fill date (Options.Impute
//     on the days since 1970-01-01).
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
	// Other is set when rare categories were pooled into OtherCategory.
	Other bool `json:"other,omitempty"`
	// Date: the earliest training date (days since 1970-01-01), and the
	// scaling of the derived features year, month, weekday, days.
	Origin  float64   `json:"origin,omitempty"`
	Derived []scaling `json:"derived,omitempty"`
}

// scaling is encoded = (x − Center)/Width.
type scaling struct {
	Center float64 `json:"center"`
	Width  float64 `json:"width"`
}

// OtherCategory is the category rare training categories pool into
// (Options.MinCategoryCount).
const OtherCategory = "(other)"

// dateFeatures are the suffixes of a date column's derived features.
var dateFeatures = [...]string{"year", "month", "weekday", "days"}

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
		step, err := fitColumn(name, train.kinds[c], train.tally(c), train.values(c), o)
		if err != nil {
			return nil, fmt.Errorf("data: Fit: column %q: %w", name, err)
		}
		p.columns = append(p.columns, step)
	}
	p.index()
	return p, nil
}

// fitColumn fits the step of one column from its training cells.
func fitColumn(name string, k Kind, tally []ValueCount, num []float64, o Options) (columnStep, error) {
	s := columnStep{Name: name, Kind: k, Width: 1}
	switch k {
	case Categorical:
		if len(tally) == 0 {
			return s, errors.New("every training value is missing")
		}
		s.FillCategory = tally[0].Value
		for _, t := range tally {
			if t.Count < o.MinCategoryCount {
				s.Other = true
				continue
			}
			s.Categories = append(s.Categories, t.Value)
		}
		if s.Other {
			s.Categories = append(s.Categories, OtherCategory)
			if tally[0].Count < o.MinCategoryCount {
				s.FillCategory = OtherCategory
			}
		}
		slices.Sort(s.Categories)
		return s, nil
	case Date:
		return fitDate(s, num, o)
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
	s.Fill = fillValue(x, o)
	// Scaling statistics are those of the imputed training column.
	filled := x
	if missing := len(num) - len(x); missing > 0 && o.Impute != ImputeDrop {
		filled = append(slices.Clone(x), slices.Repeat([]float64{s.Fill}, missing)...)
	}
	sc := fitScaling(filled, o.Scale)
	s.Center, s.Width = sc.Center, sc.Width
	return s, nil
}

// fillValue is the Options.Impute value of the present (sorted) values x.
func fillValue(x []float64, o Options) float64 {
	switch o.Impute {
	case ImputeMedian:
		return metrics.Quantile(x, 0.5)
	case ImputeMostFrequent:
		return mostFrequent(x)
	}
	return stat.Mean(x, nil)
}

// fitScaling fits Options.Scale to x; the width is 1 when x is constant.
func fitScaling(x []float64, scale Scale) scaling {
	sc := scaling{Width: 1}
	switch scale {
	case ScaleZScore:
		sc.Center, sc.Width = stat.PopMeanStdDev(x, nil)
	case ScaleMinMax:
		lo, hi := slices.Min(x), slices.Max(x)
		sc.Center, sc.Width = lo, hi-lo
	}
	if !(sc.Width > 0) {
		sc.Width = 1
	}
	return sc
}

// fitDate fits a date column: its origin (earliest date), fill date and
// the scaling of each derived feature over the imputed training column.
func fitDate(s columnStep, num []float64, o Options) (columnStep, error) {
	x := present(num)
	if len(x) == 0 {
		return s, errors.New("every training value is missing")
	}
	s.Origin, s.Fill = x[0], fillValue(x, o)
	parts := make([][]float64, len(dateFeatures))
	for _, v := range num {
		if math.IsNaN(v) {
			v = s.Fill
		}
		for i, d := range s.derive(v) {
			parts[i] = append(parts[i], d)
		}
	}
	for _, p := range parts {
		s.Derived = append(s.Derived, fitScaling(p, o.Scale))
	}
	return s, nil
}

// derive returns a date's derived features (year, month, weekday, days
// since Origin) before scaling; days counts from 1970-01-01 UTC.
func (s *columnStep) derive(days float64) [len(dateFeatures)]float64 {
	t := time.Unix(0, 0).UTC().Add(time.Duration(days * 24 * float64(time.Hour)))
	return [...]float64{float64(t.Year()), float64(t.Month()), float64(t.Weekday()), days - s.Origin}
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
		for _, name := range s.featureNames() {
			g = append(g, len(p.features))
			p.features = append(p.features, name)
		}
		p.groups = append(p.groups, g)
	}
}

// featureNames are the names of the step's encoded features.
func (s *columnStep) featureNames() []string {
	switch s.Kind {
	case Categorical:
		out := make([]string, len(s.Categories))
		for i, c := range s.Categories {
			out[i] = s.Name + "=" + c
		}
		return out
	case Date:
		out := make([]string, len(dateFeatures))
		for i, part := range dateFeatures {
			out[i] = s.Name + "." + part
		}
		return out
	}
	return []string{s.Name}
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
	return p.encode(f.Len(), func(r, i int) string { return f.cellText(cols[i], r) })
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
// at the start of dst: its Values value, encoded as EncodeValues does.
func (s *columnStep) encode(text string, dst []float64, o Options) error {
	x, err := s.value(text, o)
	if err != nil {
		return err
	}
	s.encodeValue(x, dst)
	return nil
}

// encodeValue writes the features of a value in the units of Values at the
// start of dst (see EncodeValues).
func (s *columnStep) encodeValue(x float64, dst []float64) {
	switch s.Kind {
	case Categorical:
		if j := int(math.Round(x)); j >= 0 {
			dst[min(j, len(s.Categories)-1)] = 1
		}
	case Date:
		for i, d := range s.derive(x) {
			dst[i] = (d - s.Derived[i].Center) / s.Derived[i].Width
		}
	default:
		if s.Clipped {
			x = min(max(x, s.Lo), s.Hi)
		}
		dst[0] = (x - s.Center) / s.Width
	}
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
		for _, v := range []float64{s.Fill, s.Lo, s.Hi, s.Center, s.Width, s.Origin} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("column %q: non-finite constant", s.Name)
			}
		}
		if !(s.Width > 0) {
			return fmt.Errorf("column %q: width %v is not positive", s.Name, s.Width)
		}
		if s.Kind == Date && len(s.Derived) != len(dateFeatures) {
			return fmt.Errorf("column %q: a date column needs %d derived scalings, has %d", s.Name, len(dateFeatures), len(s.Derived))
		}
		for _, d := range s.Derived {
			if !(d.Width > 0) || math.IsInf(d.Width, 0) || math.IsNaN(d.Center) || math.IsInf(d.Center, 0) {
				return fmt.Errorf("column %q: invalid derived scaling %+v", s.Name, d)
			}
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
