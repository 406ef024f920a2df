package explain

import "fmt"

// featureNames returns the names of cols input columns: given (the option
// named option) when set, else the model's own (Described), else x0, x1, ….
func featureNames(m Model, given []string, cols int, option string) ([]string, error) {
	names, source := given, option
	if names == nil {
		if d, ok := m.(Described); ok {
			names, source = d.FeatureNames(), "the model's FeatureNames()"
		}
	}
	if names == nil {
		return defaultNames("x", cols), nil
	}
	if len(names) != cols {
		return nil, fmt.Errorf("explain: %s has %d names for %d columns", source, len(names), cols)
	}
	return names, nil
}

// outputNames returns the names of k model outputs: given when set, else
// the model's own (Described), else y0, y1, ….
func outputNames(m Model, given []string, k int, option string) ([]string, error) {
	names, source := given, option
	if names == nil {
		if d, ok := m.(Described); ok {
			names, source = d.OutputNames(), "the model's OutputNames()"
		}
	}
	if names == nil {
		return defaultNames("y", k), nil
	}
	if len(names) != k {
		return nil, fmt.Errorf("explain: %s has %d names; the model has %d outputs", source, len(names), k)
	}
	return names, nil
}

// categoryLabels returns the category names of cols input columns: given
// when set, else the model's own (Categorized), else nil (all numeric).
func categoryLabels(m Model, given [][]string, cols int, option string) ([][]string, error) {
	labels, source := given, option
	if labels == nil {
		if c, ok := m.(Categorized); ok {
			labels, source = c.CategoryLabels(), "the model's CategoryLabels()"
		}
	}
	if labels != nil && len(labels) != cols {
		return nil, fmt.Errorf("explain: %s has %d entries for %d columns", source, len(labels), cols)
	}
	return labels, nil
}

func defaultNames(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}
