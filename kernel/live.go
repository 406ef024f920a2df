package kernel

import (
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Live is an output area that is replaced in place as work progresses:
// progress bars, training curves, counters. In a notebook it is a display
// with a transient display id; each Update redraws it. Outside a notebook
// Update prints nothing and Finish prints the final text, so logs stay short.
//
// The zero Live is not usable; create one with NewLive.
type Live struct {
	id string
}

// NewLive returns a new live output area. Nothing appears until Update.
func NewLive() *Live { return &Live{id: "glassbox-live-" + gonbui.UniqueId()} }

// ID returns the transient display id used in the notebook.
func (l *Live) ID() string { return l.id }

// Update replaces the content of the live area with o.
func (l *Live) Update(o Output) {
	if !InNotebook() || o.IsZero() {
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: o.mimeBundle(), DisplayID: l.id})
}

// Finish replaces the live area's content a last time and flushes it, so the
// final state is what the saved notebook keeps; a chart with an ECharts
// option is then interactive, as with Show (updates stay SVG). Outside a
// notebook it prints o.Text.
func (l *Live) Finish(o Output) {
	if !InNotebook() {
		printText(o.Text)
		return
	}
	l.Update(o.interactive())
	gonbui.Sync()
}
