// Command mlexplain measures Kernel and Permutation SHAP on a model of
// package ml — the reference network trained by ml.Train on the
// breast-cancer data (30 features) — and writes the network's weights, the
// background and the rows, so that shap_peer.py explains the same function
// with shap in the same run (see run.sh).
//
// The background is 20 k-means centres of the encoded rows, equally
// weighted, on both sides. Errors are against a reference of 2,000
// antithetic permutations per row (GlassBox's Permutation explainer), the
// same reference for both sides, averaged over five seeds.
//
//	go run -tags=noxla ./bench/mlexplain -out bench/out/mlexplain
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/glassbox-ml/glassbox/bench/internal/measure"
	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// Case is what the peer reads: the network, its inputs and the budgets.
type Case struct {
	Weights     []ml.LayerWeights `json:"weights"`
	Background  [][]float64       `json:"background"`
	Rows        [][]float64       `json:"rows"`
	Reference   [][]float64       `json:"reference"` // [row][feature], P(malignant) explained
	Budget      int               `json:"budget"`    // Kernel coalitions = shap's nsamples
	Passes      int               `json:"passes"`    // antithetic permutation passes = shap's max_evals / (2M+1)
	Predictions []float64         `json:"predictions"`
}

// Result is one timed GlassBox configuration.
type Result struct {
	Method     string  `json:"method"`
	Workers    int     `json:"workers"`
	Seconds    float64 `json:"seconds"`     // median wall time for all rows
	CPUSeconds float64 `json:"cpu_seconds"` // median process CPU time
	PerRowMS   float64 `json:"per_row_ms"`
	ModelRows  int64   `json:"model_rows"` // per explained row
	MaxError   float64 `json:"max_error"`
	MeanError  float64 `json:"mean_error"`
}

func main() {
	out := flag.String("out", "bench/out/mlexplain", "output `DIR`")
	rows := flag.Int("rows", 40, "rows explained")
	repeats := flag.Int("repeats", 3, "timed repeats per configuration")
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
	if err := run(*out, *rows, *repeats); err != nil {
		fmt.Fprintln(os.Stderr, "bench/mlexplain:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// network trains the reference network on the breast-cancer table and
// returns it, the table's encoded rows and their 20 k-means centres (the
// background).
func network() (r *ml.Run, X, background [][]float64, err error) {
	f, err := datasets.BreastCancer()
	if err != nil {
		return nil, nil, nil, err
	}
	if r, err = ml.Train(f, "target", ml.TrainOptions{Seed: 7, Quiet: true, Backend: "go"}); err != nil {
		return nil, nil, nil, err
	}
	if X, err = r.Pipeline.Transform(f); err != nil {
		return nil, nil, nil, err
	}
	background, _, err = explain.KMeans(X, 20, 7)
	return r, X, background, err
}

func run(dir string, rows, repeats int) error {
	r, X, background, err := network()
	if err != nil {
		return err
	}
	M := len(X[0])
	c := Case{Background: background, Rows: X[:rows], Budget: 2*M + 2048}
	c.Passes = c.Budget / (2*M + 1)
	if c.Weights, err = r.Model.Weights(); err != nil {
		return err
	}
	P, err := r.Model.Predict(c.Rows)
	if err != nil {
		return err
	}
	for _, p := range P {
		c.Predictions = append(c.Predictions, p[0])
	}
	fmt.Printf("backend %s; %d cores; %d rows × %d features, background %d, Kernel budget %d, %d permutation passes\n",
		ml.BackendInfo(""), runtime.NumCPU(), rows, M, len(background), c.Budget, c.Passes)
	start := time.Now()
	ref, err := explainOnce(explain.NewPermutation, r.Model, c, explain.Options{Seed: 99, Samples: 4000})
	if err != nil {
		return err
	}
	for _, row := range ref.Values {
		v := make([]float64, M)
		for j := range v {
			v[j] = row[j][0]
		}
		c.Reference = append(c.Reference, v)
	}
	fmt.Printf("reference: 2,000 antithetic permutation passes per row in %.1f s\n", time.Since(start).Seconds())
	var results []Result
	for _, m := range []struct {
		name string
		new  func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error)
		o    explain.Options
	}{
		{"kernel", explain.NewKernel, explain.Options{Seed: 1, Samples: c.Budget}},
		{"permutation", explain.NewPermutation, explain.Options{Seed: 1, Samples: 2 * c.Passes}},
	} {
		for _, workers := range []int{1, 2} {
			o := m.o
			o.Workers = workers
			res, err := timed(m.name, m.new, r.Model, c, o, repeats)
			if err != nil {
				return err
			}
			results = append(results, res)
			fmt.Printf("%-12s %d worker(s): %.3f s (CPU %.3f s), %.2f ms/row, %d model rows/row, max/mean error %.2e / %.2e\n",
				res.Method, workers, res.Seconds, res.CPUSeconds, res.PerRowMS, res.ModelRows, res.MaxError, res.MeanError)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := measure.WriteJSON(filepath.Join(dir, "case.json"), c); err != nil {
		return err
	}
	return measure.WriteJSON(filepath.Join(dir, "glassbox.json"), map[string]any{"results": results, "go": runtime.Version(), "backend": ml.BackendInfo("")})
}

func explainOnce(newExplainer func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error), m explain.Model, c Case, o explain.Options) (*explain.Explanation, error) {
	ex, err := newExplainer(m, c.Background, o)
	if err != nil {
		return nil, err
	}
	return ex.Explain(c.Rows)
}

func timed(name string, newExplainer func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error), m explain.Model, c Case, o explain.Options, repeats int) (Result, error) {
	var times, cpus []float64
	var e *explain.Explanation
	for range repeats {
		start, cpu0 := time.Now(), measure.CPUTime().Seconds()
		var err error
		if e, err = explainOnce(newExplainer, m, c, o); err != nil {
			return Result{}, err
		}
		times = append(times, time.Since(start).Seconds())
		cpus = append(cpus, measure.CPUTime().Seconds()-cpu0)
	}
	slices.Sort(times)
	slices.Sort(cpus)
	res := Result{Method: name, Workers: o.Workers, Seconds: times[len(times)/2], CPUSeconds: cpus[len(cpus)/2]}
	res.PerRowMS = 1000 * res.Seconds / float64(len(c.Rows))
	res.ModelRows = e.Evaluations / int64(len(c.Rows))
	// Errors: the mean over seeds 1…5 of each run's max and mean |φ − ref|,
	// so that one lucky or unlucky seed decides nothing.
	for seed := range int64(errorSeeds) {
		o.Seed = seed + 1
		e, err := explainOnce(newExplainer, m, c, o)
		if err != nil {
			return Result{}, err
		}
		worst, sum, n := 0.0, 0.0, 0
		for i, row := range e.Values {
			for j := range row {
				d := math.Abs(row[j][0] - c.Reference[i][j])
				worst = max(worst, d)
				sum += d
				n++
			}
		}
		res.MaxError += worst / errorSeeds
		res.MeanError += sum / float64(n) / errorSeeds
	}
	return res, nil
}

// errorSeeds is how many seeds the errors are averaged over (shap_peer.py
// uses as many).
const errorSeeds = 5
