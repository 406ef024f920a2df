package reports

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the chart layer: line charts and column heatmaps drawn as
// self-contained SVG — width, height and viewBox set, inline styles, no
// scripts, no ids, no external references — so a chart can be shown in a
// notebook, inlined in an HTML report several times over, or saved as a
// file. Every text that comes from data or the caller is XML-escaped, and
// the same input gives the same bytes.

// FontFamily is the font stack of every chart: the system's UI font, with
// CJK fonts named so that Chinese labels render with the fonts Linux and
// Windows ship.
const FontFamily = `system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif`

// Palette is the default colour cycle of series (colour-blind friendly,
// after Tableau 10).
var Palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

// Series is one line of a Chart. Points whose Y (or X) is NaN or infinite
// are left out and break the line, as are Y ≤ 0 on a log axis.
type Series struct {
	Name     string // legend entry and tooltip; empty: no legend entry
	NoLegend bool   // named in tooltips only
	X, Y     []float64
	Color    string // CSS colour; empty: Palette[index of the series]
	Dashed   bool
	// NoDots leaves out the point markers (and their tooltips). Series
	// with more than MaxDots points have none anyway.
	NoDots bool
	// Scatter draws the points as dots only, without the line, every one
	// of them (tooltips on at most MaxScatterTips).
	Scatter bool
	// Fill shades the area between the line and y = 0 (or the bottom of
	// the plot when 0 is below it) in the series' colour.
	Fill bool
	// Tips, when set, are the tooltips of the points (by index), in place
	// of "x: … / name: …".
	Tips []string
	// Width is the line's stroke width in pixels (default 1.8); dots grow
	// with it. Opacity, in (0, 1], fades the line (default opaque): many
	// thin faded lines show a bundle, such as ICE curves.
	Width, Opacity float64
}

// MaxScatterTips is the most points of a scatter series with tooltips.
const MaxScatterTips = 1000

// MaxDots is the most points a series shows as dots with tooltips.
const MaxDots = 120

// Marker is a vertical line across a chart's plot at X, labelled above
// the plot or, with Below, under the x axis's tick labels.
type Marker struct {
	X     float64
	Label string
	Color string // empty: dark grey
	Below bool
}

// Chart is a line chart with any number of series, nice axes, a legend
// and optional vertical markers. The zero value of every option is a
// sensible default; render it with SVG, or several with Grid.
type Chart struct {
	Title    string
	Subtitle string // a smaller grey line under the title
	XLabel   string
	YLabel   string
	Series   []Series
	Markers  []Marker
	// Width and Height are the chart's size in pixels (default 400 × 280).
	Width, Height int
	// LogY draws y on a log10 axis.
	LogY bool
	// XInteger puts x ticks on whole numbers only (epochs, steps).
	XInteger bool
	// XMin, XMax fix the x range; when both are zero it is the data's,
	// widened to nice ticks. YMin, YMax likewise for y (ignored on a log
	// axis).
	XMin, XMax float64
	YMin, YMax float64
	// XNames names x = 0, 1, … (a categorical x over [-0.5, n-0.5]).
	XNames []string
	// YNames makes y a band axis: y = i is the centre of band i, named
	// YNames[i], the first at the top (y runs from -0.5 at the top to
	// n-0.5 at the bottom).
	YNames []string
	// Rug, when set, draws the distribution of these x values as a grey
	// histogram strip along the bottom of the plot.
	Rug []float64
}

// Panel is a chart that Grid can lay out: *Chart or *Heatmap.
type Panel interface {
	size() (w, h int)
	frame() chartFrame
	// render draws the panel with its plot starting at least plotTop
	// pixels down, so that the plots of a row line up.
	render(b *strings.Builder, plotTop float64)
}

// SVG renders the chart as a standalone SVG document.
func (c *Chart) SVG() string { return Grid(1, c) }

