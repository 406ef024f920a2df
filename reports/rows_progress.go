package reports

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/glassbox-ml/glassbox/internal/numfmt"
	"github.com/glassbox-ml/glassbox/kernel"
)

// ExplainProgress returns a progress hook for explanations
// (explain.Options.Progress, explain.LIMEOptions.Progress) that draws a
// live bar in the notebook cell — rows done, rows per second, time left —
// redrawn at most five times a second, and leaves "explained N rows in T"
// in the saved notebook. Outside a notebook it prints only that final
// line. Each call of the explainer (done back at 0) starts a new bar.
//
// It is ExplainProgressContext(context.Background()): a bar whose work is
// stopped stays where it was.
func ExplainProgress() func(done, total int) {
	return ExplainProgressContext(context.Background())
}

// ExplainProgressContext is ExplainProgress for work that ctx stops — the
// context given to explain.ExplainContext or explain.Stream, such as
// kernel.InterruptContext's in a cell the kernel may interrupt. When ctx is
// done before the work is, the bar says so and how far the work got
// ("stopped after 1,129 of 100,000 rows (interrupt signal received)"),
// counting the rows that finish after the signal, and that is the state
// the saved notebook keeps; outside a notebook that line is printed.
func ExplainProgressContext(ctx context.Context) func(done, total int) {
	return explainProgress(ctx, time.Now, func() liveArea { return kernel.NewLive() })
}

// liveArea is where the notebook bar draws: a kernel.Live.
type liveArea interface {
	Update(kernel.Output)
	Finish(kernel.Output)
}

func explainProgress(ctx context.Context, now func() time.Time, newLive func() liveArea) func(done, total int) {
	var mu sync.Mutex // the hook and the AfterFunc below
	r := &rowRate{now: now}
	var live liveArea
	finished := false
	stoppedOutput := func() kernel.Output {
		return progressOutput(r.fraction(), fmt.Sprintf("stopped after %s of %s rows (%v)",
			numfmt.Table(float64(r.done)), numfmt.Table(float64(r.total)), context.Cause(ctx)))
	}
	context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if live != nil && !finished {
			live.Finish(stoppedOutput())
		}
	})
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done == 0 || live == nil {
			live, finished = newLive(), false
		}
		switch {
		case r.update(done, total):
			finished = true
			live.Finish(progressOutput(1, r.summary()))
		case ctx.Err() != nil: // the rows in flight when it stopped
			live.Update(stoppedOutput())
			kernel.Flush()
		case done == 0 || r.redraw(200*time.Millisecond):
			live.Update(progressOutput(r.fraction(), r.status()))
		}
	}
}

// TerminalProgress returns a progress hook for explanations that writes
// to w, a terminal's standard error. With redraw (w is a terminal) it is
// one bar — rows done, rows per second, time left — redrawn in place with
// carriage returns at most five times a second and ended by a newline
// when the work is done. Without (a log, a pipe) it writes a line when the
// work starts, one every ten seconds, and one at the end:
//
//	explained 0 of 100,000 rows
//	explained 4,213 of 100,000 rows (4%) · 421 rows/s · 3m48s left
//	explained 100,000 rows in 3m57s · 422 rows/s
func TerminalProgress(w io.Writer, redraw bool) func(done, total int) {
	return terminalProgress(w, redraw, time.Now)
}

func terminalProgress(w io.Writer, redraw bool, now func() time.Time) func(done, total int) {
	r := &rowRate{now: now}
	every := 10 * time.Second
	if redraw {
		every = 200 * time.Millisecond
	}
	return func(done, total int) {
		end := r.update(done, total)
		switch {
		case redraw && end:
			fmt.Fprintf(w, "\r%s\x1b[K\n", progressOutput(1, r.summary()).Text)
		case redraw && (done == 0 || r.redraw(every)):
			fmt.Fprintf(w, "\r%s\x1b[K", progressOutput(r.fraction(), r.status()).Text)
		case end:
			fmt.Fprintln(w, r.summary())
		case done == 0 || r.redraw(every):
			fmt.Fprintln(w, r.line())
		}
	}
}

// rowRate follows rows done against time: the rate since the start and the
// time left at that rate.
type rowRate struct {
	now         func() time.Time
	start, last time.Time // the work's start, the last redraw
	done, total int
}

// update records done of total rows; done = 0, or a first call, starts the
// clock (and counts as a redraw). It reports whether the work is complete.
func (r *rowRate) update(done, total int) bool {
	if done == 0 || r.start.IsZero() {
		r.start = r.now()
		r.last = r.start
	}
	r.done, r.total = done, total
	return done >= total
}

// redraw reports whether at least every has passed since it last said so.
func (r *rowRate) redraw(every time.Duration) bool {
	if t := r.now(); t.Sub(r.last) >= every {
		r.last = t
		return true
	}
	return false
}

func (r *rowRate) fraction() float64 { return float64(r.done) / float64(max(r.total, 1)) }

// perSecond is the rows per second since the start; 0 before a row is done.
func (r *rowRate) perSecond() float64 {
	s := r.now().Sub(r.start).Seconds()
	if r.done == 0 || s <= 0 {
		return 0
	}
	return float64(r.done) / s
}

// status is the line of work in progress beside a bar, which shows the
// percentage: "628/1,500 rows · 142 rows/s · 3s left".
func (r *rowRate) status() string {
	s := numfmt.Table(float64(r.done)) + "/" + numfmt.Table(float64(r.total)) + " rows"
	if rate := r.perSecond(); rate > 0 {
		s += " · " + r.speed(rate)
	}
	return s
}

// line is the line of work in progress in a log: "explained 628 of 1,500
// rows (42%) · 142 rows/s · 3s left".
func (r *rowRate) line() string {
	s := fmt.Sprintf("explained %s of %s rows", numfmt.Table(float64(r.done)), numfmt.Table(float64(r.total)))
	if rate := r.perSecond(); rate > 0 {
		s += fmt.Sprintf(" (%.0f%%) · %s", 100*r.fraction(), r.speed(rate))
	}
	return s
}

// speed is "142 rows/s · 3s left" at rate rows per second.
func (r *rowRate) speed(rate float64) string {
	left := time.Duration(float64(r.total-r.done) / rate * float64(time.Second))
	return rateText(rate) + " rows/s · " + durationText(left) + " left"
}

// summary is the line of finished work.
func (r *rowRate) summary() string {
	s := fmt.Sprintf("explained %s rows in %s", numfmt.Table(float64(r.done)), durationText(r.now().Sub(r.start)))
	if rate := r.perSecond(); rate > 0 {
		s += " · " + rateText(rate) + " rows/s"
	}
	return s
}

// rateText writes a rate with two significant digits below 100 (0.52,
// 8.3, 42) and as a whole number above (1,234).
func rateText(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.2g", v)
	case v < 100:
		return fmt.Sprintf("%.0f", v)
	}
	return numfmt.Table(float64(int64(v + 0.5)))
}

// durationText writes d to the second as 42s, 3m05s or 2h07m.
func durationText(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
}
