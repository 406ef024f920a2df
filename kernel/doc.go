// Package kernel is GlassBox's bridge to Jupyter: it installs and launches
// the "Go (GlassBox)" kernel on top of GoNB, and it is how Go code shows
// rich output in a notebook cell.
//
// # Display
//
// GoNB runs every cell as a new process, so displays are plain function
// calls that send a MIME bundle to the kernel and wait until it has it:
//
//	kernel.HTML("<b>accuracy 0.91</b>", "accuracy 0.91")
//	kernel.Show(kernel.Output{SVG: chart, Text: "ROC curve, AUC 0.93"})
//
// Each Output carries its richest form and a text/plain fallback. Outside a
// notebook (the CLI, tests, a terminal) only the text is printed, so the same
// code serves both. An Output with SVG and an ECharts option is shown as an
// interactive chart over its SVG, the ECharts library inlined once per
// kernel session (see Interactive). A Live output is redrawn in place — progress bars and
// training curves — and keeps its final state in the saved notebook.
//
// Rendering stays out of this package: producers (ml, explain, reports)
// build strings and call Show.
//
// # Kernel
//
// Install writes a kernelspec whose command is "glassbox kernel run"; Launch
// sets up the cells' environment and then becomes GoNB:
//
//   - cells build in a go.work that uses the GlassBox module, so they import
//     its packages and its pinned dependencies (GoMLX, gonum, …) with no
//     `go get` and no network;
//   - the compute backend is XLA when a PJRT plugin is installed, else the
//     pure-Go backend, with cells built with -tags=noxla (ChooseBackend);
//   - cells run in the notebook's directory, the same for every cell and
//     after restarts, so run directories written by one cell are found by
//     the next.
//
// This package imports none of GlassBox's other packages but
// internal/echarts (finding ECharts, the chart's HTML); any of them may
// import it.
package kernel
