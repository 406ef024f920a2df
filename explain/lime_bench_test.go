package explain

import "testing"

// BenchmarkLIME explains one row of a linear model on 8 features with
// lime's defaults (5000 samples, quartile discretisation).
func BenchmarkLIME(b *testing.B) {
	train := gaussianData(1, 2000, make([]float64, 8), []float64{1, 2, 1, 3, 1, 1, 0.5, 1})
	l, err := NewLIME(linearModel([]float64{1, -2, 3, 0.5, 0, 1, 2, -1}, 0), train, LIMEOptions{Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Explain(train[:1]); err != nil {
			b.Fatal(err)
		}
	}
}
