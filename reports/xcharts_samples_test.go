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
}
