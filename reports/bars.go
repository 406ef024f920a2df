package reports

import (
	"fmt"
	"math"
	"strings"
)

// Bar is one horizontal bar of a BarChart, spanning From to To along x.
type Bar struct {
	Label    string  // its name on the y axis
	From, To float64 // the bar's ends; To < From draws it leftwards
	Color    string  // CSS colour; empty: Palette[0]
	// Text is printed beside the bar's end in its direction (right of To
	// when To ≥ From, left of it otherwise), in the bar's colour.
	Text string
	// ErrLo and ErrHi draw a whisker from ErrLo to ErrHi when ErrHi > ErrLo.
	ErrLo, ErrHi float64
	Title        string // tooltip; empty: Label
}

// BarChart is a chart of horizontal bars, one per band of a named y axis,
// the first at the top: importances, or a waterfall when the bars start
// where the previous one ended (Connect draws the steps between them).
type BarChart struct {
	Title    string
	Subtitle string
	XLabel   string
	YLabel   string
	Bars     []Bar
	Markers  []Marker
	// Connect draws a thin line at every bar's From down to the bar under
	// it: a waterfall that adds up from the bottom.
	Connect bool
	// Width is the panel's width (default 640); Height its height
	// (default: BarStep pixels per bar and room for the rest).
	Width, Height int
	// BarStep is the height of a bar's band in pixels (default 20).
	BarStep float64
	// ZeroLine draws a vertical line at x = 0 when it is in range.
	ZeroLine bool
}

// SVG renders the bar chart as a standalone SVG document.
func (c *BarChart) SVG() string { return Grid(1, c) }

func (c *BarChart) step() float64 {
	if c.BarStep > 0 {
		return c.BarStep
	}
	return 20
}

func (c *BarChart) frame() chartFrame {
	w := c.Width
	if w <= 0 {
		w = 640
	}
	f := chartFrame{title: c.Title, subtitle: c.Subtitle, xLabel: c.XLabel, yLabel: c.YLabel, w: w}
	for _, m := range c.Markers {
		f.markerRow = f.markerRow || (m.Label != "" && !m.Below)
		f.markerBelow = f.markerBelow || (m.Label != "" && m.Below)
	}
	f.yNames = make([]string, len(c.Bars))
	for i, b := range c.Bars {
		f.yNames[i] = b.Label
	}
	f.h = c.Height
	if f.h <= 0 {
		f.h = int(math.Ceil(f.headerHeight() + c.step()*float64(max(len(c.Bars), 1)) + f.footerHeight()))
	}
	return f
}

// footerHeight is the room a frame keeps under its plot.
func (f chartFrame) footerHeight() float64 {
	h := float64(pad + tickSize + tickLen + 4)
	if f.xLabel != "" {
		h += labelSize + 6
	}
	if f.markerBelow {
		h += tickSize + 6
	}
	return h
}

func (c *BarChart) size() (int, int) {
	f := c.frame()
	return f.w, f.h
}

// xDomain is the range the bars, whiskers and markers span.
func (c *BarChart) xDomain() domain {
	var xs domain
	for _, b := range c.Bars {
		for _, v := range []float64{b.From, b.To} {
			if finite(v) {
				xs.add(v)
			}
		}
		if b.ErrHi > b.ErrLo && finite(b.ErrLo) && finite(b.ErrHi) {
			xs.add(b.ErrLo)
			xs.add(b.ErrHi)
		}
	}
	for _, m := range c.Markers {
		if finite(m.X) {
			xs.add(m.X)
		}
	}
	if c.ZeroLine {
		xs.add(0)
	}
	return xs
}

// textEnd is where a bar's text starts (its end in its direction, past
// the whisker) and whether it runs leftwards.
func (b Bar) textEnd() (float64, bool) {
	if b.To < b.From {
		end := b.To
		if b.ErrHi > b.ErrLo {
			end = min(end, b.ErrLo)
		}
		return end, true
	}
	end := b.To
	if b.ErrHi > b.ErrLo {
		end = max(end, b.ErrHi)
	}
	return end, false
}

