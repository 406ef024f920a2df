package reports

import (
	"fmt"
	"math"
	"strings"
)

// Point is one dot of a Scatter.
type Point struct {
	X, Y  float64
	Color string // CSS colour; empty: Palette[0]
	Title string // tooltip; empty: none
}

// ColorScale is a colour legend drawn right of a plot: a vertical bar
// through Stops (bottom to top), Low under it, High over it and Title
// along it.
type ColorScale struct {
	Title     string
	Low, High string
	Stops     []string // "#rrggbb", at least two
}

// legendReserve is the width a colour legend takes right of the plot.
const legendReserve = 64

// draw draws the legend in the column right of the plot p in a panel w
// pixels wide.
func (s *ColorScale) draw(b *strings.Builder, p plotArea, w float64) {
	if s == nil || len(s.Stops) < 2 {
		return
	}
	x0, top, bottom := colorBar(p, w, 6)
	const steps = 32
	h := (bottom - top) / steps
	for i := range steps {
		t := (float64(i) + 0.5) / steps
		y := bottom - float64(i+1)*h
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%d" height="%s" style="fill:%s"/>`,
			num(x0), num(y), colorBarWidth, num(h+0.5), ramp(s.Stops, t))
	}
	b.WriteString("\n")
	cx := x0 + colorBarWidth/2
	lw := legendReserve - 6.0
	fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#555;text-anchor:middle">%s</text>`+"\n",
		num(cx), num(top-4), tickSize, esc(fitText(s.High, lw, tickSize)))
	fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#555;text-anchor:middle">%s</text>`+"\n",
		num(cx), num(bottom+tickSize+2), tickSize, esc(fitText(s.Low, lw, tickSize)))
	if s.Title != "" {
		fmt.Fprintf(b, `<text transform="translate(%s,%s) rotate(-90)" style="font-size:%dpx;fill:#333;text-anchor:middle">%s</text>`+"\n",
			num(x0+colorBarWidth+4+labelSize), num((top+bottom)/2), labelSize, esc(fitText(s.Title, p.bottom-p.top, labelSize)))
	}
}

// colorBarWidth is the width of a colour scale's bar, in pixels.
const colorBarWidth = 10

// colorBar places a colour scale's bar in the legend space at the right of
// a panel whose right edge is at right: its left edge and its top and
// bottom, between the plot's top and bottom less gap below, at most 240
// pixels tall and centred.
func colorBar(p plotArea, right, gap float64) (x0, top, bottom float64) {
	x0 = right - pad - legendReserve + 22
	top, bottom = p.top+tickSize+6, p.bottom-tickSize-gap
	if bottom-top > 240 {
		mid := (top + bottom) / 2
		top, bottom = mid-120, mid+120
	}
	if bottom-top < 20 {
		top, bottom = p.top, p.bottom
	}
	return x0, top, bottom
}

// ramp interpolates the colour stops (evenly spaced) at t in [0, 1].
func ramp(stops []string, t float64) string {
	t = min(max(t, 0), 1)
	if !finite(t) {
		t = 0.5
	}
	seg := t * float64(len(stops)-1)
	i := min(int(seg), len(stops)-2)
	u := seg - float64(i)
	a, c := parseHex(stops[i], [3]float64{128, 128, 128}), parseHex(stops[i+1], [3]float64{128, 128, 128})
	var rgb [3]int
	for n := range rgb {
		rgb[n] = int(math.Round(a[n] + (c[n]-a[n])*u))
	}
	return fmt.Sprintf("#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
}

// Scatter is a chart of dots, each with its own colour: beeswarms (with
// YNames, a band per name, the first on top) and dependence plots.
type Scatter struct {
	Title    string
	Subtitle string
	XLabel   string
	YLabel   string
	Points   []Point
	// YNames makes y a band axis: Y = i + offset is drawn in band i.
	YNames []string
	// XNames names x = 0, 1, … (a categorical x).
	XNames []string
	Scale  *ColorScale // a colour legend, right of the plot
	// ZeroLine draws a vertical line at x = 0 when it is in range.
	ZeroLine bool
	// Width is the panel's width (default 640); Height its height
	// (default 380, or RowStep pixels per name of YNames).
	Width, Height int
	RowStep       float64 // default 28
	Radius        float64 // of the dots; default 2.5
}

// SVG renders the scatter as a standalone SVG document.
func (s *Scatter) SVG() string { return Grid(1, s) }

func (s *Scatter) frame() chartFrame {
	w := s.Width
	if w <= 0 {
		w = 640
	}
	f := chartFrame{title: s.Title, subtitle: s.Subtitle, xLabel: s.XLabel, yLabel: s.YLabel, w: w, yNames: s.YNames, xNames: s.XNames}
	if s.Scale != nil {
		f.rightReserve = legendReserve
	}
	f.h = s.Height
	if f.h <= 0 {
		f.h = 380
		if s.YNames != nil {
			step := s.RowStep
			if step <= 0 {
				step = 28
			}
			f.h = int(math.Ceil(f.headerHeight() + step*float64(max(len(s.YNames), 1)) + f.footerHeight()))
			f.h = max(f.h, 260) // room for the colour legend
		}
	}
	return f
}

func (s *Scatter) size() (int, int) {
	f := s.frame()
	return f.w, f.h
}

func (s *Scatter) render(b *strings.Builder, plotTop float64) {
	f := s.frame()
	f.plotTop = plotTop
	var xs, ys domain
	for _, pt := range s.Points {
		if finite(pt.X) && finite(pt.Y) {
			xs.add(pt.X)
			ys.add(pt.Y)
		}
	}
	if s.ZeroLine {
		xs.add(0)
	}
	p := f.layout(b, xs, ys, false)
	if s.ZeroLine && p.x.lo <= 0 && p.x.hi >= 0 {
		x := p.x.px(0)
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#999;stroke-width:1"/>`+"\n", num(x), num(p.top), num(x), num(p.bottom))
	}
	r := s.Radius
	if r <= 0 {
		r = 2.5
	}
	for _, pt := range s.Points {
		if !finite(pt.X) || !finite(pt.Y) {
			continue
		}
		color := pt.Color
		if color == "" {
			color = Palette[0]
		}
		x, y := p.x.px(pt.X), p.y.px(pt.Y)
		if pt.Title != "" {
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" style="fill:%s;fill-opacity:0.85"><title>%s</title></circle>`+"\n",
				num(x), num(y), num(r), esc(color), esc(pt.Title))
		} else {
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" style="fill:%s;fill-opacity:0.85"/>`+"\n", num(x), num(y), num(r), esc(color))
		}
	}
	s.Scale.draw(b, p, float64(f.w))
}

