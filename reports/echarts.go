package reports

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/glassbox-ml/glassbox/internal/echarts"
	"github.com/glassbox-ml/glassbox/kernel"
)

// This file gives the charts of the chart layer an interactive twin: the
// ECharts option of the same panels (Chart, BarChart, Scatter, Matrix),
// built from the very structs the SVG is drawn from, laid out like Grid
// lays out the SVG (the same pixel positions, so the canvas has the SVG's
// size). Components and series are go-echarts' option types; what they
// lack (visual maps bound to series, the stacking strategy, dimension
// names, tooltip CSS, drawn elements) are local types. No option holds a
// JavaScript function: tooltips are ECharts' default or the template
// "{b}", whose value ECharts HTML-escapes, so every name from the data is
// a value, never markup nor part of a template. Animation is off: a chart
// appears drawn, as its SVG did. Panels without an interactive form (notes,
// cell and histogram heatmaps, force plots) leave their figure static.

// figure renders panels in rows of cols as SVG and, when every panel has
// an interactive form, as an ECharts option too (left out, the chart
// static, should the option not encode).
func figure(cols int, text string, panels ...Panel) kernel.Output {
	o := kernel.Output{SVG: Grid(cols, panels...), Text: text}
	if opt, ok := echartsOption(cols, panels...); ok {
		if data, err := echarts.MarshalOption(opt); err == nil {
			o.ECharts = string(data)
		}
	}
	return o
}

// ecOption is the ECharts option of a figure.
type ecOption struct {
	Animation       bool            `json:"animation"`
	BackgroundColor string          `json:"backgroundColor"`
	TextStyle       *opts.TextStyle `json:"textStyle"`
	Title           []opts.Title    `json:"title"`
	Legend          []opts.Legend   `json:"legend,omitempty"`
	Tooltip         ecTooltip       `json:"tooltip"`
	Toolbox         *opts.Toolbox   `json:"toolbox,omitempty"`
	Grid            []opts.Grid     `json:"grid"`
	XAxis           []opts.XAxis    `json:"xAxis"`
	YAxis           []opts.YAxis    `json:"yAxis"`
	DataZoom        []opts.DataZoom `json:"dataZoom,omitempty"`
	VisualMap       []ecVisualMap   `json:"visualMap,omitempty"`
	Series          []ecSeries      `json:"series"`
	Graphic         []ecGraphic     `json:"graphic,omitempty"`
}

// ecGraphic is a drawn element (the colour legend of a scatter), which
// go-echarts has no type for: a rectangle filled with a vertical
// gradient, or a text.
type ecGraphic struct {
	Type     string         `json:"type"`
	Left     float64        `json:"left"`
	Top      float64        `json:"top"`
	Rotation float64        `json:"rotation,omitempty"`
	Silent   bool           `json:"silent"`
	Shape    *ecRect        `json:"shape,omitempty"`
	Style    ecGraphicStyle `json:"style"`
}

type ecRect struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

type ecGraphicStyle struct {
	Fill     any    `json:"fill"`
	Text     string `json:"text,omitempty"`
	FontSize int    `json:"fontSize,omitempty"`
}

// ecGradient is a linear gradient from the bottom (offset 0) to the top.
type ecGradient struct {
	Type       string   `json:"type"`
	X          float64  `json:"x"`
	Y          float64  `json:"y"`
	X2         float64  `json:"x2"`
	Y2         float64  `json:"y2"`
	ColorStops []ecStop `json:"colorStops"`
}

type ecStop struct {
	Offset float64 `json:"offset"`
	Color  string  `json:"color"`
}

// ecTooltip is the global tooltip: on items, keeping line breaks of the
// texts, inside the chart.
type ecTooltip struct {
	Trigger      string `json:"trigger"`
	Confine      bool   `json:"confine"`
	ExtraCSSText string `json:"extraCssText"`
}

// ecSeries is a go-echarts series with what it lacks: the stacking
// strategy ("all": bars stack whatever their sign, for waterfalls) and
// the names of the data's dimensions (for tooltips).
type ecSeries struct {
	charts.SingleSeries
	StackStrategy string   `json:"stackStrategy,omitempty"`
	Dimensions    []string `json:"dimensions,omitempty"`
	Silent        bool     `json:"silent,omitempty"`
}

