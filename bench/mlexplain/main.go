// Command mlexplain measures Kernel SHAP on a model of package ml — the
// reference network trained on the breast-cancer data (30 features) — with
// 1 and 2 workers, so the cost of explaining GlassBox's own models, and
// their concurrent Predict, is on record.
//
//	go run -tags=noxla ./bench/mlexplain -rows 40 -samples 1024 -repeats 3
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

func main() {
	rows := flag.Int("rows", 40, "rows explained")
	samples := flag.Int("samples", 1024, "Kernel SHAP coalitions per row")
	repeats := flag.Int("repeats", 3, "timed repeats per worker count")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to `FILE`")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench/mlexplain:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*rows, *samples, *repeats); err != nil {
		fmt.Fprintln(os.Stderr, "bench/mlexplain:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(rows, samples, repeats int) error {
	f, err := datasets.BreastCancer()
	if err != nil {
		return err
	}
	r, err := ml.Train(f, "target", ml.TrainOptions{Seed: 7, Quiet: true})
	if err != nil {
		return err
	}
	X, err := r.Pipeline.Transform(f)
	if err != nil {
		return err
	}
	background, weights, err := explain.KMeans(X, 20, 7)
	if err != nil {
		return err
	}
	fmt.Printf("backend %s; %d cores; %d rows × %d features, background 20, %d coalitions\n",
		ml.BackendInfo(""), runtime.NumCPU(), rows, len(X[0]), samples)
	fmt.Println("| workers | median s | model rows / s | CPU s (median) |")
	fmt.Println("|---|---|---|---|")
	for _, workers := range []int{1, 2} {
		k, err := explain.NewKernel(r.Model, background, explain.Options{Seed: 1, BackgroundWeights: weights, Workers: workers, Samples: samples})
		if err != nil {
			return err
		}
		var times, cpus []float64
		var evals int64
		for range repeats {
			start, cpu0 := time.Now(), cpuSeconds()
			e, err := k.Explain(X[:rows])
			if err != nil {
				return err
			}
			times = append(times, time.Since(start).Seconds())
			cpus = append(cpus, cpuSeconds()-cpu0)
			evals = e.Evaluations
		}
		slices.Sort(times)
		slices.Sort(cpus)
		med := times[len(times)/2]
		fmt.Printf("| %d | %.3f | %.0f | %.3f |\n", workers, med, float64(evals)/med, cpus[len(cpus)/2])
	}
	return nil
}

// cpuSeconds is the process's user and system CPU time: on a shared machine
// it varies less with the load than the wall time does.
func cpuSeconds() float64 {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e9
}