// Grid lays panels out in rows of cols (at least 1), as one SVG document.
// Each row is as tall as its tallest panel, and the plots of a row start
// at the same height whatever the titles and legends above them.
func Grid(cols int, panels ...Panel) string {
	var body strings.Builder
	width, height := layoutGrid(cols, panels, func(p Panel, at panelPos) {
		fmt.Fprintf(&body, `<g transform="translate(%d,%d)">`+"\n", at.x, at.y)
		p.render(&body, at.plotTop)
		body.WriteString("</g>\n")
	})
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" style="font-family:%s;background:#fff">`+"\n",
		width, height, width, height, FontFamily)
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="%d" style="fill:#fff"/>`+"\n", width, height)
	b.WriteString(body.String())
	b.WriteString("</svg>\n")
	return b.String()
}

// panelPos is where layoutGrid puts a panel: its top left corner, its size,
// and how far down its row's plots start.
type panelPos struct {
	x, y, w, h int
	plotTop    float64
}

// layoutGrid places panels in rows of cols (at least 1), each row as tall
// as its tallest panel and its plots starting at the same height, calls
// place for each panel in order, and returns the grid's size. The SVG and
// the interactive charts share it, so both draw the same layout.
func layoutGrid(cols int, panels []Panel, place func(Panel, panelPos)) (width, height int) {
	cols = max(cols, 1)
	for r := 0; r < len(panels); r += cols {
		row := panels[r:min(r+cols, len(panels))]
		plotTop := 0.0
		for _, p := range row {
			plotTop = max(plotTop, p.frame().headerHeight())
		}
		x, rowH := 0, 0
		for _, p := range row {
			w, h := p.size()
			place(p, panelPos{x: x, y: height, w: w, h: h, plotTop: plotTop})
			x += w
			rowH = max(rowH, h)
		}
		width = max(width, x)
		height += rowH
	}
	return width, height
}

// Layout constants, in pixels.
const (
	pad        = 8
	titleSize  = 14
	subSize    = 11
	legendSize = 12
	tickSize   = 11
	labelSize  = 12
	lineHeight = 18
	tickLen    = 4
)

func (c *Chart) size() (int, int) {
	w, h := c.Width, c.Height
	if w <= 0 {
		w = 400
	}
	if h <= 0 {
		h = 280
	}
	return w, h
}

// axis maps data values to pixels along one direction.
type axis struct {
	lo, hi   float64 // data domain (log10 of it on a log axis)
	p0, p1   float64 // pixels of lo and hi
	log      bool
	ticks    []float64 // in data units
	decimals int       // of linear tick labels
}

func (a axis) px(v float64) float64 {
	if a.log {
		v = math.Log10(v)
	}
	return a.p0 + (v-a.lo)/(a.hi-a.lo)*(a.p1-a.p0)
}

// ok reports whether v can be drawn on the axis.
func (a axis) ok(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && (!a.log || v > 0)
}

func (a axis) label(v float64) string {
	if a.log {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return formatTick(v, a.decimals)
}

// plotArea is where a chart draws its data, and its two axes.
type plotArea struct {
	left, top, right, bottom float64
	x, y                     axis
}

// chartFrame lays out the parts every panel shares — title, subtitle,
// legend, axes with ticks and titles — around a plot, and draws them.
type chartFrame struct {
	title, subtitle, xLabel, yLabel string
	w, h                            int
	legend                          []Series
	markerRow                       bool    // leave a row above the plot for marker labels
	markerBelow                     bool    // leave a row under the x tick labels for marker labels
	plotTop                         float64 // the plot starts at least this far down
	// yNames, when set, makes y a band axis: name i labels the band
	// centred on y = i, the first at the top. The left margin is as wide
	// as the longest name, up to 45% of the panel (longer ones are cut
	// with an ellipsis and keep their full text as a tooltip).
	yNames []string
	// xNames, when set, labels x = 0, 1, … with the names instead of
	// numbers, over the range [-0.5, len(xNames)-0.5].
	xNames []string
	// rightReserve is room kept free right of the plot (a colour legend).
	rightReserve float64
}

// bandLabelWidth is the width kept for the names of a band axis.
func (f chartFrame) bandLabelWidth() float64 {
	wmax := 0.45 * float64(f.w)
	lw := 0.0
	for _, n := range f.yNames {
		lw = max(lw, textWidth(n, tickSize))
	}
	return min(lw, wmax)
}

// headerHeight is the height of the title, subtitle, legend and marker
// row: where the plot starts.
func (f chartFrame) headerHeight() float64 {
	top := float64(pad)
	if f.title != "" {
		top += titleSize + 6
	}
	if f.subtitle != "" {
		top += subSize + 6
	}
	top += float64(len(legendRows(f.legend, float64(f.w)-2*pad)))*lineHeight + 6
	if f.markerRow {
		top += tickSize + 4
	}
	return top
}

// legendRows splits the legend into rows that fit width.
func legendRows(entries []Series, width float64) [][]int {
	var rows [][]int
	var row []int
	x := 0.0
	for i, s := range entries {
		if s.Name == "" || s.NoLegend {
			continue
		}
		ew := legendEntryWidth(s.Name)
		if len(row) > 0 && x+ew > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		row = append(row, i)
		x += ew
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func legendEntryWidth(name string) float64 { return 22 + 4 + textWidth(name, legendSize) + 14 }

// header draws the title, subtitle and legend, and returns where the plot
// starts.
func (f chartFrame) header(b *strings.Builder) float64 {
	w := float64(f.w)
	top := float64(pad)
	if f.title != "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;font-weight:600;fill:#222">%s</text>`+"\n",
			num(pad), num(top+titleSize), titleSize, esc(fitText(f.title, w-2*pad, titleSize)))
		top += titleSize + 6
	}
	if f.subtitle != "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#666">%s</text>`+"\n",
			num(pad), num(top+subSize), subSize, esc(fitText(f.subtitle, w-2*pad, subSize)))
		top += subSize + 6
	}
	rows := legendRows(f.legend, w-2*pad)
	for _, row := range rows {
		x := float64(pad)
		cy := top + lineHeight/2
		for _, i := range row {
			s := f.legend[i]
			switch {
			case s.Scatter:
				fmt.Fprintf(b, `<g><title>%s</title><circle cx="%s" cy="%s" r="3.5" style="fill:%s;fill-opacity:0.6"/>`,
					esc(s.Name), num(x+11), num(cy), esc(s.Color))
			case s.Fill:
				fmt.Fprintf(b, `<g><title>%s</title><rect x="%s" y="%s" width="22" height="10" style="fill:%s;fill-opacity:0.3;stroke:%s;stroke-width:1.5"/>`,
					esc(s.Name), num(x), num(cy-5), esc(s.Color), esc(s.Color))
			default:
				fmt.Fprintf(b, `<g><title>%s</title><line x1="%s" y1="%s" x2="%s" y2="%s" style="%s"/>`,
					esc(s.Name), num(x), num(cy), num(x+22), num(cy), lineStyle(s))
			}
			fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#333">%s</text></g>`+"\n",
				num(x+26), num(cy+legendSize*0.36), legendSize, esc(s.Name))
			x += legendEntryWidth(s.Name)
		}
		top += lineHeight
	}
	top = max(f.headerHeight(), f.plotTop)
	return top
}

