package reports

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/glassbox-ml/glassbox/ml/data"
)

// columnsFrame builds a frame from (name, cells) pairs.
func columnsFrame(t *testing.T, schema data.Schema, cols ...any) *data.Frame {
	t.Helper()
	var names []string
	var columns [][]string
	for i := 0; i < len(cols); i += 2 {
		names = append(names, cols[i].(string))
		columns = append(columns, cols[i+1].([]string))
	}
	rows := make([][]string, len(columns[0]))
	for r := range rows {
		for c := range columns {
			rows[r] = append(rows[r], columns[c][r])
		}
	}
	f, err := data.NewFrame(names, rows, schema)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// cellsOf returns n cells, cell i given by cell(i).
func cellsOf(n int, cell func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = cell(i)
	}
	return out
}

// noExternal fails when h could load or run anything.
func noExternal(t *testing.T, h string) {
	t.Helper()
	for _, bad := range []string{"http:", "https:", "<link", "<img", "src=", "<style", "<script", "javascript"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML holds %q:\n%s", bad, h)
		}
	}
}

func TestDataSummary(t *testing.T) {
	f, err := data.ReadCSV(strings.NewReader("x,c,b,y\n1,a,yes,0\n2,b,no,1\n,a,yes,1\n5,a,,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.Summarize(f, "y")
	if err != nil {
		t.Fatal(err)
	}
	o := DataSummary(s)
	for _, want := range []string{"<table", "<caption>4 rows × 4 columns<br>target &quot;y&quot; balance: 1: 3 (75.0%), 0: 1 (25.0%)</caption>",
		"<th>missing</th>", "<th>top values</th>", "<td>2.667</td>", "<td>a (3), b (1)</td>"} {
		if !strings.Contains(o.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, o.HTML)
		}
	}
	if strings.Count(o.HTML, "<tr>") != 1+4 || o.Text != s.Text() {
		t.Errorf("a header and 4 lines, Text as fallback:\n%s", o.HTML)
	}
	evil, err := data.ReadCSV(strings.NewReader("<b>name</b>,v\n<script>,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err = data.Summarize(evil, "")
	if err != nil {
		t.Fatal(err)
	}
	if h := DataSummary(s).HTML; strings.Contains(h, "<script>") || strings.Contains(h, "<b>") || !strings.Contains(h, "&lt;b&gt;name&lt;/b&gt;") {
		t.Errorf("HTML not escaped:\n%s", h)
	}
	if o := DataSummary(nil); o.HTML != "" || o.Text == "" {
		t.Errorf("nil summary: %+v", o)
	}
}

func TestRolesTable(t *testing.T) {
	evil := `<script>alert(1)</script>`
	f := columnsFrame(t, nil, evil, []string{"a", "b"}, "x", []string{"1", "2"})
	roles, err := data.InferRoles(f, "x")
	if err != nil {
		t.Fatal(err)
	}
	o := RolesTable(roles)
	h := o.HTML
	if !strings.Contains(h, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("not escaped:\n%s", h)
	}
	noExternal(t, h)
	for _, want := range []string{`<table class="glassbox-roles"`, ">reason / 说明</th>", "目标列", roleColours[data.RoleTarget], esc(roles.Usage())} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	if strings.Count(h, "<tr>") != 1+2 || o.Text != roles.Text() {
		t.Errorf("a header and 2 lines, Text as fallback:\n%s", h)
	}
}

func TestQualityTable(t *testing.T) {
	evil := `<script>alert(1)</script>`
	missingFirst := func(n, m int) []string {
		return cellsOf(n, func(i int) string {
			if i < m {
				return "NA"
			}
			return strconv.Itoa(i % 7)
		})
	}
	f := columnsFrame(t, data.Schema{"day": data.Date},
		evil, cellsOf(30, func(int) string { return "same" }),
		"b", missingFirst(30, 1),
		"a", missingFirst(30, 20),
		"day", cellsOf(30, func(i int) string { return fmt.Sprintf("2024-02-%02d", i%28+1) }),
		"z", cellsOf(30, func(i int) string { return strconv.Itoa(i % 2) }))
	q, err := data.Check(f, data.CheckOptions{Target: "z"})
	if err != nil {
		t.Fatal(err)
	}
	o := QualityTable(q)
	h := o.HTML
	if !strings.Contains(h, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("not escaped:\n%s", h)
	}
	noExternal(t, h)
	for _, want := range []string{`<table class="glassbox-quality"`, "30 rows × 5 columns: 2 critical, 0 warning, 1 info</caption>",
		">severity / 级别</th>", "critical 严重", "#fdecea", "info 提示", "20 of 30 values (66.7%) are missing"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	// The lines in the findings' order: most severe first, then frame order.
	if i, a, b := strings.Index(h, "&lt;script&gt;"), strings.Index(h, ">a</td>"), strings.Index(h, ">b</td>"); !(0 <= i && i < a && a < b) {
		t.Errorf("lines out of order:\n%s", h)
	}
	if strings.Count(h, "<tr>") != 1+len(q.Findings) || o.Text != q.Text() {
		t.Errorf("a header and a line per finding, Text as fallback:\n%s", h)
	}
	table := &data.Quality{Rows: 3, Columns: 1, Findings: []data.Finding{{Severity: data.SeverityWarning, Check: "duplicates", Message: "m", MessageZH: "重复"}}}
	if h := QualityTable(table).HTML; !strings.Contains(h, ">(table)</td>") || !strings.Contains(h, "warning 警告") {
		t.Errorf("table-wide finding:\n%s", h)
	}
	if o := QualityTable(nil); o.HTML != "" || o.Text == "" {
		t.Errorf("nil quality: %+v", o)
	}
}

// TestDataTablesHostileNames: a column named like an HTML tag with a
// handler and a category holding '&' reach every view escaped.
func TestDataTablesHostileNames(t *testing.T) {
	const name = `<img src=x onerror=alert(1)>`
	const escaped = `&lt;img src=x onerror=alert(1)&gt;`
	f := columnsFrame(t, nil,
		name, cellsOf(40, func(i int) string { return []string{"C&D", "A", "B", "C&D", ""}[i%5] }), // missing: a finding on it
		"same", cellsOf(40, func(int) string { return "C&D" }),
		"y", cellsOf(40, func(i int) string { return strconv.Itoa(i % 2) }))
	s, err := data.Summarize(f, name)
	if err != nil {
		t.Fatal(err)
	}
	roles, err := data.InferRoles(f, "y")
	if err != nil {
		t.Fatal(err)
	}
	q, err := data.Check(f, data.CheckOptions{Target: "y"})
	if err != nil {
		t.Fatal(err)
	}
	for view, h := range map[string]string{"summary": DataSummary(s).HTML, "roles": RolesTable(roles).HTML, "quality": QualityTable(q).HTML} {
		if strings.Contains(h, "<img") || strings.Contains(h, "C&D") || !strings.Contains(h, "C&amp;D") {
			t.Errorf("%s: not escaped:\n%s", view, h)
		}
		noExternal(t, strings.ReplaceAll(h, escaped, "")) // the name itself, escaped, holds "src="
		if !strings.Contains(h, escaped) {
			t.Errorf("%s lacks the escaped column name:\n%s", view, h)
		}
	}
	if h := DataSummary(s).HTML; !strings.Contains(h, "target &quot;"+escaped+"&quot; balance: ") || !strings.Contains(h, "<td>C&amp;D (16), A (8), B (8)</td>") {
		t.Errorf("summary:\n%s", h)
	}
	if h := QualityTable(q).HTML; !strings.Contains(h, ">same</td>") || !strings.Contains(h, "&quot;C&amp;D&quot;") ||
		!strings.Contains(h, ">"+escaped+"</td>") {
		t.Errorf("quality: the constant column's value, the missing values' column:\n%s", h)
	}
}
