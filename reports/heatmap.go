package reports

import (
	"fmt"
	"math"
	"strings"
)

// Heatmap shows a distribution per x value as a column of shaded bins —
// weights per epoch, predictions per bucket — with optional lines on top
// (a mean, a quantile). Each column has its own bin edges; the shade is the
// bin's count per pixel of height, relative to the panel's densest bin.
type Heatmap struct {
	Title    string
	Subtitle string
	XLabel   string
	YLabel   string
	Columns  []HeatColumn
	Lines    []Series // drawn over the columns, on the same axes
	// Width and Height are the panel's size in pixels (default 400 × 280).
	Width, Height int
	XInteger      bool   // x ticks on whole numbers only
	Color         string // "#rrggbb" of the densest bin; default dark blue
}

// HeatColumn is one column of a Heatmap, centred on X and as wide as the
// smallest gap between neighbouring columns. Counts[i] counts the values
// in [Edges[i], Edges[i+1]); len(Edges) == len(Counts)+1.
type HeatColumn struct {
	X      float64
	Edges  []float64
	Counts []float64
	Title  string // the column's tooltip
}

func (hm *Heatmap) size() (int, int) {
	w, h := hm.Width, hm.Height
	if w <= 0 {
		w = 400
	}
	if h <= 0 {
		h = 280
	}
	return w, h
}

// SVG renders the heatmap as a standalone SVG document.
func (hm *Heatmap) SVG() string { return Grid(1, hm) }

// frame is the heatmap's title, legend (of its lines) and size.
func (hm *Heatmap) frame() chartFrame {
	w, h := hm.size()
	lines := make([]Series, len(hm.Lines))
	for i, s := range hm.Lines {
		if s.Color == "" {
			s.Color = Palette[(i+1)%len(Palette)]
		}
		lines[i] = s
	}
	return chartFrame{title: hm.Title, subtitle: hm.Subtitle, xLabel: hm.XLabel, yLabel: hm.YLabel, w: w, h: h, legend: lines}
}

func (hm *Heatmap) render(b *strings.Builder, plotTop float64) {
	f := hm.frame()
	f.plotTop = plotTop
	cols := make([]HeatColumn, 0, len(hm.Columns))
	for _, c := range hm.Columns {
		if finite(c.X) && len(c.Edges) == len(c.Counts)+1 && len(c.Counts) > 0 {
			cols = append(cols, c)
		}
	}
	half := 0.5
	for i := 1; i < len(cols); i++ {
		if gap := math.Abs(cols[i].X - cols[i-1].X); gap > 0 {
			half = min(half, gap/2)
		}
	}
	var xs, ys domain
	for _, c := range cols {
		xs.add(c.X - half)
		xs.add(c.X + half)
		for _, e := range c.Edges {
			if finite(e) {
				ys.add(e)
			}
		}
	}
	lines := f.legend
	for _, s := range lines {
		for j := range min(len(s.X), len(s.Y)) {
			if finite(s.X[j]) && finite(s.Y[j]) {
				xs.add(s.X[j])
				ys.add(s.Y[j])
			}
		}
	}
	if len(cols) > 0 { // columns fill the x range exactly
		xs.fixed, xs.fixedLo, xs.fixedHi = true, xs.lo, xs.hi
	}
	p := f.layout(b, xs, ys, hm.XInteger)

	// Shade: count per pixel of bin height, relative to the densest bin;
	// bins thinner than a pixel count as one pixel high.
	type cell struct {
		x0, x1, y0, y1, density float64
	}
	var cells [][]cell
	maxDensity := 0.0
	for _, c := range cols {
		var cs []cell
		x0, x1 := p.x.px(c.X-half), p.x.px(c.X+half)
		for i, n := range c.Counts {
			lo, hi := c.Edges[i], c.Edges[i+1]
			if !finite(lo) || !finite(hi) || !(n > 0) {
				continue
			}
			y0, y1 := p.y.px(hi), p.y.px(lo) // y0 above y1
			if y1-y0 < 2 {
				mid := (y0 + y1) / 2
				y0, y1 = mid-1, mid+1
			}
			d := n / (y1 - y0)
			maxDensity = max(maxDensity, d)
			cs = append(cs, cell{x0, x1, y0, y1, d})
		}
		cells = append(cells, cs)
	}
	hue := parseHex(hm.Color, [3]float64{8, 48, 107})
	for i, c := range cols {
		fmt.Fprintf(b, `<g><title>%s</title>`, esc(c.Title))
		x0, x1 := p.x.px(c.X-half), p.x.px(c.X+half)
		// An invisible rectangle makes the whole column hoverable.
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" style="fill:#fff;fill-opacity:0"/>`,
			num(x0), num(p.top), num(x1-x0), num(p.bottom-p.top))
		for _, cl := range cells[i] {
			t := math.Sqrt(cl.density / maxDensity) // square root: the tails stay visible
			// Each cell reaches half a pixel into the next one up and to the
			// right, which is drawn over it: no hairline seams.
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" style="fill:%s"/>`,
				num(cl.x0), num(cl.y0-0.5), num(cl.x1-cl.x0+0.5), num(cl.y1-cl.y0+0.5), shade(hue, t))
		}
		b.WriteString("</g>\n")
	}
	for _, s := range lines {
		p.line(b, s, hm.XLabel)
	}
}

// shade mixes white towards hue by t in [0, 1], starting from a light tint
// so that the smallest counts are still seen.
func shade(hue [3]float64, t float64) string {
	t = 0.12 + 0.88*min(max(t, 0), 1)
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(255 + (hue[i]-255)*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// parseHex reads "#rrggbb", or returns def.
func parseHex(s string, def [3]float64) [3]float64 {
	var r, g, b int
	if len(s) != 7 || s[0] != '#' {
		return def
	}
	if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err != nil {
		return def
	}
	return [3]float64{float64(r), float64(g), float64(b)}
}