// layout computes the plot area, given the x and y domains (before nice
// widening), and draws the frame: title, legend, grid, ticks, axis titles.
func (f chartFrame) layout(b *strings.Builder, xs, ys domain, xInteger bool) plotArea {
	w, h := float64(f.w), float64(f.h)
	top := f.header(b)

	bottom := h - pad - tickSize - tickLen - 4
	if f.xLabel != "" {
		bottom -= labelSize + 6
	}
	if f.markerBelow {
		bottom -= tickSize + 6
	}
	var p plotArea
	left := float64(pad)
	if f.yLabel != "" {
		left += labelSize + 6
	}
	labelW := 0.0
	if f.yNames != nil {
		p.y = axis{lo: -0.5, hi: float64(len(f.yNames)) - 0.5}
		labelW = f.bandLabelWidth()
	} else {
		p.y = ys.axis(5, false)
		for _, t := range p.y.ticks {
			labelW = max(labelW, textWidth(p.y.label(t), tickSize))
		}
	}
	left += labelW + tickLen + 4
	if f.xNames != nil {
		p.x = axis{lo: -0.5, hi: float64(len(f.xNames)) - 0.5}
		for i := range f.xNames {
			p.x.ticks = append(p.x.ticks, float64(i))
		}
	} else {
		p.x = xs.axis(max(2, min(8, int((w-left-pad-f.rightReserve)/70))), xInteger)
	}
	right := w - pad - 2 - f.rightReserve
	if n := len(p.x.ticks); n > 0 { // room for half of the last x tick label
		right = min(right, w-pad-f.rightReserve-textWidth(f.xTick(p.x, p.x.ticks[n-1]), tickSize)/2)
	}
	p.left, p.top, p.right, p.bottom = left, top, right, bottom
	p.x.p0, p.x.p1 = left, right
	p.y.p0, p.y.p1 = bottom, top
	if f.yNames != nil { // the first name at the top
		p.y.p0, p.y.p1 = top, bottom
	}

	// Grid lines and tick labels.
	for _, t := range p.y.ticks {
		y := p.y.px(t)
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#e8e8e8;stroke-width:1"/>`+"\n", num(left), num(y), num(right), num(y))
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#555;text-anchor:end">%s</text>`+"\n",
			num(left-tickLen-2), num(y+tickSize*0.36), tickSize, esc(p.y.label(t)))
	}
	for i, name := range f.yNames {
		y := p.y.px(float64(i))
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#f0f0f0;stroke-width:1"/>`+"\n", num(left), num(y), num(right), num(y))
		label := fitText(name, labelW, tickSize)
		if label != name {
			fmt.Fprintf(b, `<g><title>%s</title>`, esc(name))
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#333;text-anchor:end">%s</text>`,
			num(left-tickLen-2), num(y+tickSize*0.36), tickSize, esc(label))
		if label != name {
			b.WriteString("</g>")
		}
		b.WriteString("\n")
	}
	xTickW := (right - left) / float64(max(len(p.x.ticks), 1))
	for _, t := range p.x.ticks {
		x := p.x.px(t)
		label := f.xTick(p.x, t)
		if f.xNames != nil {
			label = fitText(label, xTickW-4, tickSize)
		}
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#f0f0f0;stroke-width:1"/>`+"\n", num(x), num(top), num(x), num(bottom))
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:#888;stroke-width:1"/>`+"\n", num(x), num(bottom), num(x), num(bottom+tickLen))
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#555;text-anchor:middle">%s</text>`+"\n",
			num(x), num(bottom+tickLen+tickSize+1), tickSize, esc(label))
	}
	fmt.Fprintf(b, `<path d="M%s %sV%sH%s" style="fill:none;stroke:#888;stroke-width:1"/>`+"\n", num(left), num(top), num(bottom), num(right))
	if f.xLabel != "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#333;text-anchor:middle">%s</text>`+"\n",
			num((left+right)/2), num(h-pad), labelSize, esc(fitText(f.xLabel, right-left, labelSize)))
	}
	if f.yLabel != "" {
		cy := (top + bottom) / 2
		fmt.Fprintf(b, `<text transform="translate(%s,%s) rotate(-90)" style="font-size:%dpx;fill:#333;text-anchor:middle">%s</text>`+"\n",
			num(pad+labelSize), num(cy), labelSize, esc(fitText(f.yLabel, bottom-top, labelSize)))
	}
	return p
}

// xTick is the label of x tick t: its name on a named axis.
func (f chartFrame) xTick(a axis, t float64) string {
	if f.xNames != nil {
		if i := int(math.Round(t)); i >= 0 && i < len(f.xNames) {
			return f.xNames[i]
		}
		return ""
	}
	return a.label(t)
}

// frame is the chart's title, legend and size.
func (c *Chart) frame() chartFrame {
	w, h := c.size()
	f := chartFrame{title: c.Title, subtitle: c.Subtitle, xLabel: c.XLabel, yLabel: c.YLabel, w: w, h: h, legend: c.series(),
		xNames: c.XNames, yNames: c.YNames}
	for _, m := range c.Markers {
		f.markerRow = f.markerRow || (m.Label != "" && !m.Below)
		f.markerBelow = f.markerBelow || (m.Label != "" && m.Below)
	}
	return f
}

// series returns the series with their colours.
func (c *Chart) series() []Series {
	series := make([]Series, len(c.Series))
	for i, s := range c.Series {
		if s.Color == "" {
			s.Color = Palette[i%len(Palette)]
		}
		series[i] = s
	}
	return series
}

func (c *Chart) render(b *strings.Builder, plotTop float64) {
	xs := domain{fixedLo: c.XMin, fixedHi: c.XMax, fixed: c.XMin != 0 || c.XMax != 0}
	ys := domain{fixedLo: c.YMin, fixedHi: c.YMax, fixed: (c.YMin != 0 || c.YMax != 0) && !c.LogY, log: c.LogY}
	f := c.frame()
	f.plotTop = plotTop
	series := f.legend
	for _, s := range series {
		for j := range min(len(s.X), len(s.Y)) {
			if finite(s.X[j]) && finite(s.Y[j]) && (!c.LogY || s.Y[j] > 0) {
				xs.add(s.X[j])
				ys.add(s.Y[j])
			}
		}
	}
	for _, m := range c.Markers {
		if finite(m.X) {
			xs.add(m.X)
		}
	}
	for _, v := range c.Rug {
		if finite(v) {
			xs.add(v)
		}
	}
	p := f.layout(b, xs, ys, c.XInteger)
	p.rug(b, c.Rug)
	for _, m := range c.Markers {
		p.marker(b, m)
	}
	for _, s := range series {
		p.line(b, s, c.XLabel)
	}
}

// rugBins is the number of bins of a rug across the plot's width.
const rugBins = 40

// rug draws the distribution of the values v along the bottom of the plot:
// a grey bar per bin of the x axis, up to 22 pixels high for the fullest
// bin, with its count as tooltip.
func (p plotArea) rug(b *strings.Builder, v []float64) {
	if len(v) == 0 {
		return
	}
	counts := make([]int, rugBins)
	most := 0
	for _, x := range v {
		if !p.x.ok(x) {
			continue
		}
		i := int((p.x.px(x) - p.left) / (p.right - p.left) * rugBins)
		i = min(max(i, 0), rugBins-1)
		counts[i]++
		most = max(most, counts[i])
	}
	if most == 0 {
		return
	}
	bw := (p.right - p.left) / rugBins
	const hmax = 22
	b.WriteString("<g>")
	for i, n := range counts {
		if n == 0 {
			continue
		}
		h := max(hmax*float64(n)/float64(most), 1.5)
		lo := p.x.lo + (p.x.hi-p.x.lo)*float64(i)/rugBins
		hi := p.x.lo + (p.x.hi-p.x.lo)*float64(i+1)/rugBins
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" style="fill:#9e9e9e;fill-opacity:0.45"><title>%s</title></rect>`,
			num(p.left+float64(i)*bw+0.5), num(p.bottom-h), num(max(bw-1, 0.5)), num(h),
			esc(fmt.Sprintf("%s – %s: %d rows / 行", formatValue(lo), formatValue(hi), n)))
	}
	b.WriteString("</g>\n")
}

