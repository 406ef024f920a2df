package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Role is what a column is used for when a model is trained.
type Role string

const (
	// RoleFeature columns are model inputs as they are.
	RoleFeature Role = "feature"
	// RoleTarget is the column to predict.
	RoleTarget Role = "target"
	// RoleIdentifier columns name rows (IDs, order numbers, codes): unique
	// or nearly unique per row, they carry no pattern a model could
	// generalise, only a way to memorise rows.
	RoleIdentifier Role = "identifier"
	// RoleFreeText columns hold long, varied text such as comments; they
	// need text features, not one-hot encoding.
	RoleFreeText Role = "free_text"
	// RoleDate columns (Kind Date) are used through derived features: year,
	// month, day of week and days since the earliest date.
	RoleDate Role = "date"
	// RoleConstant columns have one distinct non-missing value, or none.
	RoleConstant Role = "constant"
	// RolePersonal columns hold personal data (DetectPersonal): never a
	// feature in raw form; pseudonymise or drop them.
	RolePersonal Role = "personal"
)

// Thresholds of InferRoles.
const (
	// IdentifierMinRows is the fewest non-missing values a column needs to
	// be judged an identifier: among few rows, distinct values are normal.
	IdentifierMinRows = 20
	// IdentifierDistinctShare is the share of distinct values among the
	// non-missing values at which a categorical column is an identifier.
	IdentifierDistinctShare = 0.95
	// NamedIdentifierDistinctShare is the lower share that suffices when the
	// header names an identifier ("Individual ID", 编号): IDs that recur
	// across visits or years are still identifiers.
	NamedIdentifierDistinctShare = 0.5
	// FreeTextMinRunes is the mean length, in characters (runes), above
	// which a high-cardinality categorical column is free text.
	FreeTextMinRunes = 30
	// FreeTextMinWords is the mean number of words (space-separated) from
	// which a high-cardinality categorical column is free text too.
	FreeTextMinWords = 4
	// FreeTextDistinctShare is the least share of distinct values among the
	// non-missing values of a free-text column: comments repeat ("Not
	// enough blood for isotopes."), while long category labels ("Adelie
	// Penguin (Pygoscelis adeliae)") are few.
	FreeTextDistinctShare = 0.1
)

// ColumnRole is the role of one column and why it was chosen.
type ColumnRole struct {
	Column string `json:"column"`
	Role   Role   `json:"role"`
	// Personal is the kind of personal data when Role is RolePersonal.
	Personal Personal `json:"personal,omitempty"`
	Kind     Kind     `json:"kind"`
	// Reason is one line of English, e.g. "identifier: 400 distinct values
	// in 400 rows"; ReasonZH is the same in Chinese.
	Reason   string `json:"reason"`
	ReasonZH string `json:"reason_zh"`
}

// Roles are the roles of a frame's columns, in frame order.
// reports.RolesTable renders them as HTML.
type Roles []ColumnRole

// columnStats are the facts about one column that roles and checks use.
type columnStats struct {
	name      string
	kind      Kind
	text      []string  // cell text, "" where missing
	num       []float64 // values for Numeric, Boolean and Date; nil for Categorical
	present   int       // non-missing cells
	distinct  int       // distinct non-missing cell texts
	top       ValueCount
	meanLen   float64 // mean length in runes of the non-missing cells
	meanWords float64 // mean number of words of the non-missing cells
}

// statsOf gathers the columnStats of a column through Frame's public API.
func statsOf(f *Frame, name string) columnStats {
	s := columnStats{name: name}
	s.kind, _ = f.Kind(name)
	s.text, _ = f.Strings(name)
	if s.kind != Categorical {
		s.num, _ = f.Floats(name)
	}
	tally := counts(s.text)
	s.distinct = len(tally)
	if len(tally) > 0 {
		s.top = tally[0]
	}
	runes, words := 0, 0
	for _, t := range s.text {
		if t != "" {
			s.present++
			runes += utf8.RuneCountInString(t)
			words += len(strings.Fields(t))
		}
	}
	if s.present > 0 {
		s.meanLen = float64(runes) / float64(s.present)
		s.meanWords = float64(words) / float64(s.present)
	}
	return s
}

