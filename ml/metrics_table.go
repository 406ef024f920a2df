package ml

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// MetricsTable is a run's metrics as a table: a row per split (train,
// validation, test), a column per metric of the task.
type MetricsTable struct {
	Task    Task
	Metrics map[string]Metrics
}

// MetricsTable returns the run's metrics.json as a table for display.
func (r *Run) MetricsTable() MetricsTable {
	return MetricsTable{Task: r.Config.Task, Metrics: r.Metrics}
}

var splits = []string{"train", "validation", "test"}

// cell formats one value: 4 decimals, "—" when absent or undefined.
func (t MetricsTable) cell(split, name string) string {
	v, ok := t.Metrics[split][name]
	if !ok || math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.4f", v)
}

// Text renders the table in plain text.
func (t MetricsTable) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s", "")
	names := t.Task.metricNames()
	for _, n := range names {
		fmt.Fprintf(&b, " %10s", n)
	}
	b.WriteByte('\n')
	for _, s := range splits {
		fmt.Fprintf(&b, "%-12s", s)
		for _, n := range names {
			fmt.Fprintf(&b, " %10s", t.cell(s, n))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// HTML renders the table as an HTML table.
func (t MetricsTable) HTML() string {
	var b strings.Builder
	b.WriteString(`<table class="glassbox-metrics"><thead><tr><th></th>`)
	names := t.Task.metricNames()
	for _, n := range names {
		fmt.Fprintf(&b, "<th>%s</th>", html.EscapeString(n))
	}
	b.WriteString("</tr></thead><tbody>")
	for _, s := range splits {
		fmt.Fprintf(&b, "<tr><th>%s</th>", s)
		for _, n := range names {
			fmt.Fprintf(&b, `<td style="text-align:right">%s</td>`, t.cell(s, n))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}