// marker draws a vertical line at m.X with its label just above the plot
// (in the row layout left for it), starting at the line or, near the right
// edge, ending there.
func (p plotArea) marker(b *strings.Builder, m Marker) {
	if !p.x.ok(m.X) {
		return
	}
	x := p.x.px(m.X)
	if x < p.left-0.5 || x > p.right+0.5 {
		return
	}
	color := m.Color
	if color == "" {
		color = "#444"
	}
	fmt.Fprintf(b, `<g><title>%s</title><line x1="%s" y1="%s" x2="%s" y2="%s" style="stroke:%s;stroke-width:1.2;stroke-dasharray:4 3"/>`,
		esc(m.Label), num(x), num(p.top), num(x), num(p.bottom), esc(color))
	if m.Label != "" {
		label := fitText(m.Label, max(x-p.left, p.right-x), tickSize)
		tx, anchor := x-2, "start"
		if x-2+textWidth(label, tickSize) > p.right+pad {
			tx, anchor = x+2, "end"
		}
		y := p.top - 4
		if m.Below {
			y = p.bottom + tickLen + 2*tickSize + 7
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:%s;text-anchor:%s">%s</text>`,
			num(tx), num(y), tickSize, esc(color), anchor, esc(label))
	}
	b.WriteString("</g>\n")
}

