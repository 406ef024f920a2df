package ml

import (
	"fmt"
	"slices"
)

// SetNames names the model's input columns and outputs; explainers read
// them (FeatureNames and OutputNames satisfy explain.Described). Train and
// Load name a run's model after its encoded features and its target. A nil
// slice leaves that side unnamed; a length that does not fit the compiled
// model is an error.
func (m *Sequential) SetNames(features, outputs []string) error {
	if !m.compiled {
		return fmt.Errorf("ml: SetNames: the model is not compiled: call Compile first")
	}
	if features != nil && len(features) != m.inputDim {
		return fmt.Errorf("ml: SetNames: %d feature names for %d inputs", len(features), m.inputDim)
	}
	if outputs != nil && len(outputs) != m.OutputDim() {
		return fmt.Errorf("ml: SetNames: %d output names for %d outputs", len(outputs), m.OutputDim())
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.featureNames, m.outputNames = slices.Clone(features), slices.Clone(outputs)
	return nil
}

// FeatureNames names the model's input columns (nil when unnamed).
func (m *Sequential) FeatureNames() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.featureNames)
}

// OutputNames names the model's outputs (nil when unnamed).
func (m *Sequential) OutputNames() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.outputNames)
}

// OutputNames names the run's model outputs after the target: "P(buys)"
// for a binary target whose positive class is 1, true or yes, else
// "P(buys=gold)"; "P(segment=gold)" per class for a multi-class target;
// the target's name for regression. nil for a run without a data
// configuration (written by Sequential.Fit).
func (r *Run) OutputNames() []string {
	d := r.Config.Data
	if d == nil {
		return nil
	}
	n := r.Config.OutputDim
	if n == 1 && len(d.Classes) != 2 {
		return []string{d.Target}
	}
	if n == 1 {
		switch d.Classes[1] {
		case "1", "true", "True", "TRUE", "yes", "Yes", "YES":
			return []string{"P(" + d.Target + ")"}
		}
		return []string{"P(" + d.Target + "=" + d.Classes[1] + ")"}
	}
	names := make([]string, n)
	for i := range names {
		class := fmt.Sprint(i)
		if i < len(d.Classes) {
			class = d.Classes[i]
		}
		names[i] = "P(" + d.Target + "=" + class + ")"
	}
	return names
}

// nameModel names the run's model after its encoded features and its
// target (see SetNames).
func (r *Run) nameModel() error {
	if r.Config.Data == nil {
		return nil
	}
	return r.Model.SetNames(r.Config.Data.Features, r.OutputNames())
}

// FeatureNames names the raw model's inputs: the run's original columns.
func (m *RawModel) FeatureNames() []string { return m.run.Columns() }

// OutputNames names the raw model's outputs after the target.
func (m *RawModel) OutputNames() []string { return m.run.OutputNames() }

// CategoryLabels names the category codes of the raw model's inputs (see
// Run.CategoryLabels).
func (m *RawModel) CategoryLabels() [][]string { return m.run.CategoryLabels() }
