package explain

import (
	"io"
	"testing"
)

// benchExplanation is an explanation of rows rows × 30 features with
// standard errors, as Permutation SHAP makes.
func benchExplanation(rows int) *Explanation {
	e := &Explanation{Method: "permutation", Link: LinkIdentity, OutputNames: []string{"y"}}
	for j := range 30 {
		e.FeatureNames = append(e.FeatureNames, "x"+string(rune('a'+j%26)))
	}
	for r := range rows {
		v, se, d := matrix(30, 1), matrix(30, 1), make([]float64, 30)
		for j := range 30 {
			v[j][0], se[j][0], d[j] = float64(r*j)*0.001234567, float64(r+j)*0.0007654321, float64(j)*1.5
		}
		e.Values, e.StdErr, e.Data = append(e.Values, v), append(e.StdErr, se), append(e.Data, d)
		e.BaseValues = append(e.BaseValues, []float64{0.4})
	}
	return e
}

// BenchmarkWriteJSON and BenchmarkJSONWriter write the same 10,000 rows in
// one piece and in blocks of 1,024 through temporary files.
func BenchmarkWriteJSON(b *testing.B) {
	e := benchExplanation(10000)
	for b.Loop() {
		if err := e.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONWriter(b *testing.B) {
	e := benchExplanation(10000)
	dir := b.TempDir()
	for b.Loop() {
		w := NewJSONWriter(io.Discard, dir)
		for first := 0; first < e.Rows(); first += 1024 {
			end := min(first+1024, e.Rows())
			p := *e
			p.Values, p.StdErr, p.Data, p.BaseValues = e.Values[first:end], e.StdErr[first:end], e.Data[first:end], e.BaseValues[first:end]
			if err := w.Write(&p); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
