// Command explain benchmarks the Shapley explainers of package explain on
// a logistic regression and a small MLP and writes, for shap_peer.py, the
// functions' weights, background, explained rows and exact values.
//
//	go run ./bench/explain -out bench/out
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/glassbox-ml/glassbox/bench/internal/measure"
	"github.com/glassbox-ml/glassbox/explain"
)

// benchCase is one function to explain.
type benchCase struct {
	Name       string
	Features   int
	Hidden     int // 0: logistic regression
	Rows       int
	Background int
	// Budgets and permutation counts of the error-versus-budget sweep.
	KernelBudgets []int
	Permutations  []int
}

var cases = []benchCase{
	{Name: "logreg10", Features: 10, Rows: 100, Background: 32},
	{Name: "mlp16", Features: 16, Hidden: 32, Rows: 20, Background: 32,
		KernelBudgets: []int{64, 256, 1024, 2080, 8192, 16384},
		Permutations:  []int{2, 8, 32, 126, 512}},
}

// caseFile is what shap_peer.py reads: the function, the data and the
// reference (exact) values.
type caseFile struct {
	Name       string      `json:"name"`
	Model      *mlp        `json:"model"`
	Background [][]float64 `json:"background"`
	X          [][]float64 `json:"x"`
	Exact      [][]float64 `json:"exact"` // [row][feature]
	Base       float64     `json:"base"`
	// KernelBudget is the coalition budget of the Kernel runs (Go's default
	// 2M+2048 capped at 2^M−2), also passed to shap as nsamples and, for
	// the permutation explainers, as max_evals.
	KernelBudget int `json:"kernel_budget"`
}

// result is one timed run.
type result struct {
	Case       string  `json:"case"`
	Method     string  `json:"method"`
	Workers    int     `json:"workers"`
	Budget     int     `json:"budget"` // coalitions (kernel) or permutations
	Rows       int     `json:"rows"`
	Seconds    float64 `json:"seconds"`
	PerSecond  float64 `json:"explanations_per_second"`
	ModelRows  float64 `json:"model_rows_per_explanation"`
	InPredict  float64 `json:"seconds_in_predict"`
	Overhead   float64 `json:"overhead"` // 1 − InPredict/(Workers·Seconds)
	MaxAbsErr  float64 `json:"max_abs_err"`
	MeanAbsErr float64 `json:"mean_abs_err"`
}

// timed counts the time spent inside the wrapped model.
type timed struct {
	m  explain.Model
	ns atomic.Int64
}

func (t *timed) Predict(X [][]float64) ([][]float64, error) {
	start := time.Now()
	out, err := t.m.Predict(X)
	t.ns.Add(int64(time.Since(start)))
	return out, err
}

func main() {
	outDir := flag.String("out", "bench/out", "directory for the case files and results")
	only := flag.String("case", "", "run only this case (default: all)")
	profile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	workerList := flag.String("workers", "1,2", "worker counts of the timed runs at the default budget")
	sweep := flag.Bool("sweep", true, "also run the error-versus-budget sweep (2 workers)")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	var workers []int
	for _, f := range strings.Split(*workerList, ",") {
		w, err := strconv.Atoi(f)
		if err != nil || w < 1 {
			log.Fatalf("-workers: %q is not a positive count", f)
		}
		workers = append(workers, w)
	}
	var all []result
	for _, c := range cases {
		if *only != "" && c.Name != *only {
			continue
		}
		if !*sweep {
			c.KernelBudgets, c.Permutations = nil, nil
		}
		res, err := runCase(c, workers, *outDir)
		if err != nil {
			log.Printf("%s: %v", c.Name, err)
			return
		}
		all = append(all, res...)
	}
	if err := measure.WriteJSON(filepath.Join(*outDir, "explain_go.json"), all); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-9s %-12s %7s %7s %9s %10s %13s %9s %10s\n", "case", "method", "workers", "budget", "seconds", "expl/s", "model rows/ex", "overhead", "max |err|")
	for _, r := range all {
		fmt.Printf("%-9s %-12s %7d %7d %9.4f %10.1f %13.0f %8.1f%% %10.2e\n", r.Case, r.Method, r.Workers, r.Budget, r.Seconds, r.PerSecond, r.ModelRows, 100*r.Overhead, r.MaxAbsErr)
	}
}