// line draws a series as one path (gaps where points cannot be drawn) and,
// for short series, a dot with a tooltip per point; a scatter series as
// dots only.
func (p plotArea) line(b *strings.Builder, s Series, xName string) {
	n := min(len(s.X), len(s.Y))
	var d strings.Builder
	pen := false
	drawn := 0
	var runs [][2]float64 // first and last x pixel of each unbroken run, for Fill
	for i := range n {
		if !p.x.ok(s.X[i]) || !p.y.ok(s.Y[i]) {
			pen = false
			continue
		}
		cmd := "L"
		x := p.x.px(s.X[i])
		if !pen {
			cmd = "M"
			runs = append(runs, [2]float64{x, x})
		}
		runs[len(runs)-1][1] = x
		fmt.Fprintf(&d, "%s%s %s", cmd, num(x), num(p.y.px(s.Y[i])))
		pen = true
		drawn++
	}
	b.WriteString("<g><title>" + esc(s.Name) + "</title>")
	if s.Fill && !s.Scatter && drawn > 0 {
		base := p.bottom
		if !p.y.log && p.y.lo < 0 && p.y.hi > 0 {
			base = p.y.px(0)
		}
		// Each run of the path, closed down to the base line.
		var area strings.Builder
		seg := strings.Split(d.String(), "M")[1:]
		for r, sg := range seg {
			fmt.Fprintf(&area, "M%s %sL%sL%s %sZ", num(runs[r][0]), num(base), sg, num(runs[r][1]), num(base))
		}
		fmt.Fprintf(b, `<path d="%s" style="fill:%s;fill-opacity:0.22;stroke:none"/>`, area.String(), esc(s.Color))
	}
	if !s.Scatter {
		fmt.Fprintf(b, `<path d="%s" style="%s"/>`, d.String(), lineStyle(s))
	}
	dots := !s.NoDots && drawn <= MaxDots
	tips := dots
	if s.Scatter {
		dots, tips = true, drawn <= MaxScatterTips
	}
	if dots {
		if xName == "" {
			xName = "x"
		}
		r, style := "2.5", "fill:"+esc(s.Color)+";stroke:#fff;stroke-width:0.5"
		if s.Scatter {
			r, style = "2.6", "fill:"+esc(s.Color)+";fill-opacity:0.55"
		}
		if s.Width > 1.8 {
			r = num(s.Width + 1)
		}
		for i := range n {
			if !p.x.ok(s.X[i]) || !p.y.ok(s.Y[i]) {
				continue
			}
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" style="%s">`, num(p.x.px(s.X[i])), num(p.y.px(s.Y[i])), r, style)
			if tips {
				tip := fmt.Sprintf("%s: %s\n%s: %s", xName, formatValue(s.X[i]), s.Name, formatValue(s.Y[i]))
				switch {
				case i < len(s.Tips):
					tip = s.Tips[i]
				case s.Name == "":
					tip = fmt.Sprintf("%s: %s\n%s", xName, formatValue(s.X[i]), formatValue(s.Y[i]))
				}
				b.WriteString("<title>" + esc(tip) + "</title>")
			}
			b.WriteString("</circle>")
		}
	}
	b.WriteString("</g>\n")
}

