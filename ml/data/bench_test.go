package data_test

import (
	"bytes"
	"testing"

	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// customers10k returns 10,000 generated customers and their CSV text.
func customers10k(b *testing.B) (*data.Frame, []byte) {
	b.Helper()
	f, err := datasets.Customers(10000, 1)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.WriteCSV(&buf); err != nil {
		b.Fatal(err)
	}
	return f, buf.Bytes()
}

// BenchmarkReadCSV reads 10,000 rows × 14 columns of customer data.
func BenchmarkReadCSV(b *testing.B) {
	_, text := customers10k(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := data.ReadCSV(bytes.NewReader(text)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitTransform fits a Pipeline with IQR clipping on 10,000 rows
// (12 input columns, 17 features) and encodes them.
func BenchmarkFitTransform(b *testing.B) {
	f, _ := customers10k(b)
	opts := data.Options{Exclude: []string{"buys", "demand"}, Clip: data.ClipIQR}
	for b.Loop() {
		p, err := data.Fit(f, opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Transform(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTransformRecords encodes 10,000 raw records, as prediction on
// user rows does.
func BenchmarkTransformRecords(b *testing.B) {
	f, _ := customers10k(b)
	p, err := data.Fit(f, data.Options{Exclude: []string{"buys", "demand"}})
	if err != nil {
		b.Fatal(err)
	}
	recs := make([]map[string]string, f.Len())
	for r := range recs {
		recs[r], _ = f.Record(r)
	}
	for b.Loop() {
		if _, err := p.TransformRecords(recs); err != nil {
			b.Fatal(err)
		}
	}
}