// ecVisualMap colours one series' items: by exact value of a dimension
// (Pieces) or continuously between Min and Max.
type ecVisualMap struct {
	Type        string                 `json:"type"`
	Show        bool                   `json:"show"`
	SeriesIndex []int                  `json:"seriesIndex"`
	Dimension   int                    `json:"dimension"`
	Min         *float64               `json:"min,omitempty"`
	Max         *float64               `json:"max,omitempty"`
	InRange     *opts.VisualMapInRange `json:"inRange,omitempty"`
	Pieces      []ecPiece              `json:"pieces,omitempty"`
}

type ecPiece struct {
	Value int    `json:"value"`
	Color string `json:"color"`
}

// ecPoint is a dot of a scatter: x, y and the index of its colour; with
// a name (its tooltip) an object, else the bare array.
type ecPoint struct {
	Name  string
	Value [3]ecNum
}

// MarshalJSON writes the point as [x,y,colour] or {"name":…,"value":[…]}.
func (p ecPoint) MarshalJSON() ([]byte, error) {
	if p.Name == "" {
		return json.Marshal(p.Value)
	}
	return json.Marshal(struct {
		Name  string   `json:"name"`
		Value [3]ecNum `json:"value"`
	}{p.Name, p.Value})
}

// ecNum is a number of an option: 6 significant digits, null when not
// finite (a gap).
type ecNum float64

// MarshalJSON writes the number with 6 significant digits, or null.
func (v ecNum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if !finite(f) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 6, 64), nil
}

// ecMarkX is a mark line at x = X named Name, labelled at one end.
type ecMarkX struct {
	Name  string       `json:"name"`
	XAxis ecNum        `json:"xAxis"`
	Label *ecMarkLabel `json:"label,omitempty"`
}

// ecMarkLabel places a mark line's label: "start" or "end" of the line,
// Distance pixels beyond it.
type ecMarkLabel struct {
	Position string `json:"position"`
	Distance int    `json:"distance"`
	Color    string `json:"color,omitempty"`
}

// ecBuilder accumulates the components of the panels.
type ecBuilder struct {
	o ecOption
}

func px(v float64) string { return strconv.Itoa(int(math.Round(v))) }

// echartsOption returns the option of panels laid out as Grid(cols,
// panels...) lays them out, and false when a panel has no interactive
// form (notes, histogram and cell heatmaps, segment charts).
func echartsOption(cols int, panels ...Panel) (*ecOption, bool) {
	if len(panels) == 0 {
		return nil, false
	}
	b := &ecBuilder{o: ecOption{
		BackgroundColor: "#fff",
		TextStyle:       &opts.TextStyle{FontFamily: FontFamily},
		Tooltip:         ecTooltip{Trigger: "item", Confine: true, ExtraCSSText: "white-space:pre-line;max-width:360px"},
	}}
	zoom, interactive := false, true
	layoutGrid(cols, panels, func(p Panel, at panelPos) {
		pos := ecPos{x: float64(at.x), y: float64(at.y), w: float64(at.w), h: float64(at.h), plotTop: at.plotTop}
		switch p := p.(type) {
		case *Chart:
			b.chart(p, pos)
			zoom = true
		case *BarChart:
			b.bars(p, pos)
		case *Scatter:
			b.scatter(p, pos)
			zoom = true
		case *Matrix:
			b.matrix(p, pos)
		default:
			interactive = false
		}
	})
	if !interactive {
		return nil, false
	}
	if zoom {
		// Bottom left, under the first y axis's labels: clear of every title.
		b.o.Toolbox = &opts.Toolbox{Show: opts.Bool(true), Left: "4", Bottom: "4", Feature: &opts.ToolBoxFeature{
			DataZoom: &opts.ToolBoxFeatureDataZoom{Show: opts.Bool(true), Title: map[string]string{"zoom": "zoom / 缩放", "back": "back / 返回"},
				// ECharts' own icons: go-echarts writes a null icon otherwise.
				Icon: map[string]string{"zoom": "path://M0,13.5h26.9 M13.5,26.9V0 M32.1,13.5H58V58H13.5 V32.1",
					"back": "path://M22,1.4L9.9,13.5l12.3,12.3 M10.3,13.5H54.9v44.6 H10.3v-26"}},
			Restore: &opts.ToolBoxFeatureRestore{Show: opts.Bool(true), Title: "reset / 重置"},
		}}
	}
	return &b.o, true
}

