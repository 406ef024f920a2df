// Package explain attributes the predictions of any Model to its input
// features: Shapley values (exact, Kernel SHAP, permutation, closed-form
// linear), LIME, global views and gradient attributions.
//
// # Shapley values
//
// For a row x, a background data set {b} with weights w_b (equal unless
// Options.BackgroundWeights says otherwise) and a set S of players
// (features, or groups of columns given by Options.Groups), the value of
// the coalition S is the interventional expectation
//
//	v(S) = link( Σ_b w_b · f(x_S, b_S̄) ),
//
// the model evaluated with the columns of S taken from x and the others
// from the background row. The Shapley value of player i is
//
//	φ_i = Σ_{S ⊆ N∖{i}} |S|!(M−|S|−1)!/M! · (v(S∪{i}) − v(S)),
//
// and the values are efficient: Σ_i φ_i + v(∅) = v(N) = link(f(x)), with
// the base value v(∅) = link(E_b[f(b)]). The link is the identity by
// default; with Options.Link = "logit" a probability output is explained
// in log-odds (the values add up to logit f(x)).
//
// NewExact evaluates all 2^M coalitions (M ≤ 20). NewKernel solves Kernel
// SHAP's weighted least squares with efficiency imposed exactly,
// enumerating every coalition when the budget allows (M ≤ 11 by default),
// so that it equals Exact there. NewPermutation averages antithetic
// passes over orderings, exact for models with at most pairwise
// interactions, and reports standard errors. NewLinear computes the
// closed form W·(x − E[b]) for a LinearModel. All of them are efficient to
// rounding for every row.
//
// Rows are explained in parallel (Options.Workers, default all cores),
// model rows are sent to Predict in batches of at most
// Options.MaxBatchRows, and the background's predictions are made once,
// when the explainer is built. Every random choice for row r comes from a
// generator seeded by (Options.Seed, r): the same seed gives the same
// values on every call, whatever the number of workers.
//
// Bad input — rows of the wrong width, NaN or infinite values, an empty
// background, a model that errs, panics or answers with the wrong shape —
// is reported as an error that names the row, column or argument.
//
// SampleBackground and KMeans reduce a large data set to a small,
// optionally weighted background, which the cost is proportional to.
//
// An Explanation holds Values[row][feature][output] and
// BaseValues[row][output] with the explained rows and the method; it
// ranks features (MeanAbs, Ranking, TopK), exports JSON and CSV, and
// renders as text or as a self-contained HTML fragment for notebooks.
package explain
