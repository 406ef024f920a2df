package reports

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Segment is one arrow of a SegmentChart, spanning From to To along x and
// pointing from From to To: rightwards when To > From.
type Segment struct {
	From, To float64
	Color    string // CSS colour; empty: Palette[0]
	// Label and Text are the two lines written near the segment when there
	// is room (a name, and a value in the segment's colour).
	Label, Text string
	Title       string // tooltip; empty: Label and Text
}

// SegmentChart is one row of arrows laid end to end along the x axis, with
// their labels above them: a force plot. Labels are placed largest segment
// first, each centred over its segment where it does not overlap one
// already placed, else in one of the rows above it with a leader line;
// a label that finds no room is left out (the segment keeps its tooltip).
type SegmentChart struct {
	Title    string
	Subtitle string
	XLabel   string
	Segments []Segment
	Markers  []Marker
	// Width is the panel's width (default 720); the height is fixed by
	// the label rows.
	Width int
}

// Layout of a SegmentChart, in pixels.
const (
	segLabelRows = 3  // rows of labels above the arrows
	segRowHeight = 30 // height of a label row (two lines)
	segHeight    = 26 // thickness of the arrows
	segLabelMax  = 170
)

// SVG renders the chart as a standalone SVG document.
func (c *SegmentChart) SVG() string { return Grid(1, c) }

func (c *SegmentChart) frame() chartFrame {
	w := c.Width
	if w <= 0 {
		w = 720
	}
	f := chartFrame{title: c.Title, subtitle: c.Subtitle, xLabel: c.XLabel, w: w, yNames: []string{}}
	for _, m := range c.Markers {
		f.markerRow = f.markerRow || (m.Label != "" && !m.Below)
		f.markerBelow = f.markerBelow || (m.Label != "" && m.Below)
	}
	f.h = int(math.Ceil(f.headerHeight() + segLabelRows*segRowHeight + segHeight + 10 + f.footerHeight()))
	return f
}

func (c *SegmentChart) size() (int, int) {
	f := c.frame()
	return f.w, f.h
}

// placedLabel is a label's box on its row.
type placedLabel struct{ lo, hi float64 }

func (c *SegmentChart) render(b *strings.Builder, plotTop float64) {
	f := c.frame()
	f.plotTop = plotTop
	var xs domain
	for _, s := range c.Segments {
		if finite(s.From) && finite(s.To) {
			xs.add(s.From)
			xs.add(s.To)
		}
	}
	for _, m := range c.Markers {
		if finite(m.X) {
			xs.add(m.X)
		}
	}
	p := f.layout(b, xs, domain{}, false)
	for _, m := range c.Markers {
		p.marker(b, m)
	}
	y1 := p.bottom - 6
	y0 := y1 - segHeight
	mid := (y0 + y1) / 2
	type drawn struct {
		i      int
		x0, x1 float64
	}
	var segs []drawn
	for i, s := range c.Segments {
		if !finite(s.From) || !finite(s.To) {
			continue
		}
		segs = append(segs, drawn{i, p.x.px(s.From), p.x.px(s.To)})
	}
	for _, d := range segs {
		s := c.Segments[d.i]
		color := s.Color
		if color == "" {
			color = Palette[0]
		}
		lo, hi := min(d.x0, d.x1), max(d.x0, d.x1)
		tip := s.Title
		if tip == "" {
			tip = strings.TrimSpace(s.Label + "\n" + s.Text)
		}
		// An arrow: a notch at the tail, a point at the head, both at
		// most half the segment long.
		a := min(6, (hi-lo)/2)
		var path string
		if d.x1 >= d.x0 {
			path = fmt.Sprintf("M%s %sH%sL%s %sL%s %sH%sL%s %sZ", num(lo), num(y0), num(hi-a), num(hi), num(mid), num(hi-a), num(y1), num(lo), num(lo+a), num(mid))
		} else {
			path = fmt.Sprintf("M%s %sH%sL%s %sL%s %sH%sL%s %sZ", num(hi), num(y0), num(lo+a), num(lo), num(mid), num(lo+a), num(y1), num(hi), num(hi-a), num(mid))
		}
		fmt.Fprintf(b, `<g><title>%s</title><path d="%s" style="fill:%s;stroke:#fff;stroke-width:1"/></g>`+"\n", esc(tip), path, esc(color))
	}
	// Labels, largest segment first.
	order := make([]int, len(segs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return math.Abs(segs[order[a]].x1-segs[order[a]].x0) > math.Abs(segs[order[b]].x1-segs[order[b]].x0)
	})
	rows := make([][]placedLabel, segLabelRows)
	const gap = 8
	for _, o := range order {
		d := segs[o]
		s := c.Segments[d.i]
		if s.Label == "" && s.Text == "" {
			continue
		}
		label, text := fitText(s.Label, segLabelMax, tickSize), fitText(s.Text, segLabelMax, tickSize)
		w := max(textWidth(label, tickSize), textWidth(text, tickSize))
		cx := (d.x0 + d.x1) / 2
		lx := min(max(cx-w/2, p.left), p.right-w)
		row := -1
		for r := range rows {
			free := true
			for _, pl := range rows[r] {
				if lx < pl.hi+gap && lx+w > pl.lo-gap {
					free = false
					break
				}
			}
			if free {
				row = r
				break
			}
		}
		if row < 0 {
			continue
		}
		rows[row] = append(rows[row], placedLabel{lx, lx + w})
		ty := y0 - 6 - float64(row)*segRowHeight // baseline of the value line
		color := s.Color
		if color == "" {
			color = Palette[0]
		}
		b.WriteString("<g>")
		if row > 0 || math.Abs(lx+w/2-cx) > 1 {
			fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#aaa;stroke-width:0.8"/>`,
				num(cx), num(y0), num(lx+w/2), num(ty+3))
		}
		halo := ";paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round"
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#333;text-anchor:middle%s">%s</text>`,
			num(lx+w/2), num(ty-tickSize-2), tickSize, halo, esc(label))
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:%s;text-anchor:middle%s">%s</text>`,
			num(lx+w/2), num(ty), tickSize, esc(darker(color)), halo, esc(text))
		b.WriteString("</g>\n")
	}
}
