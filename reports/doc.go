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
// Explanations (any explain.Explanation, output k): Waterfall (one row, from
// the base value to f(x); LIME's conditions and fidelity), Importance (mean
// |value| with standard-error whiskers), Beeswarm, Dependence (coloured by
// the strongest interacting feature) and AttributionHeatmap (rows ×
// features).
//
// Model quality, from labels and predictions: Confusion, ROC, PrecisionRecall,
// Calibration, ScoreDistributions, and for regression PredictedVsActual and
// Residuals; Quality(run, frame) picks the set for the run's task.
//
// The charts are SVG built by the small chart layer of this package
// (Chart, Heatmap, BarChart, Scatter, CellGrid, Matrix, Note, Grid): self-contained (no scripts, no ids, no external
// references), deterministic, with tooltips as <title> elements and fonts
// that render Chinese. Every text a view shows comes from the data or the
// caller and is escaped for HTML or XML.
package reports