// ecPos is where a panel lies in the figure.
type ecPos struct {
	x, y, w, h, plotTop float64
}

// frame adds the title, legend and grid of a panel, and returns the grid's
// index and the plot's area, in the figure's pixels.
func (b *ecBuilder) frame(f chartFrame, pos ecPos) (int, plotArea) {
	top := pos.y + pad
	b.o.Title = append(b.o.Title, opts.Title{
		Title: f.title, Subtitle: f.subtitle, Left: px(pos.x + pad - 5), Top: px(top - 5),
		TitleStyle:    &opts.TextStyle{FontSize: titleSize, FontWeight: "600", Color: "#222"},
		SubtitleStyle: &opts.TextStyle{FontSize: subSize, Color: "#666"},
	})
	if f.title != "" {
		top += titleSize + 6
	}
	if f.subtitle != "" {
		top += subSize + 6
	}
	var names []string
	for _, s := range f.legend {
		if s.Name != "" && !s.NoLegend {
			names = append(names, s.Name)
		}
	}
	if len(names) > 0 {
		b.o.Legend = append(b.o.Legend, opts.Legend{
			Show: opts.Bool(true), Data: names, Left: px(pos.x + pad), Top: px(top), Width: px(pos.w - 2*pad),
			Padding: 0, ItemWidth: 22, ItemHeight: 10,
			TextStyle: &opts.TextStyle{FontSize: legendSize, Color: "#333"},
		})
	}
	left := pos.x + pad
	if f.yLabel != "" {
		left += labelSize + 10
	}
	bottom := pad + 4.0
	if f.xLabel != "" {
		bottom += labelSize + 10
	}
	if f.markerBelow {
		bottom += tickSize + 6
	}
	plotTop := pos.y + max(f.headerHeight(), pos.plotTop)
	// Room on the right for half the last x tick label, as in the SVG.
	right := pos.x + pos.w - pad - f.rightReserve - 14
	b.o.Grid = append(b.o.Grid, opts.Grid{
		Left: px(left), Top: px(plotTop), Width: px(right - left),
		Height: px(pos.y + pos.h - bottom - plotTop), ContainLabel: opts.Bool(true),
	})
	return len(b.o.Grid) - 1, plotArea{left: left, top: plotTop, right: right, bottom: pos.y + pos.h - bottom}
}

// colorScale draws a scatter's colour legend right of its plot p, where
// ColorScale.draw puts it in the SVG: the gradient of its stops, Low under
// it, High over it and Title along it.
func (b *ecBuilder) colorScale(s *ColorScale, p plotArea, pos ecPos) {
	if s == nil || len(s.Stops) < 2 {
		return
	}
	x0, top, bottom := colorBar(p, pos.x+pos.w, 22)
	const bw = colorBarWidth
	g := ecGradient{Type: "linear", X: 0, Y: 1, X2: 0, Y2: 0}
	for i, c := range s.Stops {
		g.ColorStops = append(g.ColorStops, ecStop{Offset: float64(i) / float64(len(s.Stops)-1), Color: c})
	}
	lw := legendReserve - 6.0
	high, low := fitText(s.High, lw, tickSize), fitText(s.Low, lw, tickSize)
	b.o.Graphic = append(b.o.Graphic,
		ecGraphic{Type: "rect", Left: x0, Top: top, Silent: true, Shape: &ecRect{Width: bw, Height: bottom - top}, Style: ecGraphicStyle{Fill: g}},
		ecGraphic{Type: "text", Left: x0 + bw/2 - textWidth(high, tickSize)/2, Top: top - tickSize - 4, Silent: true,
			Style: ecGraphicStyle{Fill: "#555", Text: high, FontSize: tickSize}},
		ecGraphic{Type: "text", Left: x0 + bw/2 - textWidth(low, tickSize)/2, Top: bottom + 4, Silent: true,
			Style: ecGraphicStyle{Fill: "#555", Text: low, FontSize: tickSize}})
	if s.Title != "" {
		title := fitText(s.Title, bottom-top, labelSize)
		b.o.Graphic = append(b.o.Graphic, ecGraphic{Type: "text", Left: x0 + bw + 4, Top: (top+bottom)/2 - textWidth(title, labelSize)/2,
			Rotation: math.Pi / 2, Silent: true, Style: ecGraphicStyle{Fill: "#333", Text: title, FontSize: labelSize}})
	}
}

