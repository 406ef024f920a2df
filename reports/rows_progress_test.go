package reports

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glassbox-ml/glassbox/kernel"
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

// fakeLive records what a notebook bar draws.
type fakeLive struct {
	mu     sync.Mutex
	drawn  []string
	finals int
}

func (f *fakeLive) Update(o kernel.Output) {
	f.mu.Lock()
	f.drawn = append(f.drawn, o.Text)
	f.mu.Unlock()
}
func (f *fakeLive) Finish(o kernel.Output) {
	f.mu.Lock()
	f.drawn = append(f.drawn, o.Text)
	f.finals++
	f.mu.Unlock()
}

func (f *fakeLive) last() (string, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.drawn[len(f.drawn)-1], f.finals
}

// TestExplainProgressContext: the notebook bar shows rows, rate and time
// left; stopped by its context it says how far the work got, counting the
// rows that finish after the stop; a finished bar is left alone when the
// context ends later.
func TestExplainProgressContext(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var lives []*fakeLive
	newLive := func() liveArea { l := &fakeLive{}; lives = append(lives, l); return l }
	ctx, cancel := context.WithCancelCause(context.Background())
	p := explainProgress(ctx, now, newLive)
	for done := range 5 {
		p(done, 1000)
		clock = clock.Add(time.Second)
	}
	if got, _ := lives[0].last(); !strings.HasSuffix(got, "  0% 4/1,000 rows · 1 rows/s · 16m36s left") {
		t.Errorf("bar at 4 of 1,000 rows: %q", got)
	}
	cancel(errors.New("interrupt signal received"))
	deadline := time.Now().Add(2 * time.Second)
	for _, finals := lives[0].last(); finals == 0 && time.Now().Before(deadline); _, finals = lives[0].last() {
		time.Sleep(time.Millisecond)
	}
	p(5, 1000) // a row in flight at the stop
	want := "stopped after 5 of 1,000 rows (interrupt signal received)"
	if got, finals := lives[0].last(); !strings.HasSuffix(got, want) || finals != 1 {
		t.Errorf("after the stop: %q (%d final draws), want …%q", got, finals, want)
	}

	// A bar that finished stays finished when its context ends.
	ctx, stop := context.WithCancel(context.Background())
	p = explainProgress(ctx, now, newLive)
	p(0, 2)
	p(1, 2)
	p(2, 2)
	stop()
	time.Sleep(20 * time.Millisecond)
	if got, finals := lives[1].last(); !strings.Contains(got, "explained 2 rows in") || finals != 1 {
		t.Errorf("finished bar after its context ended: %q (%d final draws)", got, finals)
	}
}
