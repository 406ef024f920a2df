// Package reports shows models and their explanations to people: the views
// of training in a notebook, and — as they are built — the charts and the
// self-contained HTML report. It composes packages ml and explain; they
// compute, reports shows.
//
// Watching training in a notebook is an ml.Observer:
//
//	run, err := ml.Train(f, "buys", ml.TrainOptions{Progress: reports.ProgressBar()})
//
// Every text a view shows comes from the data or the caller and is escaped
// for HTML.
package reports