// headerTokens splits a header into lower-case words at non-letters and
// non-digits and at lower-to-upper case changes ("CustomerID" → customer,
// id).
func headerTokens(h string) []string {
	var tokens []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			tokens = append(tokens, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prevLower := false
	for _, r := range h {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = unicode.IsLower(r)
	}
	flush()
	return tokens
}

// idWords are header words that mark an identifier.
var idWords = map[string]bool{"id": true, "ids": true, "code": true, "no": true, "nr": true, "key": true, "uuid": true, "guid": true}

// looksLikeIDHeader reports whether a header names an identifier: a word
// id, code, no, nr, key, uuid or guid (any case, separated by spaces,
// punctuation or a case change: "customer_id", "CustomerID", "Order No."),
// or a Chinese header containing 编号 or ending in 号 (订单号, 工号).
func looksLikeIDHeader(h string) bool {
	for _, t := range headerTokens(h) {
		if idWords[t] {
			return true
		}
	}
	c := compactHeader(h)
	return strings.Contains(c, "编号") || strings.HasSuffix(c, "号")
}

// timeWords are header words of a time scale: a strictly increasing column
// of years in a yearly series is a feature (a trend), not a row counter.
var timeWords = map[string]bool{"year": true, "years": true, "yr": true, "年": true, "年份": true, "年度": true}

// isTimeHeader reports whether a header names a year.
func isTimeHeader(h string) bool {
	for _, t := range headerTokens(h) {
		if timeWords[t] {
			return true
		}
	}
	return false
}

// numericIdentifier reports whether a Numeric column is an identifier, and
// why: all of its values are present, distinct integers, and either its
// header looks like an ID or the values strictly increase down the rows (a
// row counter). Real-valued or repeated measurements are never identifiers.
func numericIdentifier(s columnStats) (ok bool, why, whyZH string) {
	if s.kind != Numeric || s.present < IdentifierMinRows || s.present != len(s.num) || s.distinct != s.present {
		return false, "", ""
	}
	increasing := true
	for i, v := range s.num {
		if v != math.Trunc(v) {
			return false, "", ""
		}
		if i > 0 && v <= s.num[i-1] {
			increasing = false
		}
	}
	switch {
	case looksLikeIDHeader(s.name):
		return true, fmt.Sprintf("identifier: %d distinct integers in %d rows, and the header names an ID", s.distinct, len(s.num)),
			fmt.Sprintf("标识列：%d 行中有 %d 个不同整数，且列名表示编号", len(s.num), s.distinct)
	case increasing && !isTimeHeader(s.name):
		return true, fmt.Sprintf("identifier: a row counter, integers increasing from %s to %s in %d rows", fmtShort(s.num[0]), fmtShort(s.num[len(s.num)-1]), len(s.num)),
			fmt.Sprintf("标识列：行计数器，%d 行中整数从 %s 递增到 %s", len(s.num), fmtShort(s.num[0]), fmtShort(s.num[len(s.num)-1]))
	}
	return false, "", ""
}

// fmtNum writes a number with up to 6 significant digits.
func fmtShort(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// kindZH names a kind in Chinese.
func kindZH(k Kind) string {
	switch k {
	case Numeric:
		return "数值型"
	case Categorical:
		return "类别型"
	case Boolean:
		return "布尔型"
	case Date:
		return "日期型"
	}
	return k.String()
}

// personalZH names a kind of personal data in Chinese.
func personalZH(p Personal) string {
	switch p {
	case PersonalEmail:
		return "电子邮箱"
	case PersonalPhone:
		return "电话号码"
	case PersonalIDNumber:
		return "身份证号"
	case PersonalName:
		return "姓名"
	}
	return string(p)
}

// roleOf applies the rules of InferRoles to one column.
func roleOf(s columnStats, target string, personal map[string]personalFinding) ColumnRole {
	r := ColumnRole{Column: s.name, Kind: s.kind}
	set := func(role Role, reason, reasonZH string) ColumnRole {
		r.Role, r.Reason, r.ReasonZH = role, reason, reasonZH
		return r
	}
	if s.name == target {
		return set(RoleTarget, "target: the column to predict", "目标列：要预测的列")
	}
	if p, ok := personal[s.name]; ok {
		r.Personal = p.Kind
		if p.ByHeader {
			return set(RolePersonal, fmt.Sprintf("personal data (%s): the header names a person", p.Kind),
				fmt.Sprintf("个人信息（%s）：列名表示人名", personalZH(p.Kind)))
		}
		return set(RolePersonal, fmt.Sprintf("personal data (%s): %d of %d values match", p.Kind, p.Matches, p.Present),
			fmt.Sprintf("个人信息（%s）：%d 个值中有 %d 个符合", personalZH(p.Kind), p.Present, p.Matches))
	}
	if s.kind == Date {
		return set(RoleDate, "date: used through derived features (year, month, day of week, days since the earliest date)",
			"日期列：通过派生特征使用（年、月、星期几、距最早日期的天数）")
	}
	switch s.distinct {
	case 0:
		return set(RoleConstant, fmt.Sprintf("constant: all %d values are missing", len(s.text)),
			fmt.Sprintf("常量列：%d 个值全部缺失", len(s.text)))
	case 1:
		v := clipText(s.top.Value, 40)
		return set(RoleConstant, fmt.Sprintf("constant: every present value is %q", v),
			fmt.Sprintf("常量列：所有非缺失值都是 %q", v))
	}
	share := float64(s.distinct) / float64(s.present)
	if ok, why, whyZH := numericIdentifier(s); ok {
		return set(RoleIdentifier, why, whyZH)
	}
	if s.kind == Categorical && s.present >= IdentifierMinRows && share >= NamedIdentifierDistinctShare &&
		share < IdentifierDistinctShare && s.meanLen <= FreeTextMinRunes && looksLikeIDHeader(s.name) {
		return set(RoleIdentifier, fmt.Sprintf("identifier: the header names an ID; %d distinct values among %d present", s.distinct, s.present),
			fmt.Sprintf("标识列：列名表示编号；%d 个非缺失值有 %d 个不同值", s.present, s.distinct))
	}
	if s.kind == Categorical && s.present >= IdentifierMinRows && share >= IdentifierDistinctShare && s.meanLen <= FreeTextMinRunes {
		if s.present == len(s.text) {
			return set(RoleIdentifier, fmt.Sprintf("identifier: %d distinct values in %d rows", s.distinct, s.present),
				fmt.Sprintf("标识列：%d 行中有 %d 个不同值", s.present, s.distinct))
		}
		return set(RoleIdentifier, fmt.Sprintf("identifier: %d distinct values among %d present in %d rows", s.distinct, s.present, len(s.text)),
			fmt.Sprintf("标识列：%d 行中 %d 个非缺失值有 %d 个不同值", len(s.text), s.present, s.distinct))
	}
	if s.kind == Categorical && (s.meanLen > FreeTextMinRunes || s.meanWords >= FreeTextMinWords) && share >= FreeTextDistinctShare {
		return set(RoleFreeText, fmt.Sprintf("free text: %d distinct values, %.0f characters long on average", s.distinct, s.meanLen),
			fmt.Sprintf("自由文本：%d 个不同值，平均长度 %.0f 个字符", s.distinct, s.meanLen))
	}
	return set(RoleFeature, fmt.Sprintf("feature: %s, %d distinct values", s.kind, s.distinct),
		fmt.Sprintf("特征：%s，%d 个不同值", kindZH(s.kind), s.distinct))
}

// clip shortens s to at most n runes, marking a cut with "…".
func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// InferRoles chooses the role of every column of f before training, each
// with a one-line reason in English and Chinese. target names the column to
// predict ("" for none); an unknown target, or a nil frame, is an error.
// The first rule that applies wins:
//
//  1. the target column → RoleTarget;
//  2. personal data by DetectPersonal (a name header, or at least half the
//     values e-mails, phones or ID numbers) → RolePersonal;
//  3. Kind Date → RoleDate;
//  4. at most one distinct non-missing value → RoleConstant;
//  5. identifiers → RoleIdentifier, among at least IdentifierMinRows (20)
//     non-missing values:
//     a Categorical column whose values are at least
//     IdentifierDistinctShare (95%) distinct — NamedIdentifierDistinctShare
//     (50%) when its header names an ID — and at most FreeTextMinRunes
//     (30) characters long on average; a Numeric column only when every
//     value is present, an integer and distinct, and either its header
//     names an ID (a word id, code, no, nr, key, uuid, guid; 编号, or a
//     final 号) or the values strictly increase down the rows (a row
//     counter; not under a year header). A real-valued measurement with
//     unique values is a feature, not an identifier. Boolean columns
//     never are;
//  6. a Categorical column whose values average more than FreeTextMinRunes
//     (30) characters or at least FreeTextMinWords (4) words, with at
//     least FreeTextDistinctShare (10%) distinct
//     → RoleFreeText;
//  7. everything else, booleans and low-cardinality categoricals included
//     → RoleFeature.
func InferRoles(f *Frame, target string) (Roles, error) {
	if f == nil {
		return nil, errors.New("data: InferRoles of a nil frame")
	}
	if target != "" {
		if _, err := f.Kind(target); err != nil {
			return nil, fmt.Errorf("data: InferRoles target: %w", err)
		}
	}
	personal := detectPersonal(f)
	names := f.Names()
	roles := make(Roles, len(names))
	for i, name := range names {
		roles[i] = roleOf(statsOf(f, name), target, personal)
	}
	return roles, nil
}

// Features returns the columns used as features directly (RoleFeature), in
// frame order.
func (r Roles) Features() []string { return r.Of(RoleFeature) }

// Of returns the columns of the given role, in frame order.
func (r Roles) Of(role Role) []string {
	var out []string
	for _, c := range r {
		if c.Role == role {
			out = append(out, c.Column)
		}
	}
	return out
}

// role returns the role of a column, "" when it is not listed.
func (r Roles) role(column string) Role {
	for _, c := range r {
		if c.Column == column {
			return c.Role
		}
	}
	return ""
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters take two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// isWide reports whether r is an East Asian wide or full-width character
// (CJK ideographs and punctuation, kana, Hangul, full-width forms).
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

// alignRows pads each cell but the last of every row to its column's
// display width plus two spaces, so that tables with Chinese text line up in
// a terminal (text/tabwriter counts a wide character as one column).
func alignRows(rows [][]string) string {
	var widths []int
	for _, row := range rows {
		for i, cell := range row[:max(len(row)-1, 0)] {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		var line strings.Builder
		for i, cell := range row {
			line.WriteString(cell)
			if i < len(row)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	return b.String()
}

// oneLine replaces line breaks and tabs in s by spaces, so that a column
// name cannot break a table's layout.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// Text renders the roles as an aligned plain-text table: column, kind,
// role and reason, one line per column in frame order, followed by how many
// columns are used as features and which are set aside.
func (r Roles) Text() string {
	rows := [][]string{{"column", "kind", "role", "reason"}}
	for _, c := range r {
		rows = append(rows, []string{oneLine(c.Column), c.Kind.String(), string(c.Role), oneLine(c.Reason)})
	}
	var b strings.Builder
	b.WriteString(alignRows(rows))
	b.WriteString(r.Usage() + "\n")
	return b.String()
}

// Usage is the line under the table: how many columns are features, how
// many go through derived date features, how many are set aside.
func (r Roles) Usage() string {
	features := len(r.Features())
	aside := len(r) - features - len(r.Of(RoleTarget)) - len(r.Of(RoleDate))
	return fmt.Sprintf("%d of %d columns used as features, %d through derived date features, %d set aside", features, len(r), len(r.Of(RoleDate)), aside)
}
