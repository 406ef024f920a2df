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