// valueAxes adds a value x axis and a value y axis to grid g, drawn at
// the bottom and left of the plot as in the SVG (not through zero); the
// y axis's title clears tick labels as wide as those of ys.
func (b *ecBuilder) valueAxes(g int, f chartFrame, ys ...float64) (xi, yi int) {
	var d domain
	for _, v := range ys {
		if finite(v) {
			d.add(v)
		}
	}
	gap := 0.0
	a := d.axis(5, false) // the SVG's ticks, near ECharts' own
	for _, t := range a.ticks {
		gap = max(gap, textWidth(a.label(t), tickSize))
	}
	gap += 14
	xGap := 24
	if f.markerBelow { // under the markers' labels
		xGap += tickSize + 10
	}
	b.o.XAxis = append(b.o.XAxis, opts.XAxis{
		Type: "value", GridIndex: g, Name: f.xLabel, NameLocation: "middle", NameGap: xGap, Scale: opts.Bool(true),
		SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#eee"}},
		AxisLine:  &opts.AxisLine{OnZero: opts.Bool(false)},
	})
	b.o.YAxis = append(b.o.YAxis, opts.YAxis{
		Type: "value", GridIndex: g, Name: f.yLabel, NameLocation: "middle", NameGap: int(gap), Scale: opts.Bool(true),
		SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#eee"}},
		AxisLine:  &opts.AxisLine{Show: opts.Bool(true), OnZero: opts.Bool(false)},
	})
	return len(b.o.XAxis) - 1, len(b.o.YAxis) - 1
}

// yRange returns the smallest and largest finite y of the series.
func yRange(series []Series) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, v := range s.Y {
			if finite(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	return lo, hi
}

// markers returns the mark lines of a panel's markers (and of x = 0),
// labelled above the plot or, with Below, under the x axis's tick labels.
// inverse says the y axis runs downwards (band axes).
func markers(ms []Marker, zero, inverse bool) *opts.MarkLines {
	top, bottom := "end", "start"
	if inverse {
		top, bottom = bottom, top
	}
	var data []any
	for _, m := range ms {
		if finite(m.X) {
			l := &ecMarkLabel{Position: top, Distance: 4, Color: m.Color}
			if m.Below {
				l.Position, l.Distance = bottom, tickSize+tickLen+8
			}
			data = append(data, ecMarkX{Name: m.Label, XAxis: ecNum(m.X), Label: l})
		}
	}
	if zero {
		data = append(data, ecMarkX{XAxis: 0})
	}
	if len(data) == 0 {
		return nil
	}
	return &opts.MarkLines{Data: data, MarkLineStyle: opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: "#444"},
		LineStyle: &opts.LineStyle{Color: "#666", Type: "dashed", Width: 1},
	}}
}

