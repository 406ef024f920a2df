package explain

import (
	"fmt"
	"strings"
)

// Text renders the importances as a table, most important first:
// mean ± standard deviation of the metric's drop over the repeats.
func (p *PermutationImportance) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "permutation importance: drop in %s when a feature is shuffled (baseline %.4g, seed %d)\n", p.Metric, p.Baseline, p.Seed)
	for _, j := range decreasing(p.Mean) {
		fmt.Fprintf(&b, "%-28s %10.4g ± %.2g\n", clip(p.FeatureNames[j], 28), p.Mean[j], p.Std[j])
	}
	return b.String()
}

// Text renders the partial dependence curve as a table of grid values and
// averages.
func (r *PartialDependenceResult) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "partial dependence of output %d on %s (%d ICE curves)\n", r.Output, r.Name, len(r.ICE))
	fmt.Fprintf(&b, "%14s %14s\n", r.Name, "average f")
	for g, x := range r.Grid {
		fmt.Fprintf(&b, "%14.6g %14.6g\n", x, r.Average[g])
	}
	return b.String()
}
