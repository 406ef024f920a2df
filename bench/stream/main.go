// Command stream writes the synthetic tables of the long-explanation
// benchmark (bench/stream/run.sh) and explains a table the way GlassBox did
// before streaming, for comparison: every row at once, then one WriteJSON.
//
//	go run ./bench/stream -gen table.csv -rows 100000            # 30 numeric columns x00…x29 and a 0/1 target y
//	go run -tags=noxla ./bench/stream -whole -run DIR -data table.csv -rows 100000 -samples 2 -background 10 -out why.json
//
// The -whole run uses the explainer `glassbox explain --method permutation`
// builds (the same background, seed and budget), so its file is byte for
// byte the CLI's.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
)

const columns = 30

func main() {
	gen := flag.String("gen", "", "write a synthetic table to `FILE`")
	whole := flag.Bool("whole", false, "explain -rows rows of -data in one call and write -out with WriteJSON")
	runDir := flag.String("run", "", "run `DIR` (glassbox train)")
	table := flag.String("data", "", "table `FILE`")
	rows := flag.Int("rows", 100000, "rows to write or explain")
	samples := flag.Int("samples", 2, "permutations per row")
	background := flag.Int("background", 10, "k-means background rows")
	out := flag.String("out", "", "output `FILE` (.json)")
	flag.Parse()
	var err error
	switch {
	case *gen != "":
		err = generate(*gen, *rows)
	case *whole:
		err = explainWhole(*runDir, *table, *out, *rows, *samples, *background)
	default:
		err = fmt.Errorf("give -gen FILE or -whole")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/stream:", err)
		os.Exit(1)
	}
}

// generate writes rows of 30 standard normal columns and a target drawn
// from a logistic model with main effects and two interactions.
func generate(path string, rows int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(bufio.NewWriter(f))
	header := make([]string, columns+1)
	for j := range columns {
		header[j] = fmt.Sprintf("x%02d", j)
	}
	header[columns] = "y"
	w.Write(header)
	rng := rand.New(rand.NewPCG(42, 30))
	rec := make([]string, columns+1)
	x := make([]float64, columns)
	for range rows {
		s := 0.0
		for j := range x {
			x[j] = rng.NormFloat64()
			s += x[j] * float64(columns-j) / columns
			rec[j] = strconv.FormatFloat(x[j], 'f', 4, 64)
		}
		s += x[0]*x[1] - 0.5*x[2]*x[3]
		y := 0
		if rng.Float64() < 1/(1+math.Exp(-s)) {
			y = 1
		}
		rec[columns] = strconv.Itoa(y)
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// explainWhole is `glassbox explain --method permutation` without
// streaming: Explain over all rows, then WriteJSON.
func explainWhole(runDir, table, out string, rows, samples, background int) error {
	run, err := ml.Load(runDir)
	if err != nil {
		return err
	}
	f, err := data.ReadFile(table)
	if err != nil {
		return err
	}
	X, err := run.RawRows(f)
	if err != nil {
		return err
	}
	enc, err := run.Pipeline.EncodeValues(X)
	if err != nil {
		return err
	}
	centres, weights, err := explain.KMeans(enc, min(background, len(enc)), 0)
	if err != nil {
		return err
	}
	bg, err := run.Pipeline.DecodeValues(centres)
	if err != nil {
		return err
	}
	ex, err := explain.NewPermutation(run.RawModel(), bg, explain.Options{BackgroundWeights: weights, Samples: samples})
	if err != nil {
		return err
	}
	e, err := ex.Explain(X[:rows])
	if err != nil {
		return err
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o)
	if err := e.WriteJSON(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return o.Close()
}
