// Command prune benchmarks magnitude pruning (ml.Prune) of the reference
// network on the customer data (datasets.Customers, its ten numeric
// columns) and the Wisconsin breast-cancer table: it holds out a quarter of
// the rows, trains the network once on the rest with ml.Train, then for
// each sparsity prunes it — alone and with two fine-tuning epochs on the
// training rows — and prints, as a Markdown table, the size of the
// checkpoint (checkpoint.json, and gzipped), accuracy and AUC on the
// held-out rows (internal/metrics) and prediction speed:
//
//   - Predict: Sequential.Predict on the go backend (the native dense path
//     of ml/native.go, parallel), over 10,240 rows (the held-out rows
//     repeated), in rows per second of wall time and of CPU time;
//   - dense loop and CSR: a single-threaded float32 forward pass written
//     here twice, once over the full kernels and once over only their
//     non-zero weights (compressed rows), to show how much a sparse kernel
//     could save at these sizes, in rows per second of CPU time (steadier
//     than the wall clock on a shared machine). Neither is GlassBox's
//     kernel.
//
// Speeds are the best of 7 timings of at least 0.2 s each.
//
//	go run -tags=noxla ./bench/prune [-rows 20000] [-seed 1]
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"time"

	"github.com/glassbox-ml/glassbox/bench/internal/measure"
	"github.com/glassbox-ml/glassbox/internal/metrics"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

var sparsities = []float64{0, 0.5, 0.7, 0.8, 0.9, 0.95}

const timedRows = 10240

func main() {
	rows := flag.Int("rows", 20000, "customer rows (a quarter held out)")
	seed := flag.Int64("seed", 1, "seed of the data, the split, training and fine-tuning")
	flag.Parse()
	if err := run(*rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench/prune:", err)
		os.Exit(1)
	}
}

type table struct {
	name, target string
	f            *data.Frame
	columns      []string // nil: the inferred feature columns
}

func run(rows int, seed int64) error {
	customers, err := datasets.Customers(rows, seed)
	if err != nil {
		return err
	}
	cancer, err := datasets.BreastCancer()
	if err != nil {
		return err
	}
	fmt.Printf("GOMAXPROCS %d, %s, %s backend\n\n", runtime.GOMAXPROCS(0), runtime.Version(), ml.BackendInfo("go"))
	fmt.Println("| data | sparsity | non-zero weights | checkpoint.json (gzip) | accuracy pruned | AUC pruned | accuracy +2 epochs | AUC +2 epochs | Predict rows/s | Predict rows/CPU-s | dense loop rows/CPU-s | CSR rows/CPU-s |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, t := range []table{
		{fmt.Sprintf("customers (%d × 10)", rows), "buys", customers, datasets.CustomerNumericColumns},
		{"breast cancer (569 × 30)", "target", cancer, nil},
	} {
		if err := bench(t, seed); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return nil
}

func bench(t table, seed int64) error {
	y, _, err := data.ClassTarget(t.f, t.target)
	if err != nil {
		return err
	}
	split, err := data.StratifiedSplit(y, 0, 0.25, seed)
	if err != nil {
		return err
	}
	train, _, heldOut, err := split.Frames(t.f)
	if err != nil {
		return err
	}
	dense, err := ml.Train(train, t.target, ml.TrainOptions{Seed: seed, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Columns: t.columns}})
	if err != nil {
		return err
	}
	X, err := dense.Pipeline.Transform(heldOut)
	if err != nil {
		return err
	}
	labels, err := dense.Targets(heldOut)
	if err != nil {
		return err
	}
	timed := make([][]float64, timedRows)
	for i := range timed {
		timed[i] = X[i%len(X)]
	}
	score := func(r *ml.Run) (acc, auc float64, err error) {
		p, err := r.Model.Predict(X)
		if err != nil {
			return 0, 0, err
		}
		if acc, err = metrics.Accuracy(labels, p); err != nil {
			return 0, 0, err
		}
		auc, err = metrics.AUC(labels, p)
		return acc, auc, err
	}
	acc, auc, err := score(dense)
	if err != nil {
		return err
	}
	speeds, nonzero, err := timeModel(dense.Model, timed)
	if err != nil {
		return err
	}
	size, err := checkpointSize(dense.Model)
	if err != nil {
		return err
	}
	fmt.Printf("| %s | dense | %d | %s | %.4f | %.4f | — | — | %s | %s | %s | %s |\n", t.name, nonzero, size, acc, auc, speeds[0], speeds[1], speeds[2], speeds[3])
	for _, s := range sparsities {
		pruned, err := ml.Prune(dense, s, ml.PruneOptions{})
		if err != nil {
			return err
		}
		acc, auc, err := score(pruned)
		if err != nil {
			return err
		}
		tuned, err := ml.Prune(dense, s, ml.PruneOptions{Epochs: 2, Data: train, Seed: seed, Quiet: true})
		if err != nil {
			return err
		}
		tacc, tauc, err := score(tuned)
		if err != nil {
			return err
		}
		speeds, nonzero, err := timeModel(tuned.Model, timed)
		if err != nil {
			return err
		}
		size, err := checkpointSize(tuned.Model)
		if err != nil {
			return err
		}
		fmt.Printf("| | %.0f %% | %d | %s | %.4f | %.4f | %.4f | %.4f | %s | %s | %s | %s |\n",
			100*s, nonzero, size, acc, auc, tacc, tauc, speeds[0], speeds[1], speeds[2], speeds[3])
	}
	return nil
}

