package explain

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// Merge joins explanations of consecutive parts of the same rows — shards
// explained with the same explainer settings and Options.FirstRow set to
// each part's first row — into the Explanation of all of them, in the order
// given: rows, base values, data, standard errors and surrogates are
// concatenated and evaluations added up. With the same seed the result is
// the one a single call would give. Parts that differ in method, names,
// groups, link, seed or categories are an error naming the first
// difference.
func Merge(parts ...*Explanation) (*Explanation, error) {
	if len(parts) == 0 {
		return nil, errors.New("explain: Merge of no explanations")
	}
	first := parts[0]
	if first == nil {
		return nil, errors.New("explain: Merge: part 1 is nil")
	}
	out := &Explanation{Method: first.Method, FeatureNames: first.FeatureNames, OutputNames: first.OutputNames,
		Groups: first.Groups, Link: first.Link, Seed: first.Seed, Categories: first.Categories}
	withSE, withSurrogates := first.StdErr != nil, first.Surrogates != nil
	for i, p := range parts {
		if p == nil {
			return nil, fmt.Errorf("explain: Merge: part %d is nil", i+1)
		}
		if err := sameKind(first, p); err != nil {
			return nil, fmt.Errorf("explain: Merge: part %d %w", i+1, err)
		}
		out.Values = append(out.Values, p.Values...)
		out.BaseValues = append(out.BaseValues, p.BaseValues...)
		out.Data = append(out.Data, p.Data...)
		out.Evaluations += p.Evaluations
		if withSE {
			out.StdErr = append(out.StdErr, p.StdErr...)
		}
		if withSurrogates {
			out.Surrogates = append(out.Surrogates, p.Surrogates...)
		}
	}
	out.Values, out.BaseValues, out.Data = slices.Clip(out.Values), slices.Clip(out.BaseValues), slices.Clip(out.Data)
	return out, nil
}

// sameKind reports the first difference between part p and part first that
// keeps them from being parts of one explanation: method, names, groups,
// link, seed, categories, or having standard errors or surrogates. Its
// message continues "part N …".
func sameKind(first, p *Explanation) error {
	for _, c := range []struct {
		what      string
		have, got any
	}{
		{"method", first.Method, p.Method}, {"feature names", first.FeatureNames, p.FeatureNames},
		{"output names", first.OutputNames, p.OutputNames}, {"groups", first.Groups, p.Groups},
		{"link", first.Link, p.Link}, {"seed", first.Seed, p.Seed}, {"categories", first.Categories, p.Categories},
		{"standard errors", first.StdErr != nil, p.StdErr != nil}, {"surrogates", first.Surrogates != nil, p.Surrogates != nil},
	} {
		if !reflect.DeepEqual(c.have, c.got) {
			return fmt.Errorf("differs from part 1 in its %s (%v, not %v)", c.what, c.got, c.have)
		}
	}
	return nil
}