// layoutBars lays the chart out with room for the bars' texts: it widens
// the x range until every text fits beside its bar inside the plot.
func (c *BarChart) layoutBars(b *strings.Builder, f chartFrame) plotArea {
	xs := c.xDomain()
	for range 3 {
		var scratch strings.Builder
		p := f.layout(&scratch, xs, domain{}, false)
		perPx := (p.x.hi - p.x.lo) / max(p.right-p.left, 1)
		grow := false
		for _, bar := range c.Bars {
			if bar.Text == "" || !finite(bar.From) || !finite(bar.To) {
				continue
			}
			end, left := bar.textEnd()
			need := (textWidth(bar.Text, tickSize) + 6) * perPx
			if left && end-need < p.x.lo {
				xs.add(end - need)
				grow = true
			} else if !left && end+need > p.x.hi {
				xs.add(end + need)
				grow = true
			}
		}
		if !grow {
			break
		}
	}
	return f.layout(b, xs, domain{}, false)
}

func (c *BarChart) render(b *strings.Builder, plotTop float64) {
	f := c.frame()
	f.plotTop = plotTop
	p := c.layoutBars(b, f)
	if c.ZeroLine && p.x.lo <= 0 && p.x.hi >= 0 {
		x := p.x.px(0)
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#999;stroke-width:1"/>`+"\n", num(x), num(p.top), num(x), num(p.bottom))
	}
	for _, m := range c.Markers { // under the bars and their texts
		p.marker(b, m)
	}
	band := (p.bottom - p.top) / float64(max(len(c.Bars), 1))
	thick := min(max(band*0.7, 1), 24)
	for i, bar := range c.Bars {
		if !finite(bar.From) || !finite(bar.To) {
			continue
		}
		color := bar.Color
		if color == "" {
			color = Palette[0]
		}
		cy := p.y.px(float64(i))
		x0, x1 := p.x.px(min(bar.From, bar.To)), p.x.px(max(bar.From, bar.To))
		title := bar.Title
		if title == "" {
			title = bar.Label
		}
		fmt.Fprintf(b, `<g><title>%s</title><rect x="%s" y="%s" width="%s" height="%s" style="fill:%s"/>`,
			esc(title), num(x0), num(cy-thick/2), num(max(x1-x0, 1)), num(thick), esc(color))
		if bar.ErrHi > bar.ErrLo && finite(bar.ErrLo) && finite(bar.ErrHi) {
			e0, e1 := p.x.px(bar.ErrLo), p.x.px(bar.ErrHi)
			fmt.Fprintf(b, `<path d="M%s %sH%sM%s %sV%sM%s %sV%s" style="fill:none;stroke:#333;stroke-width:1.2"/>`,
				num(e0), num(cy), num(e1), num(e0), num(cy-thick/4), num(cy+thick/4), num(e1), num(cy-thick/4), num(cy+thick/4))
		}
		if bar.Text != "" {
			end, left := bar.textEnd()
			tx, anchor := p.x.px(end)+3, "start"
			if left {
				tx, anchor = p.x.px(end)-3, "end"
			}
			// A white halo keeps the text readable over marker lines.
			fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:%s;text-anchor:%s;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round">%s</text>`,
				num(tx), num(cy+tickSize*0.36), tickSize, esc(darker(color)), anchor, esc(bar.Text))
		}
		b.WriteString("</g>\n")
		if c.Connect && i+1 < len(c.Bars) && finite(c.Bars[i+1].To) {
			x := p.x.px(bar.From)
			fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#bbb;stroke-width:1;stroke-dasharray:2 2"/>`+"\n",
				num(x), num(cy+thick/2), num(x), num(p.y.px(float64(i+1))-thick/2))
		}
	}
}

// darker returns a "#rrggbb" colour darkened for text on white; other
// colours unchanged.
func darker(c string) string {
	if len(c) != 7 || c[0] != '#' {
		return c
	}
	rgb := parseHex(c, [3]float64{-1, -1, -1})
	if rgb[0] < 0 {
		return c
	}
	return fmt.Sprintf("#%02x%02x%02x", int(rgb[0]*0.8), int(rgb[1]*0.8), int(rgb[2]*0.8))
}
