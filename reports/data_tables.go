package reports

import (
	"fmt"
	"strings"

	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml/data"
)

// This file holds the HTML views of package data's results — which keep
// their data, JSON and Text forms: DataSummary, RolesTable and
// QualityTable. Each returns a kernel.Output with a self-contained HTML
// table (inline styles, no scripts, no external resources; every name,
// value and reason escaped) and the result's Text as fallback.

// DataSummary renders a table's summary (data.Summarize) as an HTML table:
// its size and the target's class balance as caption, a line per column
// with its kind, missing and distinct counts, statistics and top values.
func DataSummary(s *data.Summary) kernel.Output {
	if s == nil {
		return kernel.Output{Text: "no summary"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<table class=\"glassbox-summary\">\n<caption>%d rows × %d columns", s.Rows, len(s.Columns))
	if line := s.BalanceLine(); line != "" {
		b.WriteString("<br>" + esc(line))
	}
	b.WriteString("</caption>\n<thead><tr>")
	header, rows := s.Table()
	for _, h := range header {
		b.WriteString("<th>" + esc(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		b.WriteString("<tr>")
		for _, cell := range r {
			b.WriteString("<td>" + esc(cell) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return kernel.Output{HTML: b.String(), Text: s.Text()}
}

// dataCell is the style of the cells of RolesTable and QualityTable.
const dataCell = `border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top`

// roleColours are the background colours of the role cells of RolesTable.
var roleColours = map[data.Role]string{
	data.RoleFeature: "#e8f5e9", data.RoleTarget: "#e3f2fd", data.RoleDate: "#e0f7fa",
	data.RoleIdentifier: "#fff8e1", data.RoleFreeText: "#fff8e1", data.RoleConstant: "#fff8e1", data.RolePersonal: "#fde7e9",
}

// RolesTable renders the column roles (data.InferRoles) as an HTML table:
// a line per column in frame order with its kind, its role on a coloured
// cell and the reason in English and Chinese, under a caption of how many
// columns are features and how many are set aside.
func RolesTable(r data.Roles) kernel.Output {
	var b strings.Builder
	b.WriteString(`<table class="glassbox-roles" style="border-collapse:collapse;font-family:sans-serif;font-size:13px">` + "\n")
	fmt.Fprintf(&b, `<caption style="text-align:left;padding:4px 0">%s</caption>`+"\n", esc(r.Usage()))
	b.WriteString("<thead><tr>")
	for _, h := range []string{"column", "kind", "role", "reason / 说明"} {
		fmt.Fprintf(&b, `<th style="%s">%s</th>`, dataCell, esc(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, c := range r {
		colour := roleColours[c.Role]
		if colour == "" {
			colour = "#fff"
		}
		fmt.Fprintf(&b, `<tr><td style="%s">%s</td><td style="%s">%s</td><td style="border:1px solid #ccc;padding:2px 6px;background:%s">%s</td><td style="%s">%s<br><span style="color:#555">%s</span></td></tr>`+"\n",
			dataCell, esc(c.Column), dataCell, esc(c.Kind.String()), colour, esc(string(c.Role)),
			dataCell, esc(c.Reason), esc(c.ReasonZH))
	}
	b.WriteString("</tbody>\n</table>\n")
	return kernel.Output{HTML: b.String(), Text: r.Text()}
}

// severityStyle colours a severity cell of QualityTable: background and
// text.
var severityStyle = map[data.Severity]string{
	data.SeverityCritical: "background:#fdecea;color:#b71c1c;font-weight:bold",
	data.SeverityWarning:  "background:#fff4e5;color:#8a5300",
	data.SeverityInfo:     "background:#e8f1fb;color:#0b4f8a",
}

// QualityTable renders data-quality findings (data.Check) as an HTML
// table, most severe first: a line per finding with its severity in
// English and Chinese on a coloured cell, the column ("(table)" for
// table-wide findings), the check and the message in English and Chinese,
// under a caption of the table's size and the counts per severity.
func QualityTable(q *data.Quality) kernel.Output {
	if q == nil {
		return kernel.Output{Text: "no data-quality findings"}
	}
	var b strings.Builder
	b.WriteString(`<table class="glassbox-quality" style="border-collapse:collapse;font-family:sans-serif;font-size:13px">` + "\n")
	fmt.Fprintf(&b, `<caption style="text-align:left;padding:4px 0">%s</caption>`+"\n", esc(q.Headline()))
	b.WriteString("<thead><tr>")
	for _, h := range []string{"severity / 级别", "column / 列", "check / 检查", "finding / 说明"} {
		fmt.Fprintf(&b, `<th style="%s">%s</th>`, dataCell, esc(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, f := range q.Findings {
		fmt.Fprintf(&b, `<tr><td style="%s;%s">%s %s</td><td style="%s">%s</td><td style="%s">%s</td><td style="%s">%s<br><span style="color:#555">%s</span></td></tr>`+"\n",
			dataCell, severityStyle[f.Severity], esc(f.Severity.String()), esc(f.Severity.StringZH()),
			dataCell, esc(f.ColumnLabel()), dataCell, esc(f.Check),
			dataCell, esc(f.Message), esc(f.MessageZH))
	}
	b.WriteString("</tbody>\n</table>\n")
	return kernel.Output{HTML: b.String(), Text: q.Text()}
}