// lineStyle is the stroke of series s: its colour, width, opacity and dashes.
func lineStyle(s Series) string {
	width := "1.8"
	if s.Width > 0 && finite(s.Width) {
		width = num(s.Width)
	}
	st := "fill:none;stroke:" + esc(s.Color) + ";stroke-width:" + width + ";stroke-linejoin:round;stroke-linecap:round"
	if s.Opacity > 0 && s.Opacity < 1 {
		st += ";stroke-opacity:" + strconv.FormatFloat(s.Opacity, 'f', 2, 64)
	}
	if s.Dashed {
		st += ";stroke-dasharray:5 3"
	}
	return st
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// domain collects the range of the values along an axis.
type domain struct {
	lo, hi           float64
	n                int
	fixed            bool
	fixedLo, fixedHi float64
	log              bool
}

func (d *domain) add(v float64) {
	if d.n == 0 {
		d.lo, d.hi = v, v
	} else {
		d.lo, d.hi = min(d.lo, v), max(d.hi, v)
	}
	d.n++
}

// axis returns the axis over the domain with about n nice ticks: fixed
// ranges are kept, data ranges widened to the outer ticks.
func (d domain) axis(n int, integer bool) axis {
	if d.log {
		lo, hi := 1.0, 10.0
		if d.n > 0 {
			lo, hi = d.lo, d.hi
		}
		dlo, dhi, ticks := logTicks(lo, hi)
		return axis{lo: math.Log10(dlo), hi: math.Log10(dhi), log: true, ticks: ticks}
	}
	lo, hi := 0.0, 1.0
	switch {
	case d.fixed:
		lo, hi = d.fixedLo, d.fixedHi
	case d.n > 0:
		lo, hi = d.lo, d.hi
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		delta := math.Max(math.Abs(lo)*0.1, 1)
		if integer {
			delta = 1
		}
		lo, hi = lo-delta, hi+delta
		if d.n > 0 && d.lo >= 0 && lo < 0 && !d.fixed { // keep non-negative data non-negative
			lo, hi = 0, hi+(-lo)
		}
	}
	step := niceStep((hi-lo)/float64(max(n, 1)), integer)
	if !d.fixed {
		lo = math.Floor(lo/step+1e-9) * step
		hi = math.Ceil(hi/step-1e-9) * step
	}
	var ticks []float64
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
		t := i * step
		if t == 0 {
			t = 0 // no "-0"
		}
		ticks = append(ticks, t)
	}
	return axis{lo: lo, hi: hi, ticks: ticks, decimals: decimalsOf(step)}
}

