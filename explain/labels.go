package explain

import "fmt"

// featureNames returns the names of cols input columns: given (the option
// named option) when set, else the model's own (Described), else x0, x1, ….
func featureNames(m Model, given []string, cols int, option string) ([]string, error) {
	return names(m, given, cols, option, "x", "columns", "FeatureNames()", Described.FeatureNames)
}

// outputNames returns the names of k model outputs: given when set, else
// the model's own (Described), else y0, y1, ….
func outputNames(m Model, given []string, k int, option string) ([]string, error) {
	return names(m, given, k, option, "y", "outputs", "OutputNames()", Described.OutputNames)
}

// names is featureNames and outputNames: n names of what (columns or
// outputs), from the option, the model (its method ownName), or prefix0,
// prefix1, ….
func names(m Model, given []string, n int, option, prefix, what, ownName string, own func(Described) []string) ([]string, error) {
	names, source := given, option
	if d, ok := m.(Described); ok && names == nil {
		names, source = own(d), "the model's "+ownName
	}
	if names == nil {
		return defaultNames(prefix, n), nil
	}
	if len(names) != n {
		return nil, fmt.Errorf("explain: %s has %d names for %d %s", source, len(names), n, what)
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
