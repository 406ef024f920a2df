package explain

import "github.com/glassbox-ml/glassbox/internal/numfmt"

// formatNumber writes a feature value the way an analyst reads a table
// (numfmt.Table: 0.1234, 70.79, 59,300, 56,925.5).
func formatNumber(v float64) string { return numfmt.Table(v) }
