// Package metrics scores predictions against targets. It is the one
// implementation of every metric GlassBox reports: ml uses it for training
// logs, evaluation and metrics.json; explain uses it for permutation
// importance. Both therefore give the same answer for the same numbers.
//
// Two shapes of input:
//
//   - Classification: y holds class indices 0, 1, …, k−1 (one per row) and p
//     holds the predicted probabilities, rows × outputs: one column P(y = 1)
//     for a binary classifier, or one column per class.
//   - Regression: y and p are rows × outputs; every metric is averaged over
//     the outputs.
//
// Empty input, ragged rows, non-finite values and class indices that do not
// fit are errors. A metric that is undefined for valid input (AUC when one
// class is absent, R² on constant targets) returns an error wrapping
// ErrUndefined, so callers can tell "cannot be computed here" from "wrong
// input".
package metrics
