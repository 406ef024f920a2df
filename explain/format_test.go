package explain

import (
	"math"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 2.566: "2.566", 0.12345: "0.1235", 70.79: "70.79", 999.96: "1000", 59300: "59,300",
		-1234567: "-1,234,567", 56925.5: "56,925.5", 1234.567: "1,234.57", 3e-7: "3e-07",
		1e16: "1e+16", 1: "1", math.Inf(1): "+Inf",
	} {
		if got := formatNumber(v); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
