package data

import (
	"reflect"
	"strings"
	"testing"
)

func valuesFixture(t *testing.T, opts Options) (*Pipeline, *Frame) {
	t.Helper()
	f, err := ReadCSV(strings.NewReader("age,member,city,y\n30,yes,paris,1\n,no,rome,0\n50,yes,,1\n1000,no,oslo,0\n"))
	if err != nil {
		t.Fatal(err)
	}
	opts.Exclude = []string{"y"}
	p, err := Fit(f, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p, f
}

func TestValuesAreInOriginalUnitsAndEncodeLikeTransform(t *testing.T) {
	for _, opts := range []Options{{}, {Clip: ClipIQR, Scale: ScaleMinMax, Impute: ImputeMedian}} {
		p, f := valuesFixture(t, opts)
		v, err := p.Values(f)
		if err != nil {
			t.Fatal(err)
		}
		fill := p.columns[0].Fill
		cities := p.Categories("city") // oslo, paris, rome
		if !reflect.DeepEqual(cities, []string{"oslo", "paris", "rome"}) {
			t.Fatalf("categories = %v", cities)
		}
		want := [][]float64{{30, 1, 1}, {fill, 0, 2}, {50, 1, 0}, {1000, 0, 0}}
		// the fill category is the most frequent one; ties go to the first in order
		want[2][2] = float64(indexOf(cities, p.columns[2].FillCategory))
		if !reflect.DeepEqual(v, want) {
			t.Fatalf("Values = %v, want %v", v, want)
		}
		enc, err := p.EncodeValues(v)
		if err != nil {
			t.Fatal(err)
		}
		direct, err := p.Transform(f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(enc, direct) {
			t.Fatalf("EncodeValues(Values(f)) = %v, Transform(f) = %v", enc, direct)
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func TestEncodeValuesRoundsCategoryCodes(t *testing.T) {
	p, _ := valuesFixture(t, Options{})
	enc, err := p.EncodeValues([][]float64{{40, 1, 1.4}, {40, 0, 7}, {40, 0, -1}})
	if err != nil {
		t.Fatal(err)
	}
	city := func(row []float64) []float64 { return row[2:5] }
	if got := city(enc[0]); !reflect.DeepEqual(got, []float64{0, 1, 0}) {
		t.Errorf("1.4 → %v, want paris", got)
	}
	if got := city(enc[1]); !reflect.DeepEqual(got, []float64{0, 0, 1}) {
		t.Errorf("7 → %v, want the last category", got)
	}
	if got := city(enc[2]); !reflect.DeepEqual(got, []float64{0, 0, 0}) {
		t.Errorf("−1 → %v, want all zeros", got)
	}
}

func TestValuesErrorsNameRowAndColumn(t *testing.T) {
	p, _ := valuesFixture(t, Options{UnseenError: true})
	f, _ := ReadCSV(strings.NewReader("age,member,city\n30,yes,paris\n31,no,lima\n"))
	if _, err := p.Values(f); err == nil || !strings.Contains(err.Error(), `row 2, column "city"`) || !strings.Contains(err.Error(), "lima") {
		t.Errorf("unseen category: %v", err)
	}
	lenient, _ := valuesFixture(t, Options{})
	if v, err := lenient.Values(f); err != nil || v[1][2] != -1 {
		t.Errorf("unseen category by default: %v, %v; want −1", v, err)
	}
	g, _ := ReadCSV(strings.NewReader("age,member\n30,yes\n"))
	if _, err := p.Values(g); err == nil || !strings.Contains(err.Error(), `"city"`) {
		t.Errorf("missing column: %v", err)
	}
	if _, err := p.EncodeValues([][]float64{{1, 2}}); err == nil || !strings.Contains(err.Error(), "row 1 has 2 values, want 3") {
		t.Errorf("short row: %v", err)
	}
	nan := 0.0
	nan /= nan
	if _, err := p.EncodeValues([][]float64{{1, 0, 0}, {nan, 0, 0}}); err == nil || !strings.Contains(err.Error(), `row 2, column "age"`) {
		t.Errorf("NaN: %v", err)
	}
	if _, err := p.Values(nil); err == nil {
		t.Error("nil frame accepted")
	}
}

func TestDecodeValuesInvertsTheEncoding(t *testing.T) {
	p, f := valuesFixture(t, Options{})
	v, err := p.Values(f)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := p.Transform(f)
	if err != nil {
		t.Fatal(err)
	}
	back, err := p.DecodeValues(enc)
	if err != nil {
		t.Fatal(err)
	}
	for r := range v {
		for j := range v[r] {
			if d := back[r][j] - v[r][j]; d > 1e-9 || d < -1e-9 {
				t.Fatalf("row %d column %d: decoded %v, want %v", r, j, back[r][j], v[r][j])
			}
		}
	}
	// A k-means-like centre: fractional one-hot snaps to the heaviest category.
	centre := append([]float64(nil), enc[0]...)
	centre[2], centre[3], centre[4] = 0.2, 0.3, 0.5
	got, _ := p.DecodeValues([][]float64{centre})
	if got[0][2] != 2 {
		t.Fatalf("centre's city = %v, want 2 (rome)", got[0][2])
	}
	if _, err := p.DecodeValues([][]float64{{1}}); err == nil || !strings.Contains(err.Error(), "row 1 has 1 features") {
		t.Fatalf("short row: %v", err)
	}
}
