package kernel_test

import "github.com/glassbox-ml/glassbox/kernel"

// Outside a notebook, displays print their text fallback, so library code
// can display unconditionally.
func ExampleShow() {
	kernel.Show(kernel.Output{
		HTML: "<table><tr><td>accuracy</td><td>0.91</td></tr></table>",
		Text: "accuracy 0.91",
	})
	// Output: accuracy 0.91
}

// A Live output is redrawn in place in a notebook; in a terminal only its
// final state is printed.
func ExampleLive() {
	bar := kernel.NewLive()
	for epoch := 1; epoch <= 3; epoch++ {
		bar.Update(kernel.Output{HTML: "<progress>", Text: "training…"})
	}
	bar.Finish(kernel.Output{Text: "trained 3 epochs"})
	// Output: trained 3 epochs
}
