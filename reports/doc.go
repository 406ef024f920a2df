// Package reports shows models and their explanations to people: the views
// of training in a notebook, the charts, and — as it is built — the
// self-contained HTML report. It composes packages ml and explain; they
// compute, reports shows.
//
// Watching training in a notebook is an ml.Observer: Training draws the
// progress bar and the live loss and metric curves in one output area,
// ProgressBar the bar alone, TrainingCurves the curves alone:
//
//	run, err := ml.Train(f, "buys", ml.TrainOptions{Progress: reports.Training()})
//
// From data on disk: Curves draws a History's curves, Runs compares the run
// directories matching a glob, Histograms shows how a run's weights moved.
//
// Explanations (any explain.Explanation): Waterfall and ForcePlot (one row,
// from the base value to f(x); LIME's conditions and fidelity),
// IntegratedGradients (a waterfall with the completeness gap), Importance
// (mean |value| with standard-error whiskers), Beeswarm, Dependence
// (coloured by the strongest interacting feature), DecisionPlot (each row's
// path from its base value to f(x) through the features),
// AttributionHeatmap (rows × features) and Agreement (two explanations of
// the same rows against each other, Kernel vs Permutation SHAP or SHAP vs
// LIME, with their rank correlations).
//
// Multi-output models: every explanation chart takes the output k it draws,
// one output per chart — loop over e.Outputs() for a panel per output.
//
// Global views: PartialDependence (the average over ICE curves, a rug of the
// feature's values, categories as points) and PermutationImportance (mean
// drop with ±1 standard-deviation whiskers).
//
// The HTML views of results whose types live in ml, ml/data and explain,
// which keep data, JSON/CSV and Text only: ExplanationTable, ScorecardTable
// (the transparency scorecard as a visual table), MetricsTable and
// ModelSummary; for a table before training, DataSummary (data.Summarize),
// RolesTable (data.InferRoles) and QualityTable (data.Check's findings,
// in English and Chinese):
//
//	kernel.Show(reports.MetricsTable(run.MetricsTable()))
//	kernel.Show(reports.ScorecardTable(card))
//	kernel.Show(reports.QualityTable(q))
//
// Model quality, from labels and predictions: Confusion, ROC, PrecisionRecall,
// Calibration, ScoreDistributions, and for regression PredictedVsActual and
// Residuals; Quality(run, frame) picks the set for the run's task.
//
// The charts are SVG built by the small chart layer of this package
// (Chart, Heatmap, BarChart, SegmentChart, Scatter, CellGrid, Matrix, Note,
// Grid): self-contained (no scripts, no ids, no external
// references), deterministic, with tooltips as <title> elements and fonts
// that render Chinese. Every text a view shows comes from the data or the
// caller and is escaped for HTML or XML.
//
// The charts drawn from Chart, BarChart, Scatter and Matrix panels (the
// curves, importance, beeswarm, dependence, waterfall and quality charts)
// also carry their interactive form in kernel.Output.ECharts: an ECharts
// option built from the same panels with go-echarts' option types, laid out
// like the SVG. kernel.Show and the HTML report show it over the SVG when
// ECharts is installed (internal/echarts); the SVG remains the fallback.
package reports
