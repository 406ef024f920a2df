package ml

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/kernel"
)

// progress shows training as it happens: a live bar redrawn in place in a
// notebook cell, or a plain line per epoch in a terminal.
type progress struct {
	quiet      bool
	out        io.Writer
	live       *kernel.Live
	rows       int
	epochs     int
	start      time.Time
	lastRedraw time.Time
	lastLine   string
}

func newProgress(opts FitOptions, rows int) *progress {
	p := &progress{quiet: opts.Quiet, out: opts.Out, rows: rows, epochs: opts.Epochs, start: time.Now()}
	if !p.quiet && kernel.InNotebook() {
		p.live = kernel.NewLive()
	}
	return p
}

// step redraws the live bar at most five times a second.
func (p *progress) step(epoch, rowsDone int, loss float64) {
	if p.live == nil || time.Since(p.lastRedraw) < 200*time.Millisecond {
		return
	}
	p.lastRedraw = time.Now()
	done := (float64(epoch-1) + float64(rowsDone)/float64(p.rows)) / float64(p.epochs)
	p.live.Update(p.render(done, fmt.Sprintf("epoch %d/%d · %d/%d rows · loss=%.4f", epoch, p.epochs, rowsDone, p.rows, loss)))
}

// epoch reports a finished epoch.
func (p *progress) epoch(log EpochLog) {
	if p.quiet {
		return
	}
	line := fmt.Sprintf("epoch %d/%d  %s  (%.1fs)", log.Epoch, p.epochs, formatMetrics(headline(log.Metrics)), log.WallSeconds)
	p.lastLine = line
	if p.live != nil {
		p.live.Update(p.render(float64(log.Epoch)/float64(p.epochs), line))
		return
	}
	fmt.Fprintln(p.out, line)
}

// done leaves the final state in the cell.
func (p *progress) done(h *History) {
	if p.live == nil {
		return
	}
	msg := fmt.Sprintf("trained %d epochs in %.1fs", len(h.Epochs), time.Since(p.start).Seconds())
	if h.StoppedEarly {
		msg += " (stopped early)"
	}
	o := p.render(1, msg+" · "+p.lastLine)
	p.live.Finish(o)
}

func (p *progress) render(fraction float64, text string) kernel.Output {
	fraction = min(max(fraction, 0), 1)
	const width = 30
	filled := int(fraction * width)
	bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	return kernel.Output{
		Text: fmt.Sprintf("[%s] %3.0f%% %s", bar, fraction*100, text),
		HTML: fmt.Sprintf(`<div style="font-family:monospace"><progress value="%.3f" max="1" style="width:24em"></progress> %3.0f%%<br>%s</div>`,
			fraction, fraction*100, html.EscapeString(text)),
	}
}

// headline keeps the metrics a progress line shows: the losses, accuracy and
// AUC for classification, RMSE and R² for regression (scalars.jsonl has all).
func headline(m Metrics) Metrics {
	out := Metrics{}
	for _, name := range []string{"loss", "accuracy", "auc", "rmse", "r2"} {
		for _, key := range []string{name, "val_" + name} {
			if v, ok := m[key]; ok {
				out[key] = v
			}
		}
	}
	return out
}