// CellGrid is a grid of coloured cells: Cells[i][c] is drawn in band i of
// the named y axis (the first on top) and column c of the x axis, which
// runs from 0 to the number of columns. Colours run through Scale.Stops
// from -Max (first stop) to +Max (last stop).
type CellGrid struct {
	Title    string
	Subtitle string
	XLabel   string
	YLabel   string
	YNames   []string
	Cells    [][]float64
	// Max is the magnitude where colours saturate; 0: the largest |cell|.
	Max   float64
	Scale *ColorScale
	// Width is the panel's width (default 640); Height its height
	// (default RowStep pixels per row and room for the rest).
	Width, Height int
	RowStep       float64 // default 22
}

// SVG renders the grid as a standalone SVG document.
func (g *CellGrid) SVG() string { return Grid(1, g) }

func (g *CellGrid) frame() chartFrame {
	w := g.Width
	if w <= 0 {
		w = 640
	}
	f := chartFrame{title: g.Title, subtitle: g.Subtitle, xLabel: g.XLabel, yLabel: g.YLabel, w: w, yNames: g.YNames}
	if g.Scale != nil {
		f.rightReserve = legendReserve
	}
	f.h = g.Height
	if f.h <= 0 {
		step := g.RowStep
		if step <= 0 {
			step = 22
		}
		f.h = max(int(math.Ceil(f.headerHeight()+step*float64(max(len(g.YNames), 1))+f.footerHeight())), 200)
	}
	return f
}

func (g *CellGrid) size() (int, int) {
	f := g.frame()
	return f.w, f.h
}

func (g *CellGrid) columns() int {
	n := 0
	for _, row := range g.Cells {
		n = max(n, len(row))
	}
	return n
}

// gridLevels is the number of colour levels on each side of zero: cells
// of one level next to each other are drawn as one rectangle.
const gridLevels = 12

func (g *CellGrid) render(b *strings.Builder, plotTop float64) {
	f := g.frame()
	f.plotTop = plotTop
	n := g.columns()
	xs := domain{fixed: true, fixedLo: 0, fixedHi: float64(max(n, 1))}
	p := f.layout(b, xs, domain{}, true)
	top := g.Max
	if !(top > 0) || !finite(top) {
		top = 0
		for _, row := range g.Cells {
			for _, v := range row {
				if finite(v) {
					top = max(top, math.Abs(v))
				}
			}
		}
	}
	if top == 0 {
		top = 1
	}
	stops := []string{colorDown, "#ffffff", colorUp}
	if g.Scale != nil && len(g.Scale.Stops) >= 2 {
		stops = g.Scale.Stops
	}
	level := func(v float64) int {
		if !finite(v) {
			return math.MinInt
		}
		return int(math.Round(min(max(v/top, -1), 1) * gridLevels))
	}
	band := (p.bottom - p.top) / float64(max(len(g.YNames), 1))
	for i, row := range g.Cells {
		if i >= len(g.YNames) {
			break
		}
		y0 := p.y.px(float64(i)) - band/2
		for c := 0; c < len(row); {
			l := level(row[c])
			e := c + 1
			for e < len(row) && level(row[e]) == l {
				e++
			}
			if l != math.MinInt && l != 0 {
				x0, x1 := p.x.px(float64(c)), p.x.px(float64(e))
				fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" style="fill:%s"/>`,
					num(x0), num(y0), num(x1-x0+0.3), num(band+0.3), ramp(stops, 0.5+0.5*float64(l)/gridLevels))
			}
			c = e
		}
		b.WriteString("\n")
	}
	g.Scale.draw(b, p, float64(f.w))
}
