package tfevents_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/glassbox-ml/glassbox/internal/tfevents"
)

func Example() {
	run, err := os.MkdirTemp("", "run")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(run)
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

	w, err := tfevents.Create(filepath.Join(run, "train"), start)
	if err != nil {
		panic(err)
	}
	for epoch := range int64(3) {
		wall := start.Add(time.Duration(epoch) * time.Second)
		w.Scalar("epoch_loss", epoch, wall, 1/float64(epoch+1))
	}
	w.Histogram("dense_0/bias", 0, start, tfevents.HistogramFromBins([]float64{-1, 0, 1}, []int{3, 5}, 0.1, 0.5))
	w.Text("model_summary", 0, start, "Dense(64, relu) → Dense(1, sigmoid)")
	if err := w.Close(); err != nil {
		panic(err)
	}

	events, err := tfevents.ReadFile(w.Path())
	if err != nil {
		panic(err)
	}
	fmt.Println(filepath.Base(w.Path()), events[0].FileVersion)
	for _, e := range events[1:] {
		v := e.Values[0]
		switch v.Kind {
		case "scalar":
			fmt.Printf("step %d %s %s %.4g\n", e.Step, v.Kind, v.Tag, v.Scalar)
		case "histogram":
			fmt.Printf("step %d %s %s %v %v\n", e.Step, v.Kind, v.Tag, v.Histogram.BucketLimits, v.Histogram.BucketCounts)
		case "text":
			fmt.Printf("step %d %s %s %q\n", e.Step, v.Kind, v.Tag, v.Text)
		}
	}
	// Output:
	// events.out.tfevents.1767323045.glassbox brain.Event:2
	// step 0 scalar epoch_loss 1
	// step 1 scalar epoch_loss 0.5
	// step 2 scalar epoch_loss 0.3333
	// step 0 histogram dense_0/bias [0 1] [3 5]
	// step 0 text model_summary "Dense(64, relu) → Dense(1, sigmoid)"
}
