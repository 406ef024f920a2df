// Command train benchmarks GlassBox's training of the reference MLP
// (Dense(64, relu) → Dense(1, sigmoid), adam 0.001, binary cross-entropy)
// on the seeded customer data (the ten numeric columns of
// datasets.Customers, z-scored), and prints the results as JSON.
//
//	go run -tags=noxla ./bench/train -rows 10000 -epochs 10 -batch-size 32 -csv bench/out/train_data.csv
//	GOMLX_BACKEND=xla:/abs/path/pjrt_c_api_gpu_plugin.so go run ./bench/train   # XLA (cgo, no noxla tag)
//
// -csv writes the encoded rows (x0…x9, y) for bench/train/sklearn_peer.py,
// so both sides train on identical data.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

type result struct {
	Backend           string    `json:"backend"`
	BackendReason     string    `json:"backend_reason"`
	Rows              int       `json:"rows"`
	Features          int       `json:"features"`
	Epochs            int       `json:"epochs"`
	BatchSize         int       `json:"batch_size"`
	TrainSeconds      float64   `json:"train_seconds"`
	EpochEndSeconds   []float64 `json:"epoch_end_seconds"`
	PredictRowsPerSec float64   `json:"predict_rows_per_sec"`
	TrainAccuracy     float64   `json:"train_accuracy"`
	FinalLoss         float64   `json:"final_loss"`
	GOMAXPROCS        int       `json:"gomaxprocs"`
	GoVersion         string    `json:"go_version"`
	Build             string    `json:"build"` // -tags and GOEXPERIMENT of this binary
}

func main() {
	rows := flag.Int("rows", 10000, "training rows")
	epochs := flag.Int("epochs", 10, "epochs")
	batch := flag.Int("batch-size", 32, "rows per optimiser step")
	backend := flag.String("backend", "", "GoMLX backend (go, xla:cpu, xla:cuda, xla:/abs/plugin.so); default $GOMLX_BACKEND or the ml package's rule")
	seed := flag.Int64("seed", 1, "data and training seed")
	csvPath := flag.String("csv", "", "also write the encoded data to this CSV file for the Python peer")
	flag.Parse()
	if err := run(*rows, *epochs, *batch, *backend, *seed, *csvPath); err != nil {
		fmt.Fprintln(os.Stderr, "bench/train:", err)
		os.Exit(1)
	}
}

func run(rows, epochs, batch int, backend string, seed int64, csvPath string) error {
	f, err := datasets.Customers(rows, seed)
	if err != nil {
		return err
	}
	p, err := data.Fit(f, data.Options{Columns: datasets.CustomerNumericColumns})
	if err != nil {
		return err
	}
	X, err := p.Transform(f)
	if err != nil {
		return err
	}
	labels, err := f.Floats("buys")
	if err != nil {
		return err
	}
	y := make([][]float64, len(labels))
	for i, v := range labels {
		y[i] = []float64{v}
	}
	if csvPath != "" {
		if err := writeCSV(csvPath, X, labels); err != nil {
			return err
		}
	}
	info := ml.BackendInfo(backend)
	m := ml.NewSequential(ml.Dense(64, ml.ReLU, len(X[0])), ml.Dense(1, ml.Sigmoid))
	if err := m.Compile(ml.CompileOptions{Optimizer: "adam", LearningRate: 0.001, Loss: ml.BinaryCrossEntropy,
		Metrics: []string{"accuracy"}, Backend: backend}); err != nil {
		return err
	}
	start := time.Now()
	h, err := m.Fit(X, y, ml.FitOptions{Epochs: epochs, BatchSize: batch, Seed: seed, Quiet: true})
	if err != nil {
		return err
	}
	res := result{Backend: info.Config, BackendReason: info.Reason, Rows: len(X), Features: len(X[0]), Epochs: epochs,
		BatchSize: batch, TrainSeconds: time.Since(start).Seconds(), GOMAXPROCS: runtime.GOMAXPROCS(0), GoVersion: runtime.Version(),
		TrainAccuracy: h.Last().Metrics["accuracy"], FinalLoss: h.Last().Metrics["loss"], Build: buildSettings()}
	for _, e := range h.Epochs {
		res.EpochEndSeconds = append(res.EpochEndSeconds, e.WallSeconds)
	}
	if _, err := m.Predict(X); err != nil { // compile the prediction graphs before timing
		return err
	}
	predicted, pstart := 0, time.Now()
	for time.Since(pstart) < time.Second {
		if _, err := m.Predict(X); err != nil {
			return err
		}
		predicted += len(X)
	}
	res.PredictRowsPerSec = float64(predicted) / time.Since(pstart).Seconds()
	out, _ := json.MarshalIndent(res, "", "  ")
	fmt.Println(string(out))
	return nil
}

// buildSettings reports the build tags and GOEXPERIMENT the binary was built with.
func buildSettings() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var parts []string
	for _, s := range info.Settings {
		if s.Key == "-tags" || s.Key == "GOEXPERIMENT" {
			parts = append(parts, s.Key+"="+s.Value)
		}
	}
	return strings.Join(parts, " ")
}

func writeCSV(path string, X [][]float64, y []float64) error {
	var b strings.Builder
	for j := range X[0] {
		fmt.Fprintf(&b, "x%d,", j)
	}
	b.WriteString("y\n")
	for i, row := range X {
		for _, v := range row {
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(y[i], 'g', -1, 64))
		b.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
