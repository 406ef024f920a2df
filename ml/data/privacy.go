package data

import (
	"errors"
	"fmt"
	"slices"
)

// MinKeyBytes is the shortest key Frame.Pseudonymise accepts.
const MinKeyBytes = 16

// Pseudonymise returns a copy of f in which the named columns hold keyed
// tokens (the function Pseudonymise: "p_" + 64 bits of HMAC-SHA-256) in
// place of their values; missing cells stay missing. The columns become
// Categorical and no longer count as personal data for DetectPersonal,
// InferRoles and Check: equal values keep equal tokens, so a column of few
// distinct people (a sales rep) can still be a feature, while a column of
// one value per row stays an identifier — and no raw value reaches a run
// directory, an explanation or a report. key must have at least
// MinKeyBytes bytes and must be kept secret: with it, anyone can test a
// guessed value.
func (f *Frame) Pseudonymise(key []byte, columns ...string) (*Frame, error) {
	if f == nil {
		return nil, errors.New("data: Pseudonymise of a nil frame")
	}
	if len(key) < MinKeyBytes {
		return nil, fmt.Errorf("data: Pseudonymise: the key has %d bytes; use at least %d random bytes (e.g. `openssl rand -hex 32`)", len(key), MinKeyBytes)
	}
	g := *f
	g.kinds, g.cols = slices.Clone(f.kinds), slices.Clone(f.cols)
	for _, name := range columns {
		c, err := f.column(name)
		if err != nil {
			return nil, fmt.Errorf("data: Pseudonymise: %w", err)
		}
		col := column{codes: make([]int32, f.rows), tokens: true}
		index := map[string]int32{}
		for r := range f.rows {
			text := f.cellText(c, r)
			if text == "" {
				col.codes[r] = -1
				continue
			}
			token := Pseudonymise(key, text)
			code, ok := index[token]
			if !ok {
				code = int32(len(col.dict))
				index[token] = code
				col.dict = append(col.dict, token)
			}
			col.codes[r] = code
		}
		g.kinds[c], g.cols[c] = Categorical, col
		// A warning quotes cells: none of a pseudonymised column stays.
		g.warnings = slices.DeleteFunc(slices.Clone(g.warnings), func(w Warning) bool { return w.Column == name })
	}
	return &g, nil
}

// PersonalColumns returns, in frame order, the columns DetectPersonal finds:
// what "pseudonymise everything personal" means.
func PersonalColumns(f *Frame) []string {
	found := DetectPersonal(f)
	var out []string
	for _, name := range f.Names() {
		if _, ok := found[name]; ok {
			out = append(out, name)
		}
	}
	return out
}
