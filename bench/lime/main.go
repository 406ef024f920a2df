// Command lime benchmarks explain.LIME against Python's lime
// (LimeTabularExplainer with its defaults) on the same logistic regression,
// training data and rows, in one run: time per explanation, the ratio, and
// how often the two agree on the top-5 features.
//
//	go run ./bench/lime -rows 50 -python bench/.venv/bin/python
//
// The case (weights, training data, rows) is written to -out/case.json;
// bench/lime/lime_peer.py reads it, explains the rows with lime and writes
// -out/peer.json, which this program reads back to compare.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/glassbox-ml/glassbox/bench/internal/measure"
	"github.com/glassbox-ml/glassbox/explain"
)

// benchCase is what both sides explain.
type benchCase struct {
	Weights      []float64   `json:"weights"`
	Bias         float64     `json:"bias"`
	FeatureNames []string    `json:"feature_names"`
	Training     [][]float64 `json:"training"`
	Rows         [][]float64 `json:"rows"`
	Samples      int         `json:"samples"`
	Seed         int64       `json:"seed"`
	// Probabilities are the Go model's P(y=1) on Rows, for the peer to check.
	Probabilities []float64 `json:"probabilities"`
}

// peerResult is what lime_peer.py writes.
type peerResult struct {
	Version       string      `json:"lime_version"`
	Seconds       []float64   `json:"seconds"`     // wall, per explanation
	CPUSeconds    []float64   `json:"cpu_seconds"` // process CPU, per explanation
	Top           [][]int     `json:"top"`         // kept features by decreasing |weight|
	TopOtherSeed  [][]int     `json:"top_other_seed"`
	Weights       [][]float64 `json:"weights"` // per feature, 0 when not kept
	Fidelity      []float64   `json:"fidelity"`
	MaxPredictErr float64     `json:"max_predict_error"`
}

func main() {
	features := flag.Int("features", 8, "number of features")
	nTrain := flag.Int("train", 2000, "training rows")
	nRows := flag.Int("rows", 50, "rows to explain")
	samples := flag.Int("samples", 5000, "LIME samples per explanation")
	seed := flag.Int64("seed", 1, "seed of the data and of both explainers")
	python := flag.String("python", "bench/.venv/bin/python", "Python with lime installed")
	peer := flag.String("peer", "bench/lime/lime_peer.py", "the Python peer script")
	out := flag.String("out", "bench/out/lime", "folder for case.json and peer.json")
	flag.Parse()
	if err := run(*features, *nTrain, *nRows, *samples, *seed, *python, *peer, *out); err != nil {
		log.Fatal(err)
	}
}

