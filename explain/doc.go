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
// Options.BatchSize, and the background's predictions are made once,
// when the explainer is built. Every random choice for row r comes from a
// generator seeded by (Options.Seed, r): the same seed gives the same
// values on every call, whatever the number of workers.
//
// # Long jobs
//
// Options.Progress (LIMEOptions.Progress) is a hook called as rows are
// explained, one call at a time: (0, total) at the start, then after
// every row. reports.ExplainProgress (ExplainProgressContext, for work a
// context may stop) draws it as a bar in a notebook cell,
// reports.TerminalProgress on a terminal or in a log. ExplainContext stops
// when its context is done: no row starts after that, the rows in flight
// finish (one per worker), and the error says how many rows were done and
// wraps context.Canceled. kernel.InterruptContext is the context a
// notebook's interrupt (or Ctrl-C) cancels.
//
// Stream explains X in blocks and hands each block's Explanation to a
// function as soon as it is done, in row order, with the random streams of
// one call, so that the values in memory are one block's whatever the
// number of rows. CSVWriter and JSONWriter append the blocks to one file,
// with the bytes WriteCSV and WriteJSON give for all the rows at once
// (JSON's fields after the values wait in temporary files), and Importance
// keeps the mean |value| of every feature. X itself is the caller's: the
// inputs of 100,000 rows × 30 columns are 24 MB.
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
// renders as text (Options.Categories makes it name category codes).
// Package reports draws explanations and the other results of this
// package as charts and HTML tables.
//
// # Self-describing models
//
// A Model may also be Described (FeatureNames, OutputNames) and
// Categorized (CategoryLabels), as the models of package ml are. Every
// explainer, LIME, the scorecard and the global views take those names
// whenever their options leave them empty, so
// explain.NewKernel(run.RawModel(), background, explain.Options{}) names
// the table's columns and "P(buys)" unasked; a name list whose length
// does not fit the model is an error.
//
// # LIME
//
// NewLIME follows marcotcr/lime's LimeTabularExplainer with its defaults:
// quartile discretisation of the training data, 5000 neighbourhood
// samples drawn bin by bin with the training frequencies, the kernel
// √exp(−d²/w²) with w = 0.75·√M, a ridge surrogate (α = 1) on the
// "same bin as the instance" indicators, auto feature selection and 10
// features. LIME is an Explainer like the others: its Explanation holds
// the surrogate's terms as Values, its intercept as BaseValues, and in
// Surrogates the kept features, their conditions ("income > 77"), the
// local prediction beside the model's and the fidelity (weighted R²), for
// every output (or those LIMEOptions.Outputs lists). Categorical columns
// are perturbed by category and described "name=category". Row i of a
// call draws from a stream seeded by (Seed, i) only, so explaining the
// same row twice gives the same answer.
//
// # Global views
//
// MeanAbs ranks features over many explained rows;
// PermutationFeatureImportance measures the drop of a Metric (Accuracy,
// AUC, LogLoss, MSE, R2) when one column is shuffled; PartialDependence
// returns the partial dependence curve and the ICE curves of one feature;
// Dependence pairs feature values with their SHAP values and suggests the
// feature they interact with most.
//
// # Gradient attributions
//
// For a GradientModel (the models of package ml implement it), Saliency
// returns |∂f/∂x|, InputTimesGradient x·∂f/∂x, and IntegratedGradients
// (x − x′)·∫₀¹ ∂f(x′ + α(x − x′))/∂x dα by Gauss–Legendre or trapezoid
// quadrature, together with its completeness gap
// |Σ attributions − (f(x) − f(x′))|.
//
// # Transparency scorecard
//
// NewScorecard runs a SHAP explainer and LIME on a set of rows and scores how
// far their explanations can be trusted: additivity, LIME fidelity,
// stability across seeds, deletion and insertion faithfulness curves,
// SHAP–LIME agreement and, given known effects, agreement with the ground
// truth — each line with a threshold and a sentence for the analyst.
package explain
