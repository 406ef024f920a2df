package ml

import (
	"fmt"
	"math"
	"strings"
)

// MetricsTable is a run's metrics as a table: a row per split (train,
// validation, test), a column per metric of the task. reports.MetricsTable
// renders it as HTML.
type MetricsTable struct {
	Task    Task
	Metrics map[string]Metrics
}

// MetricsTable returns the run's metrics.json as a table for display.
func (r *Run) MetricsTable() MetricsTable {
	return MetricsTable{Task: r.Config.Task, Metrics: r.Metrics}
}

var splits = []string{"train", "validation", "test"}

// Splits returns the table's rows: train, validation, test.
func (t MetricsTable) Splits() []string { return append([]string(nil), splits...) }

// Columns returns the table's columns: the metrics of the task, in order.
func (t MetricsTable) Columns() []string { return t.Task.metricNames() }

// Cell formats one value: 4 decimals, "—" when absent or undefined.
func (t MetricsTable) Cell(split, name string) string {
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
			fmt.Fprintf(&b, " %10s", t.Cell(s, n))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