// niceStep is the 1-2-5 step (times a power of ten) nearest above raw;
// at least 1 for integer axes.
func niceStep(raw float64, integer bool) float64 {
	if raw <= 0 || !finite(raw) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	var step float64
	switch r := raw / mag; {
	case r <= 1+1e-9:
		step = mag
	case r <= 2+1e-9:
		step = 2 * mag
	case r <= 5+1e-9:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	if integer && step < 1 {
		step = 1
	}
	return step
}

func decimalsOf(step float64) int {
	return max(0, int(-math.Floor(math.Log10(step)+1e-9)))
}

// logTicks widens [lo, hi] (both > 0) to the nearest 1-2-5 values and
// returns the ticks between: powers of ten only over more than four
// decades, 1, 2 and 5 times them otherwise, every digit over short ranges.
func logTicks(lo, hi float64) (dlo, dhi float64, ticks []float64) {
	if hi <= lo {
		lo, hi = lo/2, hi*2
	}
	kLo, kHi := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	try := func(mantissas []float64) {
		var cand []float64
		for k := kLo - 1; k <= kHi; k++ {
			for _, m := range mantissas {
				cand = append(cand, m*math.Pow10(k))
			}
		}
		cand = append(cand, math.Pow10(kHi+1))
		dlo, dhi = cand[0], cand[len(cand)-1]
		for _, c := range cand {
			if c <= lo*(1+1e-9) {
				dlo = c
			}
		}
		for _, c := range slices.Backward(cand) {
			if c >= hi*(1-1e-9) {
				dhi = c
			}
		}
		ticks = ticks[:0]
		for _, c := range cand {
			if c >= dlo && c <= dhi {
				ticks = append(ticks, c)
			}
		}
	}
	switch {
	case kHi-kLo > 4:
		try([]float64{1})
	default:
		try([]float64{1, 2, 5})
		if len(ticks) < 3 {
			try([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9})
		}
	}
	return dlo, dhi, ticks
}

// formatTick formats a linear tick with the step's decimals.
func formatTick(v float64, decimals int) string {
	if math.Abs(v) >= 1e6 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// formatValue formats a data value for a tooltip or table: whole numbers
// as such, others with 4 significant digits.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e9 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// num formats a pixel coordinate with one decimal.
func num[T int | float64](v T) string {
	f := math.Round(float64(v)*10) / 10
	if f == 0 {
		f = 0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// esc escapes s for XML text and attribute values, dropping the characters
// XML cannot carry (control characters, invalid UTF-8).
func esc(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			continue
		}
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\n':
			b.WriteString("&#10;")
		case '\t', '\r':
			b.WriteRune(r)
		default:
			if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0xfffe || r == 0xffff || (r >= 0xd800 && r < 0xe000) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// textWidth estimates the width of s in pixels at the font size: wide
// (CJK) characters one em, others about 0.6 em.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case isWide(r):
			w += size
		case r == ' ' || r == '.' || r == ',' || r == ':' || r == 'i' || r == 'l' || r == '·':
			w += 0.33 * size
		case unicode.IsUpper(r) || r == 'm' || r == 'w':
			w += 0.72 * size
		default:
			w += 0.58 * size
		}
	}
	return w
}

func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// fitText shortens s with an ellipsis so that it fits width at the font size.
func fitText(s string, width, size float64) string {
	if textWidth(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && textWidth(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
