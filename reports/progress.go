package reports

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/glassbox-ml/glassbox/kernel"
	"github.com/glassbox-ml/glassbox/ml"
)

// ProgressBar returns an ml.Observer that draws training as a live progress
// bar in the notebook cell — epoch, rows, running loss — redrawn in place at
// most five times a second, and leaves the final state (epochs, time, last
// metrics) in the saved notebook. Outside a notebook it prints only that
// final line.
func ProgressBar() ml.Observer {
	return newBar().observer()
}

func newBar() *bar { return &bar{start: time.Now()} }

func (b *bar) observer() ml.Observer {
	live := kernel.NewLive()
	return ml.ObserverFuncs{
		OnStep: func(s ml.StepLog) {
			if o, ok := b.step(s); ok {
				live.Update(o)
			}
		},
		OnEpoch: func(e ml.EpochLog) { live.Update(b.epoch(e)) },
		OnEnd:   func(h *ml.History) { live.Finish(b.end(h)) },
	}
}

// bar is the state of a progress bar; its methods return what to draw.
type bar struct {
	start      time.Time
	lastRedraw time.Time
	epochs     int
	last       string // the last epoch's line
}

// step returns the bar within the epoch, and whether to redraw it (at most
// five times a second).
func (b *bar) step(s ml.StepLog) (kernel.Output, bool) {
	b.epochs = s.Epochs
	if time.Since(b.lastRedraw) < 200*time.Millisecond {
		return kernel.Output{}, false
	}
	b.lastRedraw = time.Now()
	return progressOutput(s.Fraction(), fmt.Sprintf("epoch %d/%d · %d/%d rows · loss=%.4f",
		s.Epoch, s.Epochs, s.Rows, s.TotalRows, s.MeanLoss)), true
}

func (b *bar) epoch(e ml.EpochLog) kernel.Output {
	b.last = fmt.Sprintf("epoch %d/%d  %s  (%.1fs)", e.Epoch, b.epochs, e.Headline(), e.WallSeconds)
	return progressOutput(float64(e.Epoch)/float64(max(b.epochs, 1)), b.last)
}

func (b *bar) end(h *ml.History) kernel.Output {
	msg := fmt.Sprintf("trained %d epochs in %.1fs", len(h.Epochs), time.Since(b.start).Seconds())
	if h.StoppedEarly {
		msg += " (stopped early)"
	}
	return progressOutput(1, msg+" · "+b.last)
}

// progressOutput is a bar filled to fraction (clamped to [0, 1]) with a
// line of text: an HTML <progress> element, and text blocks for terminals.
func progressOutput(fraction float64, text string) kernel.Output {
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
