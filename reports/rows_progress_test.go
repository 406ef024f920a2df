package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestTerminalProgress drives the hook with a clock that moves 3 s per
// row: in a log a line every 10 s with rate and time left, then the
// summary; on a terminal one line redrawn in place, ended by a newline.
func TestTerminalProgress(t *testing.T) {
	for _, redraw := range []bool{false, true} {
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		now := func() time.Time { return clock }
		var b bytes.Buffer
		p := terminalProgress(&b, redraw, now)
		for done := range 11 {
			p(done, 10)
			clock = clock.Add(3 * time.Second)
		}
		out := b.String()
		if !redraw {
			want := "explained 0 of 10 rows\n" +
				"explained 4 of 10 rows (40%) · 0.33 rows/s · 18s left\n" +
				"explained 8 of 10 rows (80%) · 0.33 rows/s · 6s left\n" +
				"explained 10 rows in 30s · 0.33 rows/s\n"
			if out != want {
				t.Errorf("log lines:\n%s\nwant\n%s", out, want)
			}
			continue
		}
		if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "explained 10 rows in 30s · 0.33 rows/s\x1b[K\n") ||
			strings.Count(out, "\r") != 11 || !strings.Contains(out, "\r[█████████░░░░░░░░░░░░░░░░░░░░░]  30% 3/10 rows · 0.33 rows/s · 21s left\x1b[K\r") {
			t.Errorf("terminal bar: %q", out)
		}
	}
}

func TestDurationAndRateText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0s", 42 * time.Second: "42s", 185 * time.Second: "3m05s", 7620 * time.Second: "2h07m", 1500 * time.Millisecond: "2s",
	} {
		if got := durationText(d); got != want {
			t.Errorf("durationText(%v) = %q, want %q", d, got, want)
		}
	}
	for v, want := range map[float64]string{0.523: "0.52", 8.31: "8.3", 42.4: "42", 1234.4: "1,234"} {
		if got := rateText(v); got != want {
			t.Errorf("rateText(%v) = %q, want %q", v, got, want)
		}
	}
}
