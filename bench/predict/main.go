// Command predict measures ml's Predict throughput on networks of several
// shapes and writes each network's weights, rows and predictions so that
// sklearn_peer.py evaluates the same function with scikit-learn in the same
// run (see run.sh).
//
//	go run -tags=noxla ./bench/predict -out bench/out/predict
package main

import (
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/glassbox-ml/glassbox/ml"
)

type network struct {
	Name    string            `json:"name"`
	Inputs  int               `json:"inputs"`
	Hidden  []int             `json:"hidden"`
	Classes int               `json:"classes"` // 2: one sigmoid output; more: softmax
	Weights []ml.LayerWeights `json:"weights"`
}

type result struct {
	Name       string  `json:"name"`
	Rows       int     `json:"rows"`
	RowsPerSec float64 `json:"rows_per_sec"`
}

func main() {
	out := flag.String("out", "bench/out/predict", "output `DIR`")
	seconds := flag.Float64("seconds", 1, "time each measurement for at least this long")
	flag.Parse()
	if err := run(*out, *seconds); err != nil {
		fmt.Fprintln(os.Stderr, "predict:", err)
		os.Exit(1)
	}
}

func run(dir string, seconds float64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	nets := []network{
		{Name: "10-64-1", Inputs: 10, Hidden: []int{64}, Classes: 2},
		{Name: "30-64-1", Inputs: 30, Hidden: []int{64}, Classes: 2},
		{Name: "30-256-128-1", Inputs: 30, Hidden: []int{256, 128}, Classes: 2},
		{Name: "30-128-3", Inputs: 30, Hidden: []int{128}, Classes: 3},
	}
	var results []result
	for i := range nets {
		n := &nets[i]
		m, X, err := build(n)
		if err != nil {
			return fmt.Errorf("%s: %w", n.Name, err)
		}
		if n.Weights, err = m.Weights(); err != nil {
			return err
		}
		if err := writeRows(filepath.Join(dir, n.Name+".x.f32"), X); err != nil {
			return err
		}
		P, err := m.Predict(X[:1000])
		if err != nil {
			return err
		}
		if err := writeRows(filepath.Join(dir, n.Name+".p.f32"), P); err != nil {
			return err
		}
		for _, rows := range []int{10_000, 100_000} {
			rate, err := measure(m, X[:rows], seconds)
			if err != nil {
				return err
			}
			results = append(results, result{n.Name, rows, rate})
			fmt.Fprintf(os.Stderr, "glassbox %-14s %7d rows: %12.0f rows/s\n", n.Name, rows, rate)
		}
	}
	meta, err := json.Marshal(map[string]any{"networks": nets, "results": results, "go": runtime.Version(), "cores": runtime.GOMAXPROCS(0)})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "glassbox.json"), meta, 0o644)
}

// build trains the network for one epoch on random rows (so that its biases
// are not zero) and returns it with 100,000 rows to predict.
func build(n *network) (*ml.Sequential, [][]float64, error) {
	var layers []ml.Layer
	for i, h := range n.Hidden {
		if i == 0 {
			layers = append(layers, ml.Dense(h, ml.ReLU, n.Inputs))
		} else {
			layers = append(layers, ml.Dense(h, ml.ReLU))
		}
	}
	loss := ml.BinaryCrossEntropy
	if n.Classes == 2 {
		layers = append(layers, ml.Dense(1, ml.Sigmoid))
	} else {
		layers = append(layers, ml.Dense(n.Classes, ml.Softmax))
		loss = ml.CategoricalCrossEntropy
	}
	m := ml.NewSequential(layers...)
	if err := m.Compile(ml.CompileOptions{Backend: "go", Loss: loss}); err != nil {
		return nil, nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(n.Inputs), 1))
	X := make([][]float64, 100_000)
	y := make([][]float64, len(X))
	for i := range X {
		X[i] = make([]float64, n.Inputs)
		for j := range X[i] {
			X[i][j] = rng.NormFloat64()
		}
		y[i] = []float64{float64(rng.IntN(n.Classes))}
	}
	if _, err := m.Fit(X[:2000], y[:2000], ml.FitOptions{Epochs: 1, Seed: 1, Quiet: true}); err != nil {
		return nil, nil, err
	}
	return m, X, nil
}

// measure returns the best rows/s of three timings of Predict(X) repeated
// for at least seconds each.
func measure(m *ml.Sequential, X [][]float64, seconds float64) (float64, error) {
	if _, err := m.Predict(X); err != nil { // warm up
		return 0, err
	}
	best := 0.0
	for range 3 {
		rows, start := 0, time.Now()
		for time.Since(start).Seconds() < seconds {
			if _, err := m.Predict(X); err != nil {
				return 0, err
			}
			rows += len(X)
		}
		best = math.Max(best, float64(rows)/time.Since(start).Seconds())
	}
	return best, nil
}

// writeRows writes rows as little-endian float32, row after row.
func writeRows(path string, rows [][]float64) error {
	buf := make([]byte, 0, len(rows)*len(rows[0])*4)
	for _, r := range rows {
		for _, v := range r {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(float32(v)))
		}
	}
	return os.WriteFile(path, buf, 0o644)
}
