package explain

import (
	"fmt"
	"strings"
)

// criteria turns the scorecard's numbers into table lines with their pass
// thresholds. Thresholds are rules of thumb for analysts, not statistical
// tests: additivity is exact for every explainer here, so anything above
// 1e-6 signals a bug or a numerical problem; the others follow common
// practice in the explainability literature.
func (s *Scorecard) criteria() []Criterion {
	atLeast := func(name string, v, min float64, meaning string) Criterion {
		return Criterion{Name: name, Value: v, Threshold: fmt.Sprintf("≥ %.2f", min), Pass: v >= min, Meaning: meaning}
	}
	k := s.TopK
	c := []Criterion{
		{Name: "SHAP additivity error", Value: s.AdditivityError, Threshold: "≤ 1e-06", Pass: s.AdditivityError <= 1e-6,
			Meaning: "The feature contributions add up to the model's prediction, as SHAP promises."},
		atLeast("LIME fidelity (weighted R²)", s.LIMEFidelity, 0.5,
			"How well LIME's simple local model imitates the real model near each row; low means LIME's story is rough."),
		atLeast(fmt.Sprintf("SHAP stability, top-%d overlap", k), s.SHAPStabilityJaccard, 0.8,
			"Rerunning SHAP with another random seed names the same most important features."),
		atLeast("SHAP stability, rank correlation", s.SHAPStabilitySpearman, 0.9,
			"Rerunning SHAP with another random seed orders the features the same way."),
		atLeast(fmt.Sprintf("LIME stability, top-%d overlap", k), s.LIMEStabilityJaccard, 0.6,
			"Rerunning LIME with another random seed names the same most important features."),
		atLeast("LIME stability, rank correlation", s.LIMEStabilitySpearman, 0.7,
			"Rerunning LIME with another random seed orders the features the same way."),
		{Name: "Deletion area (SHAP order)", Value: s.Deletion.Area, Threshold: fmt.Sprintf("< %.3f (random order)", s.Deletion.RandomArea),
			Pass:    s.Deletion.Area < s.Deletion.RandomArea,
			Meaning: "Removing the features SHAP says support the prediction most pulls it back toward average faster than removing features at random."},
		{Name: "Insertion area (SHAP order)", Value: s.Insertion.Area, Threshold: fmt.Sprintf("> %.3f (random order)", s.Insertion.RandomArea),
			Pass:    s.Insertion.Area > s.Insertion.RandomArea,
			Meaning: "Adding the features SHAP says support the prediction most to an average row rebuilds the prediction faster than adding features at random."},
		atLeast("SHAP–LIME agreement, rank correlation", s.AgreementSpearman, 0.5,
			"Two different explanation methods broadly agree on which features matter for each row."),
		atLeast(fmt.Sprintf("SHAP–LIME agreement, top-%d overlap", k), s.AgreementJaccard, 0.5,
			"Two different explanation methods name the same most important features for each row."),
	}
	if s.GroundTruthSpearman != nil {
		c = append(c,
			atLeast("Ground truth, importance rank correlation", *s.GroundTruthSpearman, 0.8,
				"SHAP's overall feature ranking matches the known true effects of the data."),
			atLeast("Ground truth, effect direction agreement", *s.GroundTruthSign, 0.9,
				"For features with a known effect, SHAP shows it pushing the prediction the right way."))
	}
	return c
}

// status is "pass" or "warn".
func (c Criterion) status() string {
	if c.Pass {
		return "pass"
	}
	return "warn"
}

// Text renders the scorecard as a plain-text table: criterion, value,
// threshold, pass/warn, meaning.
func (s *Scorecard) Text() string {
	if s == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Transparency scorecard: %s SHAP and LIME, output %d, %d rows × %d features\n", s.Method, s.Output, s.Rows, s.Features)
	width := len("criterion")
	for _, c := range s.Criteria {
		width = max(width, len([]rune(c.Name)))
	}
	fmt.Fprintf(&b, "%s  %10s  %-24s  %-4s  %s\n", pad("criterion", width), "value", "threshold", "", "meaning")
	for _, c := range s.Criteria {
		fmt.Fprintf(&b, "%s  %10.4g  %s  %-4s  %s\n", pad(c.Name, width), c.Value, pad(c.Threshold, 24), c.status(), c.Meaning)
	}
	return b.String()
}

// pad right-pads s with spaces to n runes.
func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-len([]rune(s))))
}
