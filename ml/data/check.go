package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/internal/metrics"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Severity ranks a data-quality finding.
type Severity int

const (
	// SeverityInfo is worth knowing; nothing needs to change.
	SeverityInfo Severity = iota
	// SeverityWarning probably needs a decision before training.
	SeverityWarning
	// SeverityCritical would make a model wrong or useless if left alone.
	SeverityCritical
)

// String returns "info", "warning" or "critical".
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityCritical:
		return "critical"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText writes the severity's name, so JSON files stay readable.
func (s Severity) MarshalText() ([]byte, error) {
	if s < SeverityInfo || s > SeverityCritical {
		return nil, fmt.Errorf("data: invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a name written by MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{SeverityInfo, SeverityWarning, SeverityCritical} {
		if v.String() == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("data: unknown severity %q (want info, warning or critical)", b)
}

// StringZH names the severity in Chinese: "提示", "警告" or "严重".
func (s Severity) StringZH() string {
	switch s {
	case SeverityInfo:
		return "提示"
	case SeverityWarning:
		return "警告"
	case SeverityCritical:
		return "严重"
	}
	return s.String()
}

// Finding is one data-quality problem.
type Finding struct {
	Severity Severity `json:"severity"`
	// Check is "missing", "duplicates", "constant", "near_constant",
	// "identifier", "personal", "high_cardinality", "outliers",
	// "imbalance", "leakage" or "drift".
	Check string `json:"check"`
	// Column is the column concerned, "" for table-wide findings.
	Column string `json:"column,omitempty"`
	// Message is one sentence of English, MessageZH the same in Chinese.
	// Neither lists more than 5 values.
	Message   string `json:"message"`
	MessageZH string `json:"message_zh"`
}

// checkOrder is the order of checks within a column.
var checkOrder = []string{"missing", "duplicates", "constant", "near_constant", "identifier", "personal",
	"high_cardinality", "outliers", "imbalance", "leakage", "drift"}

// CheckOptions configures Check. A zero threshold means its default.
type CheckOptions struct {
	// Target is the column to predict, "" for none: imbalance and leakage
	// are checked only with a target.
	Target string
	// Test, when set, is compared with the checked (training) frame column
	// by column for drift.
	Test *Frame

	// MissingWarning and MissingCritical are the shares of missing cells
	// in a column from which it is a warning (default 0.05) or critical
	// (0.5). Any missing cell below them is an info.
	MissingWarning, MissingCritical float64
	// NearConstant is the share of the non-missing cells held by one value
	// from which a column is near-constant (default 0.95).
	NearConstant float64
	// HighCardinality is the number of distinct values a categorical
	// column must exceed (default 50), and HighCardinalityShare the share
	// of its non-missing cells they must exceed (default 0.5), to be high
	// cardinality.
	HighCardinality      int
	HighCardinalityShare float64
	// IQRFactor is k of the outlier fences [Q1 − k·IQR, Q3 + k·IQR]
	// (default 1.5); OutlierWarning is the share of a column's values
	// outside them from which outliers are a warning rather than an info
	// (default 0.05).
	IQRFactor, OutlierWarning float64
	// ImbalanceWarning and ImbalanceCritical are the shares of the rarest
	// target class below which imbalance is a warning (default 0.10) or
	// critical (0.02).
	ImbalanceWarning, ImbalanceCritical float64
	// Leakage is how well a single column must predict the target to be a
	// leakage suspect (default 0.98): accuracy, AUC (or 1 − AUC) or |r|.
	Leakage float64
	// DriftWarning and DriftCritical are the population stability indices
	// from which drift is a warning (default 0.1) or critical (0.25);
	// DriftBins is the number of quantile bins of a numeric column
	// (default 10).
	DriftWarning, DriftCritical float64
	DriftBins                   int
}

// Defaults of CheckOptions.
const (
	defaultMissingWarning       = 0.05
	defaultMissingCritical      = 0.5
	defaultNearConstant         = 0.95
	defaultHighCardinality      = 50
	defaultHighCardinalityShare = 0.5
	defaultIQRFactor            = 1.5
	defaultOutlierWarning       = 0.05
	defaultImbalanceWarning     = 0.10
	defaultImbalanceCritical    = 0.02
	defaultLeakage              = 0.98
	defaultDriftWarning         = 0.1
	defaultDriftCritical        = 0.25
	defaultDriftBins            = 10
)

// Fixed parameters of the checks.
const (
	// maxListed is the most values, rows or bins a message lists.
	maxListed = 5
	// leakageMinRows is the fewest rows (with the target and the column
	// present) on which leakage is judged.
	leakageMinRows = 20
	// leakageMaxValues is the most distinct values (missing counting as
	// one) of a column judged by majority-class accuracy; the column must
	// also have at least leakageRowsPerValue rows per value on average.
	leakageMaxValues    = 20
	leakageRowsPerValue = 5
	// leakageLift is the least share of the majority-class baseline's
	// errors that a leakage suspect's accuracy must remove:
	// (accuracy − baseline) / (1 − baseline).
	leakageLift = 0.9
	// psiEpsilon replaces an empty bin's share in the PSI.
	psiEpsilon = 1e-4
)

// withDefaults fills zero thresholds and checks the others.
func (o CheckOptions) withDefaults() (CheckOptions, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.MissingWarning, defaultMissingWarning)
	def(&o.MissingCritical, defaultMissingCritical)
	def(&o.NearConstant, defaultNearConstant)
	def(&o.HighCardinalityShare, defaultHighCardinalityShare)
	def(&o.IQRFactor, defaultIQRFactor)
	def(&o.OutlierWarning, defaultOutlierWarning)
	def(&o.ImbalanceWarning, defaultImbalanceWarning)
	def(&o.ImbalanceCritical, defaultImbalanceCritical)
	def(&o.Leakage, defaultLeakage)
	def(&o.DriftWarning, defaultDriftWarning)
	def(&o.DriftCritical, defaultDriftCritical)
	if o.HighCardinality == 0 {
		o.HighCardinality = defaultHighCardinality
	}
	if o.DriftBins == 0 {
		o.DriftBins = defaultDriftBins
	}
	for _, s := range []struct {
		name string
		v    float64
	}{
		{"MissingWarning", o.MissingWarning}, {"MissingCritical", o.MissingCritical},
		{"NearConstant", o.NearConstant}, {"HighCardinalityShare", o.HighCardinalityShare},
		{"OutlierWarning", o.OutlierWarning}, {"ImbalanceWarning", o.ImbalanceWarning},
		{"ImbalanceCritical", o.ImbalanceCritical}, {"Leakage", o.Leakage},
	} {
		if !(s.v > 0 && s.v <= 1) {
			return o, fmt.Errorf("data: CheckOptions.%s %v: want a share in (0, 1]", s.name, s.v)
		}
	}
	switch {
	case o.MissingWarning > o.MissingCritical:
		return o, fmt.Errorf("data: CheckOptions.MissingWarning %v is above MissingCritical %v", o.MissingWarning, o.MissingCritical)
	case o.ImbalanceCritical > o.ImbalanceWarning:
		return o, fmt.Errorf("data: CheckOptions.ImbalanceCritical %v is above ImbalanceWarning %v", o.ImbalanceCritical, o.ImbalanceWarning)
	case !(o.IQRFactor > 0) || math.IsInf(o.IQRFactor, 0):
		return o, fmt.Errorf("data: CheckOptions.IQRFactor %v: want a positive finite number", o.IQRFactor)
	case !(o.DriftWarning > 0) || !(o.DriftCritical >= o.DriftWarning) || math.IsInf(o.DriftCritical, 0):
		return o, fmt.Errorf("data: CheckOptions.DriftWarning %v and DriftCritical %v: want 0 < warning ≤ critical", o.DriftWarning, o.DriftCritical)
	case o.HighCardinality < 0:
		return o, fmt.Errorf("data: CheckOptions.HighCardinality %d: want a positive count", o.HighCardinality)
	case o.DriftBins < 2:
		return o, fmt.Errorf("data: CheckOptions.DriftBins %d: want at least 2", o.DriftBins)
	}
	return o, nil
}

// Quality is the outcome of Check: the frame's size and its findings,
// critical first, then warnings, then infos; within a severity table-wide
// findings come first, then columns in frame order, then checks in the
// order of Finding.Check's list. reports.QualityTable renders it as HTML.
type Quality struct {
	Rows     int       `json:"rows"`
	Columns  int       `json:"columns"`
	Findings []Finding `json:"findings"`
}

// Count returns how many findings have severity s.
func (q *Quality) Count(s Severity) int {
	n := 0
	for _, f := range q.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// checker collects findings.
type checker struct {
	f        *Frame
	o        CheckOptions
	roles    Roles
	stats    map[string]columnStats
	findings []Finding
}

func (c *checker) add(s Severity, check, column, msg, msgZH string) {
	c.findings = append(c.findings, Finding{Severity: s, Check: check, Column: column, Message: msg, MessageZH: msgZH})
}

// Check examines f for data-quality problems before training. Each check
// and its threshold (CheckOptions fields, defaults in parentheses):
//
//   - missing: m of n cells of a column missing; info when 0 < m/n <
//     MissingWarning (5%), warning from it, critical from MissingCritical
//     (50%) — info whatever the share for a column set aside by its role
//     (identifier, free text, constant, personal data).
//   - duplicates: rows equal in every cell to an earlier row; a warning
//     when there is any.
//   - constant: at most one distinct non-missing value (InferRoles'
//     RoleConstant); critical.
//   - near_constant: one value holds at least NearConstant (95%) of the
//     non-missing cells; warning (not for the target, see imbalance).
//   - identifier: InferRoles' RoleIdentifier (unique per row: IDs, codes,
//     row counters); warning.
//   - personal: InferRoles' RolePersonal (DetectPersonal); warning.
//   - high_cardinality: a categorical feature with more than
//     HighCardinality (50) distinct values, and more than
//     HighCardinalityShare (50%) of its non-missing cells distinct; warning.
//   - outliers: numeric values outside Tukey's fences [Q1 − k·IQR,
//     Q3 + k·IQR], k = IQRFactor (1.5), quartiles by linear interpolation
//     (NumPy's default, as the preprocessing); info, warning when their
//     share reaches OutlierWarning (5%). Skipped when IQR = 0.
//   - imbalance: for a classification target (categorical, boolean, or
//     numeric with at most 10 distinct integers, the rule of ml.Train), the
//     rarest class's share of the labelled rows; warning below
//     ImbalanceWarning (10%), critical below ImbalanceCritical (2%).
//   - leakage: a feature (RoleFeature; identifiers and other set-aside
//     columns are skipped) that alone predicts the target almost perfectly,
//     on at least 20 rows with both present; critical. For a classification
//     target, a column with at most 20 distinct values (missing counting as
//     one) and at least 5 rows per value is a suspect when predicting the
//     majority class of each of its values scores an accuracy ≥ Leakage
//     (0.98) that also removes at least 90% of the errors of always
//     guessing the overall majority class; a numeric column on a binary
//     target when its ROC AUC as a score is ≥ Leakage or ≤ 1 − Leakage.
//     For a regression target, a numeric or boolean column with
//     |Pearson r| ≥ Leakage.
//   - drift (with Test): the population stability index of each feature,
//     constant and target column present in f,
//     PSI = Σ (a_i − e_i)·ln(a_i / e_i), with e_i the share of training
//     rows and a_i of test rows in bin i, each smoothed by half a row per
//     bin (smoothShares), so that a bin a small sample leaves empty does
//     not dominate. Numeric bins are cut at the 1/DriftBins, …
//     quantiles of the training values (10 bins by default; tied cuts
//     merge); categorical and boolean bins are the training categories,
//     test categories unseen in training pooled in one bin; missing cells
//     are a bin of their own. Warning from DriftWarning (0.1), critical
//     from DriftCritical (0.25), and only when significant: N·PSI above the
//     99th percentile of χ² with bins − 1 degrees of freedom, N =
//     n_train·n_test/(n_train + n_test) (see driftSignificant). A column
//     absent from Test is critical; a
//     numeric column with text in Test is critical. Date columns are not
//     compared: a later test period always drifts in its dates.
//
// Errors: a nil frame, an unknown target, an empty Test frame or an
// invalid threshold.
func Check(f *Frame, o CheckOptions) (*Quality, error) {
	if f == nil {
		return nil, errors.New("data: Check of a nil frame")
	}
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if o.Test != nil && o.Test.Len() == 0 {
		return nil, errors.New("data: CheckOptions.Test has no rows: drift needs test data")
	}
	roles, err := InferRoles(f, o.Target)
	if err != nil {
		return nil, fmt.Errorf("data: Check: %w", err)
	}
	c := &checker{f: f, o: o, roles: roles, stats: map[string]columnStats{}}
	names := f.Names()
	for _, name := range names {
		c.stats[name] = statsOf(f, name)
	}
	c.duplicates()
	for i, name := range names {
		s, role := c.stats[name], roles[i]
		c.missing(s, role.Role)
		if role.Role != RolePersonal { // its findings would quote personal values
			c.constant(s, role)
		}
		switch role.Role {
		case RoleIdentifier:
			c.add(SeverityWarning, "identifier", name, strings.TrimPrefix(role.Reason, "identifier: ")+"; it names rows and should not be a feature",
				strings.TrimPrefix(role.ReasonZH, "标识列：")+"；它只标识行，不应作为特征")
		case RolePersonal:
			c.add(SeverityWarning, "personal", name, "holds "+role.Reason+"; pseudonymise or drop it before training",
				"含有"+role.ReasonZH+"；训练前请假名化或删除")
		case RoleFeature:
			c.highCardinality(s)
			c.leakage(s)
		}
		if _, classify := classKeys(s); role.Role == RoleFeature || (role.Role == RoleTarget && !classify) {
			c.outliers(s)
		}
	}
	if o.Target != "" {
		c.imbalance(c.stats[o.Target])
	}
	if o.Test != nil && f.Len() > 0 {
		for _, r := range roles {
			if r.Role == RoleFeature || r.Role == RoleConstant || r.Role == RoleTarget {
				c.drift(c.stats[r.Column], r.Role == RoleTarget)
			}
		}
	}
	order := map[string]int{"": -1}
	for i, name := range names {
		order[name] = i
	}
	slices.SortStableFunc(c.findings, func(a, b Finding) int {
		if a.Severity != b.Severity {
			return int(b.Severity) - int(a.Severity)
		}
		if d := order[a.Column] - order[b.Column]; d != 0 {
			return d
		}
		return slices.Index(checkOrder, a.Check) - slices.Index(checkOrder, b.Check)
	})
	return &Quality{Rows: f.Len(), Columns: len(names), Findings: c.findings}, nil
}

// pct formats a share as a percentage with one decimal.
func percent(share float64) string { return strconv.FormatFloat(100*share, 'f', 1, 64) + "%" }

func (c *checker) missing(s columnStats, role Role) {
	n := len(s.text)
	m := n - s.present
	if m == 0 || n == 0 {
		return
	}
	share := float64(m) / float64(n)
	sev := SeverityInfo
	switch {
	case share >= c.o.MissingCritical:
		sev = SeverityCritical
	case share >= c.o.MissingWarning:
		sev = SeverityWarning
	}
	if role != RoleFeature && role != RoleTarget && role != RoleDate {
		sev = SeverityInfo // a column set aside: its gaps cost the model nothing
	}
	c.add(sev, "missing", s.name, fmt.Sprintf("%d of %d values (%s) are missing", m, n, percent(share)),
		fmt.Sprintf("%d 个值中有 %d 个缺失（%s）", n, m, percent(share)))
}

func (c *checker) duplicates() {
	n := c.f.Len()
	if n == 0 {
		return
	}
	cols := make([][]string, 0, len(c.stats))
	for _, name := range c.f.Names() {
		cols = append(cols, c.stats[name].text)
	}
	seen := make(map[string]int, n)
	var dup []int
	var key strings.Builder
	for r := range n {
		key.Reset()
		for _, col := range cols {
			// Length-prefixed cells: no separator can be forged by a cell.
			key.WriteString(strconv.Itoa(len(col[r])))
			key.WriteByte(':')
			key.WriteString(col[r])
		}
		if _, ok := seen[key.String()]; ok {
			dup = append(dup, r)
			continue
		}
		seen[key.String()] = r
	}
	if len(dup) == 0 {
		return
	}
	var rows []string
	for _, r := range dup[:min(len(dup), maxListed)] {
		rows = append(rows, strconv.Itoa(r+1))
	}
	more, moreZH := "", ""
	if len(dup) > maxListed {
		more, moreZH = ", …", "、…"
	}
	share := percent(float64(len(dup)) / float64(n))
	c.add(SeverityWarning, "duplicates", "",
		fmt.Sprintf("%d of %d rows (%s) repeat an earlier row exactly, e.g. rows %s%s", len(dup), n, share, strings.Join(rows, ", "), more),
		fmt.Sprintf("%d 行中有 %d 行（%s）与前面某行完全相同，例如第 %s%s 行", n, len(dup), share, strings.Join(rows, "、"), moreZH))
}

func (c *checker) constant(s columnStats, role ColumnRole) {
	switch {
	case s.distinct == 0 && len(s.text) > 0:
		c.add(SeverityCritical, "constant", s.name, fmt.Sprintf("all %d values are missing", len(s.text)),
			fmt.Sprintf("%d 个值全部缺失", len(s.text)))
	case s.distinct == 1:
		v := strconv.Quote(clipText(s.top.Value, 40))
		c.add(SeverityCritical, "constant", s.name, fmt.Sprintf("every present value is %s, so it cannot inform a model", v),
			fmt.Sprintf("所有非缺失值都是 %s，无法为模型提供信息", v))
	case role.Role != RoleTarget && s.top.Share >= c.o.NearConstant:
		v := strconv.Quote(clipText(s.top.Value, 40))
		c.add(SeverityWarning, "near_constant", s.name, fmt.Sprintf("%s makes up %s of the %d present values", v, percent(s.top.Share), s.present),
			fmt.Sprintf("%d 个非缺失值中 %s 是 %s", s.present, percent(s.top.Share), v))
	}
}

func (c *checker) highCardinality(s columnStats) {
	if s.kind != Categorical || s.distinct <= c.o.HighCardinality || float64(s.distinct) <= c.o.HighCardinalityShare*float64(s.present) {
		return
	}
	c.add(SeverityWarning, "high_cardinality", s.name,
		fmt.Sprintf("%d distinct values among %d present (%s); one-hot encoding would make %d sparse features", s.distinct, s.present,
			percent(float64(s.distinct)/float64(s.present)), s.distinct),
		fmt.Sprintf("%d 个非缺失值中有 %d 个不同值（%s）；独热编码会产生 %d 个稀疏特征", s.present, s.distinct,
			percent(float64(s.distinct)/float64(s.present)), s.distinct))
}

func (c *checker) outliers(s columnStats) {
	if s.kind != Numeric {
		return
	}
	x := present(s.num)
	if len(x) == 0 {
		return
	}
	q1, q3 := metrics.Quantile(x, 0.25), metrics.Quantile(x, 0.75)
	iqr := q3 - q1
	if iqr == 0 {
		return
	}
	lo, hi := q1-c.o.IQRFactor*iqr, q3+c.o.IQRFactor*iqr
	var out []float64
	for _, v := range x {
		if v < lo || v > hi {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return
	}
	beyond := func(v float64) float64 { return max(lo-v, v-hi) }
	slices.SortStableFunc(out, func(a, b float64) int {
		switch da, db := beyond(a), beyond(b); {
		case da > db:
			return -1
		case da < db:
			return 1
		}
		return 0
	})
	var extreme []string
	for _, v := range slices.Compact(out[:min(len(out), maxListed)]) {
		extreme = append(extreme, fmtShort(v))
	}
	share := float64(len(out)) / float64(len(x))
	sev := SeverityInfo
	if share >= c.o.OutlierWarning {
		sev = SeverityWarning
	}
	k := fmtShort(c.o.IQRFactor)
	c.add(sev, "outliers", s.name,
		fmt.Sprintf("%d of %d values (%s) lie outside [%s, %s] (Q1 − %s·IQR, Q3 + %s·IQR); the most extreme: %s",
			len(out), len(x), percent(share), fmtShort(lo), fmtShort(hi), k, k, strings.Join(extreme, ", ")),
		fmt.Sprintf("%d 个值中有 %d 个（%s）超出 [%s, %s]（Q1 − %s·IQR，Q3 + %s·IQR）；最极端的：%s",
			len(x), len(out), percent(share), fmtShort(lo), fmtShort(hi), k, k, strings.Join(extreme, "、")))
}

// classKeys returns the class of each row of a classification target ("" where
// missing) and whether the column is one: categorical or boolean, or
// numeric with at most MaxClassValues distinct integers (IsClassTarget).
func classKeys(s columnStats) ([]string, bool) {
	switch s.kind {
	case Categorical:
		return s.text, true
	case Boolean, Numeric:
		keys := make([]string, len(s.num))
		label := map[float64]string{}
		for r, v := range s.num {
			if math.IsNaN(v) {
				continue
			}
			if s.kind == Numeric && v != math.Trunc(v) {
				return nil, false
			}
			if _, ok := label[v]; !ok {
				// A class is named by its first cell text: "yes" rather
				// than "true", "1" rather than "1.0".
				label[v] = s.text[r]
			}
			keys[r] = label[v]
		}
		return keys, s.kind == Boolean || len(label) <= MaxClassValues
	}
	return nil, false
}

func (c *checker) imbalance(s columnStats) {
	keys, ok := classKeys(s)
	if !ok {
		return
	}
	tally := counts(keys)
	if len(tally) < 2 {
		return // the constant check reports it
	}
	rare := tally[len(tally)-1]
	sev := SeverityWarning
	switch {
	case rare.Share < c.o.ImbalanceCritical:
		sev = SeverityCritical
	case rare.Share < c.o.ImbalanceWarning:
	default:
		return
	}
	labelled := 0
	for _, t := range tally {
		labelled += t.Count
	}
	v := strconv.Quote(clipText(rare.Value, 40))
	c.add(sev, "imbalance", s.name,
		fmt.Sprintf("the rarest class %s holds %d of %d labelled rows (%s); judge models by recall or AUC, not accuracy", v, rare.Count, labelled, percent(rare.Share)),
		fmt.Sprintf("最少的类别 %s 在 %d 个有标签的行中只有 %d 个（%s）；请用召回率或 AUC 而非准确率评价模型", v, labelled, rare.Count, percent(rare.Share)))
}

// leakage reports a feature that alone predicts the target almost perfectly.
func (c *checker) leakage(s columnStats) {
	if c.o.Target == "" {
		return
	}
	t := c.stats[c.o.Target]
	keys, classify := classKeys(t)
	if !classify {
		c.leakageRegression(s, t)
		return
	}
	// Rows with a labelled target.
	var rows []int
	for r, k := range keys {
		if k != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) < leakageMinRows {
		return
	}
	classes := counts(keys)
	if len(classes) < 2 {
		return
	}
	// Majority class per value of the column, missing counting as a value.
	byValue := map[string]map[string]int{}
	for _, r := range rows {
		v := s.text[r]
		if byValue[v] == nil {
			byValue[v] = map[string]int{}
		}
		byValue[v][keys[r]]++
	}
	if len(byValue) <= leakageMaxValues && len(rows) >= leakageRowsPerValue*len(byValue) {
		right := 0
		for _, m := range byValue {
			best := 0
			for _, n := range m {
				best = max(best, n)
			}
			right += best
		}
		acc := float64(right) / float64(len(rows))
		base := float64(classes[0].Count) / float64(len(rows))
		if acc >= c.o.Leakage && base < 1 && (acc-base)/(1-base) >= leakageLift {
			c.add(SeverityCritical, "leakage", s.name,
				fmt.Sprintf("alone it predicts the target with accuracy %.3f (the majority class of each of its %d values; always guessing %s scores %.3f): check that it is known before the outcome",
					acc, len(byValue), strconv.Quote(clipText(classes[0].Value, 40)), base),
				fmt.Sprintf("仅凭此列即可预测目标，准确率 %.3f（按其 %d 个取值各自的多数类；总是猜 %s 为 %.3f）：请确认预测时该值已知",
					acc, len(byValue), strconv.Quote(clipText(classes[0].Value, 40)), base))
			return
		}
	}
	if s.kind != Numeric || len(classes) != 2 {
		return
	}
	positive := classes[0].Value
	if classes[1].Value > positive {
		positive = classes[1].Value
	}
	var y []float64
	var p [][]float64
	for _, r := range rows {
		if math.IsNaN(s.num[r]) {
			continue
		}
		y = append(y, b2f(keys[r] == positive))
		p = append(p, []float64{s.num[r]})
	}
	if len(y) < leakageMinRows {
		return
	}
	auc, err := metrics.AUC(y, p)
	if err != nil || (auc < c.o.Leakage && auc > 1-c.o.Leakage) {
		return
	}
	c.add(SeverityCritical, "leakage", s.name,
		fmt.Sprintf("alone it separates the target classes with AUC %.3f (class %s as positive): check that it is known before the outcome", auc, strconv.Quote(clipText(positive, 40))),
		fmt.Sprintf("仅凭此列即可区分目标类别，AUC 为 %.3f（以 %s 为正类）：请确认预测时该值已知", auc, strconv.Quote(clipText(positive, 40))))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// leakageRegression reports a numeric or boolean feature whose Pearson
// correlation with a numeric target is almost ±1.
func (c *checker) leakageRegression(s, t columnStats) {
	if s.kind == Categorical || s.kind == Date || t.kind == Categorical || t.kind == Date {
		return
	}
	var x, y []float64
	for r := range s.num {
		if !math.IsNaN(s.num[r]) && !math.IsNaN(t.num[r]) {
			x, y = append(x, s.num[r]), append(y, t.num[r])
		}
	}
	if len(x) < leakageMinRows {
		return
	}
	r := stat.Correlation(x, y, nil)
	if math.IsNaN(r) || math.Abs(r) < c.o.Leakage {
		return
	}
	c.add(SeverityCritical, "leakage", s.name,
		fmt.Sprintf("alone it tracks the target with Pearson r = %.3f over %d rows: check that it is known before the outcome", r, len(x)),
		fmt.Sprintf("此列与目标的皮尔逊相关系数 r = %.3f（%d 行）：请确认预测时该值已知", r, len(x)))
}

// smoothShares adds half a row to every bin of shares measured on n rows:
// p′ᵢ = (pᵢ·n + ½)/(n + ½·B). A bin that a small sample leaves empty by
// chance then counts as half a row, not as ε = 1e-4, whose logarithm would
// let one empty bin dominate the PSI.
func smoothShares(p []float64, n int) []float64 {
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = (v*float64(n) + 0.5) / (float64(n) + 0.5*float64(len(p)))
	}
	return out
}

// driftSignificant reports whether a PSI measured between nTrain and nTest
// rows over bins bins is larger than sampling alone makes likely. PSI is
// Jeffreys' divergence between the two histograms; with no drift,
// N·PSI (N = nTrain·nTest/(nTrain+nTest)) is close to a χ² variable with
// bins − 1 degrees of freedom, so a PSI counts as drift only when N·PSI
// exceeds that distribution's 99th percentile. On 50 test rows and 10 bins
// this asks for PSI > 0.53 rather than 0.1: small splits differ by chance.
func driftSignificant(psi float64, nTrain, nTest, bins int) bool {
	if bins < 2 || nTrain == 0 || nTest == 0 {
		return false
	}
	n := float64(nTrain) * float64(nTest) / float64(nTrain+nTest)
	return n*psi > distuv.ChiSquared{K: float64(bins - 1)}.Quantile(0.99)
}

// PSI returns the population stability index between expected (training)
// and actual (test) bin shares, Σ (a_i − e_i)·ln(a_i / e_i), where a share
// of 0 counts as 1e-4. The slices must have the same length.
func PSI(expected, actual []float64) float64 {
	sum := 0.0
	for i := range expected {
		e, a := expected[i], actual[i]
		if e <= 0 {
			e = psiEpsilon
		}
		if a <= 0 {
			a = psiEpsilon
		}
		sum += (a - e) * math.Log(a/e)
	}
	return sum
}

// psiBins are the labels and the training and test shares of drift bins.
type psiBins struct {
	labels           []string
	expected, actual []float64
}

// numericBins cuts at the quantiles of the training values.
func numericBins(train, test []float64, n int) psiBins {
	x := present(train)
	var cuts []float64
	if len(x) > 0 {
		for i := 1; i < n; i++ {
			cuts = append(cuts, metrics.Quantile(x, float64(i)/float64(n)))
		}
		cuts = slices.Compact(cuts)
	}
	var b psiBins
	for i := 0; i <= len(cuts); i++ {
		switch {
		case len(cuts) == 0:
			b.labels = append(b.labels, "all values")
		case i == 0:
			b.labels = append(b.labels, "≤ "+fmtShort(cuts[0]))
		case i == len(cuts):
			b.labels = append(b.labels, "> "+fmtShort(cuts[i-1]))
		default:
			b.labels = append(b.labels, "("+fmtShort(cuts[i-1])+", "+fmtShort(cuts[i])+"]")
		}
	}
	b.labels = append(b.labels, "missing")
	share := func(v []float64) []float64 {
		out := make([]float64, len(cuts)+2)
		for _, x := range v {
			if math.IsNaN(x) {
				out[len(cuts)+1]++
				continue
			}
			out[sort.SearchFloat64s(cuts, x)]++
		}
		for i := range out {
			out[i] /= float64(len(v))
		}
		return out
	}
	b.expected, b.actual = share(train), share(test)
	return b
}

// categoryBins are the training categories, then unseen test categories.
func categoryBins(train, test []string) psiBins {
	index := map[string]int{}
	var b psiBins
	for _, k := range train {
		if _, ok := index[k]; !ok {
			index[k] = len(b.labels)
			label := strconv.Quote(clipText(k, 40))
			if k == "" {
				label = "missing"
			}
			b.labels = append(b.labels, label)
		}
	}
	unseen := len(b.labels)
	b.labels = append(b.labels, "unseen in training")
	b.expected = make([]float64, len(b.labels))
	b.actual = make([]float64, len(b.labels))
	for _, k := range train {
		b.expected[index[k]] += 1 / float64(len(train))
	}
	for _, k := range test {
		i, ok := index[k]
		if !ok {
			i = unseen
		}
		b.actual[i] += 1 / float64(len(test))
	}
	return b
}

// drift compares one column of the training frame with Test.
func (c *checker) drift(s columnStats, isTarget bool) {
	kind, err := c.o.Test.Kind(s.name)
	if err != nil {
		if !isTarget {
			c.add(SeverityCritical, "drift", s.name, "the column is absent from the test data", "测试数据中缺少此列")
		}
		return
	}
	testText, _ := c.o.Test.Strings(s.name)
	var b psiBins
	switch s.kind {
	case Numeric:
		if kind != Numeric {
			bad := slices.IndexFunc(testText, func(t string) bool { _, err := parseNumber(t); return t != "" && err != nil })
			if bad >= 0 {
				c.add(SeverityCritical, "drift", s.name,
					fmt.Sprintf("numeric in training, but the test data holds text such as %s (row %d)", strconv.Quote(clipText(testText[bad], 40)), bad+1),
					fmt.Sprintf("训练数据中为数值，测试数据中却有文本，例如 %s（第 %d 行）", strconv.Quote(clipText(testText[bad], 40)), bad+1))
				return
			}
		}
		test := make([]float64, len(testText))
		for r, t := range testText {
			test[r] = math.NaN()
			if v, err := parseNumber(t); t != "" && err == nil {
				test[r] = v
			}
		}
		b = numericBins(s.num, test, c.o.DriftBins)
	case Boolean:
		norm := func(text []string) []string {
			out := make([]string, len(text))
			for r, t := range text {
				out[r] = t
				if v, err := parseBool(t); t != "" && err == nil {
					out[r] = strconv.FormatBool(v == 1)
				}
			}
			return out
		}
		b = categoryBins(norm(s.text), norm(testText))
	case Categorical:
		b = categoryBins(s.text, testText)
	default:
		return
	}
	var expected, actual []float64 // the bins not empty on both sides
	for i := range b.expected {
		if b.expected[i] > 0 || b.actual[i] > 0 {
			expected, actual = append(expected, b.expected[i]), append(actual, b.actual[i])
		}
	}
	psi := PSI(smoothShares(expected, len(s.text)), smoothShares(actual, len(testText)))
	if !driftSignificant(psi, len(s.text), len(testText), len(expected)) {
		return
	}
	sev := SeverityWarning
	switch {
	case psi >= c.o.DriftCritical:
		sev = SeverityCritical
	case psi >= c.o.DriftWarning:
	default:
		return
	}
	// The bins that contribute most, at most three.
	order := make([]int, len(b.labels))
	for i := range order {
		order[i] = i
	}
	part := func(i int) float64 { return PSI(b.expected[i:i+1], b.actual[i:i+1]) }
	slices.SortStableFunc(order, func(i, j int) int {
		switch pi, pj := part(i), part(j); {
		case pi > pj:
			return -1
		case pi < pj:
			return 1
		}
		return 0
	})
	var shifts []string
	for _, i := range order[:min(3, len(order))] {
		if b.expected[i] == b.actual[i] {
			break
		}
		shifts = append(shifts, fmt.Sprintf("%s %s → %s", b.labels[i], percent(b.expected[i]), percent(b.actual[i])))
	}
	c.add(sev, "drift", s.name,
		fmt.Sprintf("population stability index %.3f between training and test; largest shifts: %s", psi, strings.Join(shifts, ", ")),
		fmt.Sprintf("训练与测试数据之间的群体稳定性指数（PSI）为 %.3f；变化最大的：%s", psi, strings.Join(shifts, "、")))
}

// Text renders the findings, one line each — severity, column ("(table)"
// for table-wide findings), check and message — under a line with the
// frame's size and the counts per severity.
func (q *Quality) Text() string {
	var b strings.Builder
	b.WriteString(q.Headline() + "\n")
	var rows [][]string
	for _, f := range q.Findings {
		rows = append(rows, []string{f.Severity.String(), f.ColumnLabel(), f.Check + ": " + oneLine(f.Message)})
	}
	b.WriteString(alignRows(rows))
	return b.String()
}

// String returns Text().
func (q *Quality) String() string { return q.Text() }

// ColumnLabel is the finding's column on one line, "(table)" for a
// table-wide finding.
func (f Finding) ColumnLabel() string {
	if f.Column == "" {
		return "(table)"
	}
	return oneLine(f.Column)
}

// Headline is the line above the findings: the frame's size and the counts
// per severity.
func (q *Quality) Headline() string {
	if len(q.Findings) == 0 {
		return fmt.Sprintf("%d rows × %d columns: no findings", q.Rows, q.Columns)
	}
	return fmt.Sprintf("%d rows × %d columns: %d critical, %d warning, %d info",
		q.Rows, q.Columns, q.Count(SeverityCritical), q.Count(SeverityWarning), q.Count(SeverityInfo))
}