// chart adds a line chart: a series per Series (scatter series as dots),
// markers as mark lines, zoom on x inside the plot.
func (b *ecBuilder) chart(c *Chart, pos ecPos) {
	f := c.frame()
	g, _ := b.frame(f, pos)
	lo, hi := yRange(f.legend)
	xi, yi := b.valueAxes(g, f, lo, hi)
	xa, ya := &b.o.XAxis[xi], &b.o.YAxis[yi]
	if c.XMin != 0 || c.XMax != 0 {
		xa.Min, xa.Max = ecNum(c.XMin), ecNum(c.XMax)
	}
	if c.XInteger {
		xa.MinInterval = 1
	}
	if c.LogY {
		ya.Type, ya.Scale = "log", nil
	} else if c.YMin != 0 || c.YMax != 0 {
		ya.Min, ya.Max = ecNum(c.YMin), ecNum(c.YMax)
	}
	first := true
	for _, s := range f.legend { // the series, with their colours
		data := make([][2]ecNum, min(len(s.X), len(s.Y)))
		for i := range data {
			y := s.Y[i]
			if c.LogY && y <= 0 {
				y = math.NaN()
			}
			data[i] = [2]ecNum{ecNum(s.X[i]), ecNum(y)}
		}
		se := ecSeries{SingleSeries: charts.SingleSeries{
			Name: s.Name, Type: "line", XAxisIndex: xi, YAxisIndex: yi, Data: data, Color: s.Color,
			ShowSymbol: opts.Bool(!s.NoDots && len(data) <= MaxDots), SymbolSize: 5,
			LineStyle: &opts.LineStyle{Color: s.Color, Width: 1.8},
		}}
		if s.Scatter {
			se.Type, se.LineStyle, se.ShowSymbol = "scatter", nil, nil
			se.ItemStyle = &opts.ItemStyle{Color: s.Color, Opacity: opts.Float(0.55)}
		}
		if s.Dashed {
			se.LineStyle.Type = "dashed"
		}
		if s.Fill && !s.Scatter {
			se.AreaStyle = &opts.AreaStyle{Color: s.Color, Opacity: opts.Float(0.22)}
		}
		if first {
			se.MarkLines = markers(c.Markers, false, false)
			first = false
		}
		b.o.Series = append(b.o.Series, se)
	}
	b.o.DataZoom = append(b.o.DataZoom, opts.DataZoom{Type: "inside", XAxisIndex: []int{xi}, FilterMode: "none"})
}

// bars adds a bar chart: horizontal bars on a band axis, the first on
// top, each from From to To — an invisible bar up to the nearer end and a
// visible one on it, stacked whatever their sign.
func (b *ecBuilder) bars(c *BarChart, pos ecPos) {
	f := c.frame()
	f.h = int(pos.h)
	g, _ := b.frame(f, pos)
	xi, _ := b.valueAxes(g, f)
	b.o.YAxis[len(b.o.YAxis)-1] = opts.YAxis{
		Type: "category", GridIndex: g, Data: f.yNames, Inverse: opts.Bool(true), AxisLine: &opts.AxisLine{OnZero: opts.Bool(false)},
		AxisLabel: &opts.AxisLabel{Width: int(f.bandLabelWidth()) + 4, Overflow: "truncate", FontSize: tickSize},
	}
	yi := len(b.o.YAxis) - 1
	// The x range of the SVG, widened there so that the bars' texts fit.
	var scratch strings.Builder
	p := c.layoutBars(&scratch, f)
	b.o.XAxis[xi].Min, b.o.XAxis[xi].Max = ecNum(p.x.lo), ecNum(p.x.hi)
	stack := "bars" + strconv.Itoa(g)
	base := make([]any, len(c.Bars))
	length := make([]opts.BarData, len(c.Bars))
	for i, bar := range c.Bars {
		base[i] = ecNum(min(bar.From, bar.To))
		color := bar.Color
		if color == "" {
			color = Palette[0]
		}
		title := bar.Title
		if title == "" {
			title = bar.Label
		}
		pos := "right"
		if bar.To < bar.From {
			pos = "left"
		}
		length[i] = opts.BarData{Name: title, Value: ecNum(math.Abs(bar.To - bar.From)), ItemStyle: &opts.ItemStyle{Color: color}}
		if bar.Text != "" {
			// A label is drawn on the canvas, never as HTML.
			length[i].Label = &opts.Label{Show: opts.Bool(true), Position: pos, Formatter: bar.Text, Color: darker(color)}
		}
	}
	b.o.Series = append(b.o.Series,
		ecSeries{SingleSeries: charts.SingleSeries{Type: "bar", Stack: stack, XAxisIndex: xi, YAxisIndex: yi, Data: base,
			ItemStyle: &opts.ItemStyle{Color: "transparent"}, BarWidth: "70%",
			MarkLines: markers(c.Markers, c.ZeroLine, true)}, StackStrategy: "all", Silent: true},
		ecSeries{SingleSeries: charts.SingleSeries{Type: "bar", Stack: stack, XAxisIndex: xi, YAxisIndex: yi, Data: length,
			BarWidth: "70%", SeriesTooltip: &opts.SeriesTooltip{Formatter: "{b}"}}, StackStrategy: "all"})
}

