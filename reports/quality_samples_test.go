package reports

import (
	"testing"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// TestQualitySamples trains on real data sets and writes the quality charts
// to $GLASSBOX_SAMPLES to look at.
func TestQualitySamples(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	cases := []struct {
		name, target string
		load         func() (*data.Frame, error)
	}{
		{"breast-cancer", "target", datasets.BreastCancer},
		{"diabetes", "target", datasets.Diabetes},
		{"customers-channel", "channel", func() (*data.Frame, error) { return datasets.Customers(1200, 5) }},
	}
	// Hostile and long class names, many classes, and a chart that is not defined.
	names := []string{`</text><script>alert(1)</script>`, `C&D "q"`, "一个很长很长的类别名称", "d", "extraordinarily long class name", "f", "g", "h"}
	var y []float64
	var p [][]float64
	for i := range 400 {
		c := i % len(names)
		row := make([]float64, len(names))
		for j := range row {
			row[j] = 0.3 / float64(len(names)-1)
		}
		row[(c+i/7%2)%len(names)] = 0.7
		y, p = append(y, float64(c)), append(p, row)
	}
	writeSample(t, "confusion-hostile.svg", Confusion(y, p, names).SVG)
	writeSample(t, "roc-hostile.svg", ROC(y, p, names...).SVG)
	writeSample(t, "roc-undefined.svg", ROC([]float64{1, 1}, [][]float64{{0.3}, {0.8}}, "no", "yes").SVG)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := c.load()
			if err != nil {
				t.Fatal(err)
			}
			run, err := ml.Train(f, c.target, ml.TrainOptions{Epochs: 20, Seed: 1, Quiet: true, Backend: "go"})
			if err != nil {
				t.Fatal(err)
			}
			o, err := Quality(run, f)
			if err != nil {
				t.Fatal(err)
			}
			parseSVG(t, o.SVG)
			if o.Text == "" {
				t.Errorf("no text")
			}
			t.Log(o.Text)
			writeSample(t, "quality-"+c.name+".svg", o.SVG)
		})
	}
}