// timeModel times Predict, the dense loop and the CSR loop on X, after
// checking that the two loops compute what Predict does; it also counts
// the non-zero kernel weights.
func timeModel(m *ml.Sequential, X [][]float64) ([4]string, int, error) {
	var out [4]string
	ws, err := m.Weights()
	if err != nil {
		return out, 0, err
	}
	net := newScalarNet(m.Layers(), ws)
	want, err := m.Predict(X)
	if err != nil {
		return out, 0, err
	}
	for i, x := range X {
		d, s := net.dense(x), net.sparse(x)
		if math.Abs(float64(d)-want[i][0]) > 1e-5 || math.Abs(float64(s)-want[i][0]) > 1e-5 {
			return out, 0, fmt.Errorf("row %d: Predict %v, dense loop %v, CSR %v", i, want[i][0], d, s)
		}
	}
	var predictErr error
	for i, f := range []func(){
		func() {
			if _, err := m.Predict(X); err != nil {
				predictErr = err
			}
		},
		func() {
			for _, x := range X {
				net.dense(x)
			}
		},
		func() {
			for _, x := range X {
				net.sparse(x)
			}
		},
	} {
		out[i+1] = fmt.Sprintf("%.2fM", rowsPerSecond(len(X), f, true)/1e6)
		if i == 0 {
			out[0] = fmt.Sprintf("%.2fM", rowsPerSecond(len(X), f, false)/1e6)
		}
	}
	return out, net.nonzero, predictErr
}

// checkpointSize is the size of the model's checkpoint.json as a run
// directory holds it, and gzipped: "26.7 KB (7.1 KB)".
func checkpointSize(m *ml.Sequential) (string, error) {
	ws, err := m.Weights()
	if err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(ml.Checkpoint{Layers: ws}, "", "  ")
	if err != nil {
		return "", err
	}
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	if err := w.Close(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%.1f KB (%.1f KB)", float64(len(b)+1)/1000, float64(z.Len())/1000), nil
}

// rowsPerSecond is the best of 7 timings of f (each repeated for at least
// 0.2 s) in rows per second, after one warm-up call: on a shared machine
// the best timing is the one least disturbed by other work. With cpu, the
// time is the process's CPU time (user + system) instead of the wall
// clock: for a single-threaded f, its own time, which other processes
// hardly change.
func rowsPerSecond(rows int, f func(), cpu bool) float64 {
	f()
	clock := time.Now
	if cpu {
		clock = func() time.Time { return time.Time{}.Add(measure.CPUTime()) }
	}
	best := 0.0
	for range 7 {
		n, start, wall := 0, clock(), time.Now()
		for time.Since(wall) < 200*time.Millisecond {
			f()
			n++
		}
		best = max(best, float64(n*rows)/clock().Sub(start).Seconds())
	}
	return best
}

// scalarNet is the bench's own forward pass of a network of dense layers
// (relu hidden layers, one sigmoid output), in float32 like GoMLX: the
// kernels as they are, and as compressed rows of their non-zero weights.
type scalarNet struct {
	layers  []scalarLayer
	nonzero int
	a, b    []float32 // scratch: a layer's input and output
}

type scalarLayer struct {
	in, units  int
	kernel     []float32 // in × units, row-major
	bias       []float32
	activation string
	// CSR: the non-zero weights of kernel row i are vals[start[i]:start[i+1]], in columns cols[…].
	start []int
	cols  []int32
	vals  []float32
}

func newScalarNet(layers []ml.Layer, ws []ml.LayerWeights) *scalarNet {
	n := &scalarNet{}
	for _, w := range ws {
		l := scalarLayer{in: w.Inputs, units: w.Units, kernel: w.Kernel, bias: w.Bias, activation: layers[w.Layer].Activation,
			start: make([]int, w.Inputs+1)}
		for i := range w.Inputs {
			for j := range w.Units {
				if v := w.Kernel[i*w.Units+j]; v != 0 {
					l.cols = append(l.cols, int32(j))
					l.vals = append(l.vals, v)
				}
			}
			l.start[i+1] = len(l.vals)
		}
		n.nonzero += len(l.vals)
		n.layers = append(n.layers, l)
		width := max(w.Inputs, w.Units, len(n.a))
		n.a, n.b = make([]float32, width), make([]float32, width)
	}
	return n
}

func (n *scalarNet) forward(x []float64, sparse bool) float32 {
	h := n.a[:len(x)]
	for i, v := range x {
		h[i] = float32(v)
	}
	other := n.b
	for _, l := range n.layers {
		z := other[:l.units]
		copy(z, l.bias)
		for i, hi := range h {
			if sparse {
				for k := l.start[i]; k < l.start[i+1]; k++ {
					z[l.cols[k]] += hi * l.vals[k]
				}
				continue
			}
			row := l.kernel[i*l.units : (i+1)*l.units]
			for j, w := range row {
				z[j] += hi * w
			}
		}
		for j, v := range z {
			switch l.activation {
			case ml.ReLU:
				z[j] = max(v, 0)
			case ml.Sigmoid:
				z[j] = float32(1 / (1 + math.Exp(-float64(v))))
			}
		}
		h, other = z, h[:cap(h)]
	}
	return h[0]
}

func (n *scalarNet) dense(x []float64) float32  { return n.forward(x, false) }
func (n *scalarNet) sparse(x []float64) float32 { return n.forward(x, true) }
