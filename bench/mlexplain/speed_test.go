package main

import (
	"sync"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// The benchmarks time one worker explaining 10 rows of the breast-cancer
// network at the default budgets, for profiling the structured path:
//
//	go test -tags=noxla -run - -bench . -cpuprofile cpu.out ./bench/mlexplain
var setup = sync.OnceValues(func() (*ml.Run, [][]float64) {
	f, err := datasets.BreastCancer()
	if err != nil {
		panic(err)
	}
	r, err := ml.Train(f, "target", ml.TrainOptions{Seed: 7, Quiet: true, Backend: "go"})
	if err != nil {
		panic(err)
	}
	X, err := r.Pipeline.Transform(f)
	if err != nil {
		panic(err)
	}
	return r, X
})

func benchmarkExplainer(b *testing.B, newExplainer func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error), samples func(M int) int) {
	r, X := setup()
	background, _, err := explain.KMeans(X, 20, 7)
	if err != nil {
		b.Fatal(err)
	}
	M := len(X[0])
	ex, err := newExplainer(r.Model, background, explain.Options{Seed: 1, Samples: samples(M), Workers: 1})
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
