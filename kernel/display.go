package kernel

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Output is one piece of cell output in every form its producer can give.
// The notebook front end shows the richest form it supports; Text is the
// text/plain fallback that terminals, the CLI and plain-text exports show.
// Empty fields are left out. The zero Output displays nothing.
type Output struct {
	HTML     string // text/html fragment
	Markdown string // text/markdown
	SVG      string // image/svg+xml document
	PNG      []byte // image/png bytes
	Text     string // text/plain fallback
	// ECharts is an ECharts option (JSON, safe to inline in HTML) drawing
	// the same chart as SVG interactively. With SVG set and HTML empty,
	// Show sends the interactive chart as text/html over the SVG (see
	// Interactive); elsewhere it is ignored.
	ECharts string
}

// IsZero reports whether o carries no content at all.
func (o Output) IsZero() bool {
	return o.HTML == "" && o.Markdown == "" && o.SVG == "" && len(o.PNG) == 0 && o.Text == ""
}

// mimeBundle returns the Jupyter MIME bundle of o: one entry per non-empty
// form. SVG is also wrapped into the HTML entry when there is no HTML form,
// because Jupyter's HTML export drops bare SVG outputs.
func (o Output) mimeBundle() map[protocol.MIMEType]any {
	b := map[protocol.MIMEType]any{}
	if o.HTML != "" {
		b[protocol.MIMETextHTML] = o.HTML
	}
	if o.Markdown != "" {
		b[protocol.MIMETextMarkdown] = o.Markdown
	}
	if o.SVG != "" {
		b[protocol.MIMEImageSVG] = o.SVG
		if o.HTML == "" {
			b[protocol.MIMETextHTML] = "<div>" + o.SVG + "</div>"
		}
	}
	if len(o.PNG) > 0 {
		b[protocol.MIMEImagePNG] = o.PNG
	}
	if o.Text != "" {
		b[protocol.MIMETextPlain] = o.Text
	}
	return b
}

// InNotebook reports whether the process runs as a GoNB notebook cell.
// Outside a notebook (tests, the CLI, a terminal) displays fall back to text.
func InNotebook() bool { return gonbui.IsNotebook }

// stdout is where text fallbacks go outside a notebook: os.Stdout as it is
// at the time of the call when nil. Tests replace it.
var (
	outMu  sync.Mutex
	stdout io.Writer
)

// Show displays o as a new output of the running cell, then waits until the
// kernel has received it, so nothing is lost when the cell's process exits.
// Outside a notebook it prints o.Text (if any) followed by a newline.
func Show(o Output) {
	if o.IsZero() {
		return
	}
	if !InNotebook() {
		printText(o.Text)
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: o.interactive().mimeBundle()})
	gonbui.Sync()
}

func printText(text string) {
	if text == "" {
		return
	}
	outMu.Lock()
	defer outMu.Unlock()
	w := stdout
	if w == nil {
		w = os.Stdout
	}
	fmt.Fprintln(w, text)
}

// HTML displays an HTML fragment, with plain as its text fallback.
func HTML(html, plain string) { Show(Output{HTML: html, Text: plain}) }

// Markdown displays Markdown; its source doubles as the text fallback.
func Markdown(md string) { Show(Output{Markdown: md, Text: md}) }

// SVG displays an SVG image, with plain as its text fallback.
func SVG(svg, plain string) { Show(Output{SVG: svg, Text: plain}) }

// PNG displays PNG bytes, with plain as its text fallback.
func PNG(png []byte, plain string) { Show(Output{PNG: png, Text: plain}) }

// Flush waits until every display sent so far has reached the kernel. Show
// and Live already flush; call Flush after using gonbui directly.
func Flush() { gonbui.Sync() }
