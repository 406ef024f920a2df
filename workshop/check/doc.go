// Package check holds the self-checks of the GlassBox workshop
// (notebooks/workshop): small functions that compare a learner's answer with
// the right one, computed in the notebook from the data, and print one line
// a learner can act on:
//
//	✅ missing incomes: right (37)
//	❌ missing incomes: 0 is still the placeholder — count the empty cells of income (f.MissingCount)
//	❌ share who bought: 0.9 is too large — divide the buyers by all customers
//
// Equal compares values of any comparable type, Near numbers within a
// tolerance, SameSet lists of strings in any order, and True any condition
// the notebook computes. Each returns whether the answer was right.
//
// Lang chooses the language of the fixed words ("en", the default, or
// "zh"); the hint is printed as given, so a notebook passes hints in its own
// language. In a GoNB notebook every cell is a new process, so a Chinese
// notebook sets the language in a function GoNB runs before every later cell:
//
//	func init_check() { check.Lang = "zh" }
//
// A check never panics: the zero value of an unfilled exercise (0, "", nil,
// NaN) is reported as not answered yet, with the hint.
package check