func runCase(c benchCase, workers []int, outDir string) ([]result, error) {
	rng := rand.New(rand.NewPCG(2026, uint64(c.Features)))
	model := newMLP(rng, c.Features, c.Hidden)
	gauss := func(rows int) [][]float64 {
		m := make([][]float64, rows)
		for i := range m {
			m[i] = make([]float64, c.Features)
			for j := range m[i] {
				m[i][j] = rng.NormFloat64()
			}
		}
		return m
	}
	bg, X := gauss(c.Background), gauss(c.Rows)
	M := c.Features
	budget := min(2*M+2048, 1<<M-2)
	perms := 2 * (budget / (2*M + 1)) // shap: max_evals // (2M+1) antithetic passes

	var out []result
	var exact *explain.Explanation
	timeRun := func(method string, workers, b int, ctor func(explain.Model, [][]float64, explain.Options) (explain.Explainer, error)) (*explain.Explanation, error) {
		var best result
		var ex *explain.Explanation
		for rep := 0; rep < 3; rep++ {
			tm := &timed{m: model}
			x, err := ctor(tm, bg, explain.Options{Samples: b, Seed: 1, Workers: workers})
			if err != nil {
				return nil, err
			}
			tm.ns.Store(0) // the background's predictions belong to construction
			start := time.Now()
			ex, err = x.Explain(X)
			if err != nil {
				return nil, err
			}
			secs := time.Since(start).Seconds()
			r := result{Case: c.Name, Method: method, Workers: workers, Budget: b, Rows: c.Rows, Seconds: secs,
				PerSecond: float64(c.Rows) / secs, ModelRows: float64(ex.Evaluations) / float64(c.Rows),
				InPredict: float64(tm.ns.Load()) / 1e9}
			r.Overhead = 1 - r.InPredict/(float64(workers)*secs)
			if rep == 0 || r.Seconds < best.Seconds {
				best = r
			}
			if secs > 2 {
				break
			}
		}
		if exact != nil {
			best.MaxAbsErr, best.MeanAbsErr = compare(ex, exact)
		}
		out = append(out, best)
		return ex, nil
	}
	for _, w := range workers {
		ex, err := timeRun("exact", w, 0, explain.NewExact)
		if err != nil {
			return nil, err
		}
		exact = ex
	}
	for _, w := range workers {
		if _, err := timeRun("kernel", w, budget, explain.NewKernel); err != nil {
			return nil, err
		}
		if _, err := timeRun("permutation", w, perms, explain.NewPermutation); err != nil {
			return nil, err
		}
	}
	for _, b := range c.KernelBudgets {
		if _, err := timeRun("kernel", 2, b, explain.NewKernel); err != nil {
			return nil, err
		}
	}
	for _, p := range c.Permutations {
		if _, err := timeRun("permutation", 2, p, explain.NewPermutation); err != nil {
			return nil, err
		}
	}
	f := caseFile{Name: c.Name, Model: model, Background: bg, X: X, Base: exact.BaseValues[0][0], KernelBudget: budget}
	f.Exact, _ = exact.Output(0)
	return out, measure.WriteJSON(filepath.Join(outDir, "explain_"+c.Name+".json"), f)
}

// compare returns the largest and the mean absolute difference of the
// values of a and b.
func compare(a, b *explain.Explanation) (maxErr, meanErr float64) {
	n := 0
	for r := range a.Values {
		for j := range a.Values[r] {
			for k := range a.Values[r][j] {
				d := math.Abs(a.Values[r][j][k] - b.Values[r][j][k])
				maxErr = math.Max(maxErr, d)
				meanErr += d
				n++
			}
		}
	}
	return maxErr, meanErr / float64(n)
}
