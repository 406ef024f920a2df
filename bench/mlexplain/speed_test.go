package main

import (
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
)

// The benchmarks time one worker explaining 10 rows of the breast-cancer
// network at run's budgets, for profiling the structured path:
//
//	go test -tags=noxla -run - -bench . -cpuprofile cpu.out ./bench/mlexplain
func benchmarkExplainer(b *testing.B, newExplainer func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error), samples func(M int) int) {
	r, X, background, err := network()
	if err != nil {
		b.Fatal(err)
	}
	ex, err := newExplainer(r.Model, background, explain.Options{Seed: 1, Samples: samples(len(X[0])), Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := ex.Explain(X[:10]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*10), "ms/row")
}

func BenchmarkKernel(b *testing.B) {
	benchmarkExplainer(b, explain.NewKernel, func(M int) int { return 2*M + 2048 })
}

func BenchmarkPermutation(b *testing.B) {
	benchmarkExplainer(b, explain.NewPermutation, func(M int) int { return 2 * ((2*M + 2048) / (2*M + 1)) })
}
