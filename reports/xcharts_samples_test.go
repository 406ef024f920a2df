package reports

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/glassbox-ml/glassbox/explain"
	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// TestExplanationSamples writes the explanation charts of a breast-cancer
// model (30 features) and a customers model (categories, LIME) to
// $GLASSBOX_SAMPLES, to look at; without the variable it is skipped (it
// trains two models).
func TestExplanationSamples(t *testing.T) {
	if os.Getenv("GLASSBOX_SAMPLES") == "" || testing.Short() {
		t.Skip("set GLASSBOX_SAMPLES to write the explanation samples")
	}
	write := func(name string, o kernel.Output) {
		t.Helper()
		if o.SVG == "" {
			t.Fatalf("%s: no SVG: %s", name, o.Text)
		}
		writeSample(t, name+".svg", o.SVG)
		writeSample(t, name+".txt", o.Text)
	}
	f, err := datasets.BreastCancer()
	if err != nil {
		t.Fatal(err)
	}
	run, err := ml.Train(f, "target", ml.TrainOptions{RunDir: filepath.Join(t.TempDir(), "bc"), Seed: 7, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	X, err := run.RawRows(f)
	if err != nil {
		t.Fatal(err)
	}
	background, err := explain.SampleBackground(X, 20, 1)
	if err != nil {
		t.Fatal(err)
	}
	kx, err := explain.NewKernel(run.RawModel(), background, explain.Options{Seed: 1, Samples: 512})
	if err != nil {
		t.Fatal(err)
	}
	e, err := kx.Explain(X[:120])
	if err != nil {
		t.Fatal(err)
	}
	write("bc-waterfall", Waterfall(e, 0, 0))
	write("bc-importance", Importance(e, 0))
	write("bc-beeswarm", Beeswarm(e, 0))
	write("bc-dependence", Dependence(e, "worst concave points", 0))
	write("bc-heatmap", AttributionHeatmap(e, 0))
	write("bc-force", ForcePlot(e, 0, 0))
	write("bc-decision", DecisionPlot(e, 0))
	ig, gap, err := explain.IntegratedGradients(run.Model, must(run.Pipeline.EncodeValues(X[:2])), explain.GradientOptions{Steps: 8})
	if err != nil {
		t.Fatal(err)
	}
	write("bc-ig", IntegratedGradients(ig, gap, 0, 0))
	pd, err := explain.PartialDependence(run.RawModel(), X[:150], 27, explain.PDPOptions{FeatureName: e.FeatureNames[27]})
	if err != nil {
		t.Fatal(err)
	}
	col := make([]float64, 150)
	for i := range col {
		col[i] = X[i][27]
	}
	write("bc-pdp", PartialDependence(pd, PDPView{Values: col, OutputName: e.OutputNames[0]}))
	y, err := f.Floats("target")
	if err != nil {
		t.Fatal(err)
	}
	pfi, err := explain.PermutationFeatureImportance(run.RawModel(), X, y, explain.AUC, explain.ImportanceOptions{Seed: 1, Repeats: 3})
	if err != nil {
		t.Fatal(err)
	}
	write("bc-perm", PermutationImportance(pfi))
	px, err := explain.NewPermutation(run.RawModel(), background, explain.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, err := px.Explain(X[:20])
	if err != nil {
		t.Fatal(err)
	}
	write("bc-importance-se", Importance(p, 0))

	cf, err := datasets.Customers(600, 42)
	if err != nil {
		t.Fatal(err)
	}
	crun, err := ml.Train(cf, "buys", ml.TrainOptions{RunDir: filepath.Join(t.TempDir(), "cu"), Seed: 42, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Exclude: []string{"demand"}}})
	if err != nil {
		t.Fatal(err)
	}
	CX, err := crun.RawRows(cf)
	if err != nil {
		t.Fatal(err)
	}
	cbg, err := explain.SampleBackground(CX, 30, 1)
	if err != nil {
		t.Fatal(err)
	}
	ck, err := explain.NewKernel(crun.RawModel(), cbg, explain.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ce, err := ck.Explain(CX[:200])
	if err != nil {
		t.Fatal(err)
	}
	write("cu-waterfall", Waterfall(ce, 0, 0))
	write("cu-beeswarm", Beeswarm(ce, 0))
	write("cu-dependence", Dependence(ce, ce.FeatureNames[0], 0))
	write("cu-dependence-cat", Dependence(ce, "channel", 0))
	lime, err := explain.NewLIME(crun.RawModel(), CX, explain.LIMEOptions{Seed: 1, Categories: crun.CategoryLabels()})
	if err != nil {
		t.Fatal(err)
	}
	le, err := lime.Explain(CX[:1])
	if err != nil {
		t.Fatal(err)
	}
	write("cu-lime-waterfall", Waterfall(le, 0, 0))
	write("cu-lime-force", ForcePlot(le, 0, 0))
	write("cu-force", ForcePlot(ce, 0, 0))
	many, err := lime.Explain(CX[:40])
	if err != nil {
		t.Fatal(err)
	}
	first := *ce // the same 40 rows as LIME's
	first.Values, first.BaseValues, first.Data = ce.Values[:40], ce.BaseValues[:40], ce.Data[:40]
	write("cu-agreement", Agreement(&first, many, 0))
}

// must returns v, ignoring err: for samples whose inputs are known good.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