func run(features, nTrain, nRows, samples int, seed int64, python, peer, out string) error {
	c := newCase(features, nTrain, nRows, samples, seed)
	model := explain.ModelFunc(func(X [][]float64) ([][]float64, error) { return c.predict(X), nil })
	for _, p := range c.predict(c.Rows) {
		c.Probabilities = append(c.Probabilities, p[1])
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	casePath, peerPath := filepath.Join(out, "case.json"), filepath.Join(out, "peer.json")
	if err := measure.WriteJSON(casePath, c); err != nil {
		return err
	}

	// Go, one worker (the per-explanation cost) and all cores (throughput).
	// Surrogates of P(class 1) per row, as the peer explains label 1.
	explainAll := func(workers int) ([]explain.Surrogate, time.Duration, time.Duration, error) {
		l, err := explain.NewLIME(model, c.Training, explain.LIMEOptions{
			FeatureNames: c.FeatureNames, Outputs: []int{1}, Seed: seed, Samples: samples, Workers: workers,
		})
		if err != nil {
			return nil, 0, 0, err
		}
		cpu0, start := measure.CPUTime(), time.Now()
		e, err := l.Explain(c.Rows)
		elapsed, cpu := time.Since(start), measure.CPUTime()-cpu0
		if err != nil {
			return nil, 0, 0, err
		}
		s := make([]explain.Surrogate, len(e.Surrogates))
		for r, row := range e.Surrogates {
			s[r] = row[0]
		}
		return s, elapsed, cpu, nil
	}
	goExp, goOne, goCPU, err := explainAll(1)
	if err != nil {
		return err
	}
	seed++
	goOther, _, _, err := explainAll(0)
	seed--
	if err != nil {
		return err
	}
	_, goAll, _, err := explainAll(0)
	if err != nil {
		return err
	}

	// Python lime, same case.
	cmd := exec.Command(python, peer, casePath, peerPath)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("running %s %s: %w", python, peer, err)
	}
	raw, err := os.ReadFile(peerPath)
	if err != nil {
		return err
	}
	var py peerResult
	if err := json.Unmarshal(raw, &py); err != nil {
		return fmt.Errorf("reading %s: %w", peerPath, err)
	}
	if len(py.Top) != nRows || len(py.TopOtherSeed) != nRows || len(py.Seconds) != nRows || len(py.CPUSeconds) != nRows {
		return fmt.Errorf("peer explained %d rows, want %d", len(py.Top), nRows)
	}

	var jac, top1, same, fidGo, fidPy, dw, wScale, jacGo, jacPy float64
	for r, e := range goExp {
		gTop, pTop := top5(e), py.Top[r][:min(5, len(py.Top[r]))]
		jacGo += jaccard(gTop, top5(goOther[r]))
		jacPy += jaccard(pTop, py.TopOtherSeed[r][:min(5, len(py.TopOtherSeed[r]))])
		j := jaccard(gTop, pTop)
		jac += j
		if j == 1 {
			same++
		}
		if gTop[0] == pTop[0] {
			top1++
		}
		fidGo += e.Fidelity
		fidPy += py.Fidelity[r]
		for k, w := range e.Weights {
			dw += math.Abs(w - py.Weights[r][k])
			wScale += math.Abs(py.Weights[r][k])
		}
	}
	n := float64(nRows)
	pySec := append([]float64(nil), py.Seconds...)
	sort.Float64s(pySec)
	pyMean, pyCPU := 0.0, 0.0
	for r, s := range pySec {
		pyMean += s / n
		pyCPU += py.CPUSeconds[r] / n
	}
	goPer, goCPUPer := goOne.Seconds()/n, goCPU.Seconds()/n
	fmt.Printf("| quantity | value |\n|---|---|\n")
	fmt.Printf("| case | logistic regression, %d features, %d training rows, %d rows explained, %d samples, output = P(y=1) |\n", features, nTrain, nRows, samples)
	fmt.Printf("| lime version | %s |\n", py.Version)
	fmt.Printf("| model agreement (max abs P difference, Go vs numpy) | %.2g |\n", py.MaxPredictErr)
	fmt.Printf("| Go, 1 worker: ms per explanation, wall; CPU | %.2f; %.2f |\n", 1000*goPer, 1000*goCPUPer)
	fmt.Printf("| Go, %d workers: ms per explanation (wall / rows) | %.2f |\n", runtime.GOMAXPROCS(0), 1000*goAll.Seconds()/n)
	fmt.Printf("| lime: ms per explanation, wall mean; wall median; CPU | %.2f; %.2f; %.2f |\n", 1000*pyMean, 1000*pySec[len(pySec)/2], 1000*pyCPU)
	fmt.Printf("| ratio lime / Go, 1 worker, wall | %.1f× |\n", pyMean/goPer)
	fmt.Printf("| ratio lime / Go, 1 worker, CPU | %.1f× |\n", pyCPU/goCPUPer)
	fmt.Printf("| ratio lime / Go (all workers) | %.1f× |\n", pyMean/(goAll.Seconds()/n))
	fmt.Printf("| top-5 Jaccard, Go vs lime, mean over rows | %.3f |\n", jac/n)
	fmt.Printf("| noise floor: top-5 Jaccard, seed vs seed+1: Go; lime | %.3f; %.3f |\n", jacGo/n, jacPy/n)
	fmt.Printf("| identical top-5 set, Go vs lime | %.0f%% of rows |\n", 100*same/n)
	fmt.Printf("| same top-1 feature, Go vs lime | %.0f%% of rows |\n", 100*top1/n)
	fmt.Printf("| mean abs weight difference / mean abs lime weight | %.3f |\n", dw/wScale)
	fmt.Printf("| mean fidelity (weighted R²): Go; lime | %.3f; %.3f |\n", fidGo/n, fidPy/n)
	return nil
}

// newCase draws the weights, the training data (feature j ~ N(μ_j, σ_j²))
// and the rows to explain, all from seed.
func newCase(features, nTrain, nRows, samples int, seed int64) *benchCase {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	c := &benchCase{Bias: 0.3, Samples: samples, Seed: seed}
	mu, sd := make([]float64, features), make([]float64, features)
	for j := range features {
		mu[j] = 2 * rng.NormFloat64()
		sd[j] = 0.5 + 2*rng.Float64()
		// Effects of decreasing size, alternating sign, per unit of σ.
		c.Weights = append(c.Weights, math.Pow(-1, float64(j))*(2.5/float64(j+1))/sd[j])
		c.Bias -= c.Weights[j] * mu[j]
		c.FeatureNames = append(c.FeatureNames, fmt.Sprintf("f%d", j))
	}
	draw := func(n int) [][]float64 {
		X := make([][]float64, n)
		for i := range X {
			X[i] = make([]float64, features)
			for j := range X[i] {
				X[i][j] = mu[j] + sd[j]*rng.NormFloat64()
			}
		}
		return X
	}
	c.Training, c.Rows = draw(nTrain), draw(nRows)
	return c
}

// predict returns [1−p, p] with p = σ(w·x + b), as predict_proba does.
func (c *benchCase) predict(X [][]float64) [][]float64 {
	out := make([][]float64, len(X))
	for i, x := range X {
		z := c.Bias
		for j, v := range x {
			z += c.Weights[j] * v
		}
		p := 1 / (1 + math.Exp(-z))
		out[i] = []float64{1 - p, p}
	}
	return out
}

// top5 returns the indices of the (up to) five features with the largest |weight|.
func top5(s explain.Surrogate) []int { return s.Kept[:min(5, len(s.Kept))] }

func jaccard(a, b []int) float64 {
	in := map[int]bool{}
	for _, i := range a {
		in[i] = true
	}
	both := 0
	for _, i := range b {
		if in[i] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}
