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

func newBar() *bar { return &bar{live: kernel.NewLive(), start: time.Now()} }

func (b *bar) observer() ml.Observer {
	return ml.ObserverFuncs{OnStep: b.step, OnEpoch: b.epoch, OnEnd: b.end}
}

type bar struct {
	live       *kernel.Live
	start      time.Time
	lastRedraw time.Time
	epochs     int
	last       string // the last epoch's line
}

func (b *bar) step(s ml.StepLog) {
	b.epochs = s.Epochs
	if time.Since(b.lastRedraw) < 200*time.Millisecond {
		return
	}
	b.lastRedraw = time.Now()
	b.live.Update(progressOutput(s.Fraction(), fmt.Sprintf("epoch %d/%d · %d/%d rows · loss=%.4f",
		s.Epoch, s.Epochs, s.Rows, s.TotalRows, s.MeanLoss)))
}

func (b *bar) epoch(e ml.EpochLog) {
	b.last = fmt.Sprintf("epoch %d/%d  %s  (%.1fs)", e.Epoch, b.epochs, e.Headline(), e.WallSeconds)
	b.live.Update(progressOutput(float64(e.Epoch)/float64(max(b.epochs, 1)), b.last))
}

func (b *bar) end(h *ml.History) {
	msg := fmt.Sprintf("trained %d epochs in %.1fs", len(h.Epochs), time.Since(b.start).Seconds())
	if h.StoppedEarly {
		msg += " (stopped early)"
	}
	b.live.Finish(progressOutput(1, msg+" · "+b.last))
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