// scatter adds a scatter: a series per band of YNames (one series
// otherwise), the dots coloured as in the SVG through a visual map on
// their third value, the index of their colour.
func (b *ecBuilder) scatter(s *Scatter, pos ecPos) {
	f := s.frame()
	f.h = int(pos.h)
	g, plot := b.frame(f, pos)
	var ys []float64
	for _, p := range s.Points {
		ys = append(ys, p.Y)
	}
	lo, hi := yRange([]Series{{Y: ys}})
	xi, yi := b.valueAxes(g, f, lo, hi)
	if s.ZeroLine {
		b.o.XAxis[xi].Scale = nil
	}
	if s.XNames != nil { // a value axis without labels under a category one with the names
		n := float64(len(s.XNames))
		xa := &b.o.XAxis[xi]
		*xa = opts.XAxis{Type: "value", GridIndex: g, Min: ecNum(-0.5), Max: ecNum(n - 0.5), Show: opts.Bool(false), Position: "top"}
		b.o.XAxis = append(b.o.XAxis, opts.XAxis{Type: "category", GridIndex: g, Data: s.XNames, Name: f.xLabel, Position: "bottom", AxisLine: &opts.AxisLine{OnZero: opts.Bool(false)},
			NameLocation: "middle", NameGap: 24, AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true), FontSize: tickSize}})
	}
	if s.YNames != nil {
		n := float64(len(s.YNames))
		ya := &b.o.YAxis[yi]
		*ya = opts.YAxis{Type: "value", GridIndex: g, Min: ecNum(-0.5), Max: ecNum(n - 0.5), Inverse: opts.Bool(true),
			Show: opts.Bool(false), Position: "right"}
		b.o.YAxis = append(b.o.YAxis, opts.YAxis{Type: "category", GridIndex: g, Data: s.YNames, Inverse: opts.Bool(true), Position: "left", AxisLine: &opts.AxisLine{OnZero: opts.Bool(false)},
			AxisLabel: &opts.AxisLabel{Width: int(f.bandLabelWidth()) + 4, Overflow: "truncate", FontSize: tickSize}})
	}
	colors, index := []string{}, map[string]int{}
	bands := 1
	if s.YNames != nil {
		bands = len(s.YNames)
	}
	data := make([][]ecPoint, bands)
	titled := false
	for _, p := range s.Points {
		if !finite(p.X) || !finite(p.Y) {
			continue
		}
		c := p.Color
		if c == "" {
			c = Palette[0]
		}
		ci, ok := index[c]
		if !ok {
			ci = len(colors)
			index[c] = ci
			colors = append(colors, c)
		}
		band := 0
		if s.YNames != nil {
			band = min(max(int(math.Round(p.Y)), 0), bands-1)
		}
		titled = titled || p.Title != ""
		data[band] = append(data[band], ecPoint{Name: p.Title, Value: [3]ecNum{ecNum(p.X), ecNum(p.Y), ecNum(ci)}})
	}
	r := s.Radius
	if r <= 0 {
		r = 2.5
	}
	// Tooltips: the points' own texts; else ECharts' default, which names
	// the series (a beeswarm's feature) and shows x (and y off bands).
	var tooltip *opts.SeriesTooltip
	encode := &opts.Encode{X: 0, Y: 1, Tooltip: []int{0, 1}}
	dims := []string{f.xLabel, f.yLabel, "colour"}
	switch {
	case titled:
		tooltip, encode, dims = &opts.SeriesTooltip{Formatter: "{b}"}, nil, nil
	case s.YNames != nil:
		encode.Tooltip = []int{0}
	}
	var bandSeries []int
	for band, d := range data {
		name := ""
		if s.YNames != nil {
			name = s.YNames[band]
		}
		se := ecSeries{SingleSeries: charts.SingleSeries{Name: name, Type: "scatter", XAxisIndex: xi, YAxisIndex: yi, Data: d,
			SymbolSize: ecNum(2 * r), ItemStyle: &opts.ItemStyle{Opacity: opts.Float(0.85)},
			SeriesTooltip: tooltip, Encode: encode}, Dimensions: dims}
		if band == 0 {
			se.MarkLines = markers(nil, s.ZeroLine, s.YNames != nil)
		}
		b.o.Series = append(b.o.Series, se)
		bandSeries = append(bandSeries, len(b.o.Series)-1)
	}
	pieces := make([]ecPiece, len(colors))
	for i, c := range colors {
		pieces[i] = ecPiece{Value: i, Color: c}
	}
	b.o.VisualMap = append(b.o.VisualMap, ecVisualMap{Type: "piecewise", SeriesIndex: bandSeries, Dimension: 2, Pieces: pieces})
	b.o.DataZoom = append(b.o.DataZoom, opts.DataZoom{Type: "inside", XAxisIndex: []int{xi}, FilterMode: "none"})
	b.colorScale(s.Scale, plot, pos)
}

