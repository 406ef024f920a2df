package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
	"github.com/glassbox-ml/glassbox/reports"
)

func init() {
	register(&command{name: "report", summary: "write a self-contained HTML explanation report of a run on a table (English or Chinese)", run: reportCommand})
	register(&command{name: "report data", summary: "write a built-in table (customers, breast-cancer, diabetes) to CSV, e.g. to report on", run: reportDataCommand})
}

// rowList collects the repeated --row flags.
type rowList []int

func (r *rowList) String() string {
	s := make([]string, len(*r))
	for i, v := range *r {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, ",")
}

func (r *rowList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 0 {
			return fmt.Errorf("want a row number (0, 1, …), got %q", part)
		}
		*r = append(*r, n)
	}
	return nil
}

func reportCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var (
		runDir, dataFile, out, lang, title string
		echartsDir                         string
		static                             bool
		rows, maxRows, samples             int
		seed                               int64
		picked                             rowList
		quiet, timestamp                   bool
	)
	fs.StringVar(&runDir, "run", "", "run `DIR` written by `glassbox train` or ml.Train")
	fs.StringVar(&dataFile, "data", "", "table `FILE` (.csv or .xlsx) with the run's columns (and its target, for performance)")
	fs.StringVar(&out, "out", "", "the report `FILE.html`")
	fs.StringVar(&lang, "lang", "en", "language of the report: en or zh")
	fs.IntVar(&rows, "rows", 4, "explain `N` rows one by one, chosen by the model's confidence (half the most confident, half the most uncertain)")
	fs.Var(&picked, "row", "explain row `I` (0-based; repeat or separate by commas) instead of chosen rows")
	fs.IntVar(&maxRows, "max-rows", 200, "rows explained for the global views (sampled with the seed)")
	fs.IntVar(&samples, "samples", 384, "Kernel SHAP's coalitions per row")
	fs.StringVar(&title, "title", "", "the report's title (default: \"Model explanation report: TARGET\")")
	fs.Int64Var(&seed, "seed", 0, "seed of the sample and the explainers: the same seed gives the same file")
	fs.BoolVar(&timestamp, "timestamp", false, "write the time of the report (then the same inputs no longer give the same bytes)")
	fs.BoolVar(&quiet, "quiet", false, "no progress bar")
	fs.StringVar(&echartsDir, "echarts", "", "`DIR` holding echarts.min.js (default: third_party/echarts of the checkout, as the board finds it)")
	fs.BoolVar(&static, "static", false, "static charts only (SVG): no ECharts, no script at all")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox report --run DIR --data FILE --out FILE.html [--lang en|zh] [--rows N | --row I …] [flags]\n\n"+
			"Writes one HTML file that explains the run's model on the table: model card, data, performance,\n"+
			"training curves, global importance (Kernel SHAP, permutation), dependence, local explanations\n"+
			"with a sentence per row, SHAP–LIME agreement, the transparency scorecard and what reproduces it.\n"+
			"The charts are interactive (ECharts, inlined once) when echarts.min.js is found, and static SVG\n"+
			"otherwise or with --static; the file loads nothing from the network, its Content-Security-Policy\n"+
			"allows only its own inline scripts, and the same inputs give the same bytes.\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	switch {
	case len(fs.Args()) > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case runDir == "":
		return errors.New("--run DIR is required")
	case dataFile == "":
		return errors.New("--data FILE is required")
	case out == "":
		return errors.New("--out FILE.html is required")
	case rows <= 0:
		return fmt.Errorf("--rows must be positive, got %d", rows)
	case maxRows <= 0:
		return fmt.Errorf("--max-rows must be positive, got %d", maxRows)
	case samples <= 0:
		return fmt.Errorf("--samples must be positive, got %d", samples)
	}
	if ext := strings.ToLower(filepath.Ext(out)); ext != ".html" && ext != ".htm" {
		return fmt.Errorf("--out %s: the file must end in .html", out)
	}
	if lang != "en" && lang != "zh" {
		return fmt.Errorf("--lang %q: want en or zh", lang)
	}
	start := time.Now()
	run, err := ml.Load(runDir)
	if err != nil {
		return err
	}
	f, err := data.ReadFile(dataFile)
	if err != nil {
		return err
	}
	o := reports.ReportOptions{Lang: lang, Title: title, Rows: picked, NumRows: rows, MaxRows: maxRows, Samples: samples,
		Seed: seed, Timestamp: timestamp, EChartsDir: echartsDir, Static: static}
	if st, err := os.Stderr.Stat(); !quiet && err == nil && st.Mode()&os.ModeCharDevice != 0 {
		o.ProgressWriter = os.Stderr // a bar redrawn in place on a terminal
	} else if !quiet {
		shown := 0 // in a log, a line at each quarter
		o.Progress = func(done, total int) {
			if q := 4 * done / max(total, 1); q > shown {
				shown = q
				fmt.Fprintf(os.Stderr, "report: %d%% (%d/%d steps)\n", 25*q, done, total)
			}
		}
	}
	rep, err := reports.NewReport(run, f, o)
	if err != nil {
		return err
	}
	if err := rep.WriteFile(out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s, %d bytes, %.1f s)\n", out, lang, len(rep.HTML()), time.Since(start).Seconds())
	return nil
}

// reportDataCommand writes one of the built-in tables to CSV.
func reportDataCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("report data", flag.ContinueOnError)
	fs.SetOutput(stdout)
	var name, out string
	var rows int
	var seed int64
	fs.StringVar(&name, "name", "customers", "the table: customers (synthetic, as in notebook 01), breast-cancer or diabetes")
	fs.IntVar(&rows, "rows", 2000, "rows of the synthetic customers table")
	fs.Int64Var(&seed, "seed", 42, "seed of the synthetic customers table")
	fs.StringVar(&out, "out", "", "output `FILE.csv`")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	if out == "" {
		return errors.New("--out FILE.csv is required")
	}
	var f *data.Frame
	var err error
	switch name {
	case "customers":
		if rows <= 0 {
			return fmt.Errorf("--rows must be positive, got %d", rows)
		}
		f, err = datasets.Customers(rows, seed)
	case "breast-cancer":
		f, err = datasets.BreastCancer()
	case "diabetes":
		f, err = datasets.Diabetes()
	default:
		return fmt.Errorf("--name %q: want customers, breast-cancer or diabetes", name)
	}
	if err != nil {
		return err
	}
	if err := writeAtomic(out, f.WriteCSV); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s, %d rows × %d columns)\n", out, name, f.Len(), len(f.Names()))
	return nil
}
