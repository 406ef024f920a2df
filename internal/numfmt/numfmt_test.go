package numfmt

import (
	"math"
	"testing"
)

func TestTable(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {0.12345, "0.1235"}, {2.5664, "2.566"}, {70.794, "70.79"}, {59300, "59,300"},
		{-1234567, "-1,234,567"}, {56925.5, "56,925.5"}, {1234.567, "1,234.57"}, {0.00001234, "1.23e-05"},
		{2e15, "2e+15"}, {math.NaN(), "NaN"}, {math.Inf(1), "+Inf"},
	} {
		if got := Table(c.v); got != c.want {
			t.Errorf("Table(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