// matrix adds a matrix as a heat map with the cells' texts, shaded from
// white to its colour, the first row on top.
func (b *ecBuilder) matrix(m *Matrix, pos ecPos) {
	f := m.frame()
	f.xLabel, f.yLabel = m.XLabel, m.YLabel
	g, _ := b.frame(f, pos)
	b.o.XAxis = append(b.o.XAxis, opts.XAxis{Type: "category", GridIndex: g, Data: m.Cols, Name: m.XLabel,
		NameLocation: "middle", NameGap: 24, Position: "bottom"})
	gap := 0.0
	for _, r := range m.Rows {
		gap = max(gap, textWidth(r, tickSize))
	}
	b.o.YAxis = append(b.o.YAxis, opts.YAxis{Type: "category", GridIndex: g, Data: m.Rows, Name: m.YLabel,
		NameLocation: "middle", NameGap: int(min(gap, 0.3*pos.w) + 16), Inverse: opts.Bool(true),
		AxisLabel: &opts.AxisLabel{Width: int(0.3 * pos.w), Overflow: "truncate"}})
	type item struct {
		Name  string      `json:"name,omitempty"`
		Value [3]ecNum    `json:"value"`
		Label *opts.Label `json:"label,omitempty"`
	}
	var data []item
	for r := range m.Rows {
		for c := range m.Cols {
			it := item{Name: cell(m.Tips, r, c), Value: [3]ecNum{ecNum(c), ecNum(r), ecNum(cell(m.Shade, r, c))}}
			if t := cell(m.Text, r, c); t != "" {
				color := "#222"
				if 0.12+0.88*min(max(cell(m.Shade, r, c), 0), 1) > 0.5 { // as the SVG
					color = "#fff"
				}
				it.Label = &opts.Label{Show: opts.Bool(true), Formatter: t, Color: color}
			}
			data = append(data, it)
		}
	}
	hue := parseHex(m.Color, [3]float64{8, 48, 107})
	b.o.Series = append(b.o.Series, ecSeries{SingleSeries: charts.SingleSeries{Type: "heatmap",
		XAxisIndex: len(b.o.XAxis) - 1, YAxisIndex: len(b.o.YAxis) - 1, Data: data,
		SeriesTooltip: &opts.SeriesTooltip{Formatter: "{b}"}}})
	lo, hi := 0.0, 1.0
	b.o.VisualMap = append(b.o.VisualMap, ecVisualMap{Type: "continuous", SeriesIndex: []int{len(b.o.Series) - 1}, Dimension: 2,
		Min: &lo, Max: &hi, InRange: &opts.VisualMapInRange{Color: []string{shade(hue, 0), shade(hue, 1)}}})
}
