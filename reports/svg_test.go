package reports

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// node is an element of a parsed SVG.
type node struct {
	name     string
	attr     map[string]string
	children []*node
	text     string // character data directly inside
}

// parseSVG parses doc as XML, failing the test when it is not well formed.
func parseSVG(t *testing.T, doc string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tok)
		}
	}
	if len(root.children) != 1 || root.children[0].name != "svg" {
		t.Fatalf("want one <svg> root, got %d elements", len(root.children))
	}
	return root.children[0]
}

// all returns the elements named name below n, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

// titled returns the groups whose <title> is title.
func (n *node) titled(title string) []*node {
	var out []*node
	for _, g := range n.all("g") {
		if len(g.children) > 0 && g.children[0].name == "title" && g.children[0].text == title {
			out = append(out, g)
		}
	}
	return out
}

func (n *node) float(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, name, n.attr[name], err)
	}
	return v
}

// tickX returns the x pixel of the x tick labelled label, and tickY the y
// pixel of the y tick labelled label (from the gridline).
func tickX(t *testing.T, svg *node, label string) float64 {
	t.Helper()
	for _, tx := range svg.all("text") {
		if tx.text == label && strings.Contains(tx.attr["style"], "text-anchor:middle") && strings.Contains(tx.attr["style"], "font-size:11px") {
			return tx.float(t, "x")
		}
	}
	t.Fatalf("no x tick %q", label)
	return 0
}

func tickY(t *testing.T, svg *node, label string) float64 {
	t.Helper()
	for _, tx := range svg.all("text") {
		if tx.text == label && strings.Contains(tx.attr["style"], "text-anchor:end") {
			return tx.float(t, "y") - tickSize*0.36
		}
	}
	t.Fatalf("no y tick %q", label)
	return 0
}

// pathPoints parses a path's d of M and L commands.
func pathPoints(t *testing.T, d string) (pts [][2]float64, moves int) {
	t.Helper()
	for _, f := range strings.FieldsFunc(d, func(r rune) bool { return r == 'L' || r == 'M' }) {
		var x, y float64
		if _, err := fmtSscan(f, &x, &y); err != nil {
			t.Fatalf("path %q: %v", d, err)
		}
		pts = append(pts, [2]float64{x, y})
	}
	return pts, strings.Count(d, "M")
}

func fmtSscan(s string, x, y *float64) (int, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, errors.New("want two numbers")
	}
	var err error
	if *x, err = strconv.ParseFloat(f[0], 64); err != nil {
		return 0, err
	}
	*y, err = strconv.ParseFloat(f[1], 64)
	return 2, err
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestChartStructureAndPixels(t *testing.T) {
	c := &Chart{Title: "t", XLabel: "epoch", XMin: 0, XMax: 10, XInteger: true, Series: []Series{
		{Name: "a", X: []float64{0, 5, 10}, Y: []float64{0, 0.5, 1}},
		{Name: "b", X: []float64{1, 2, 3, 4}, Y: []float64{0.2, math.NaN(), 0.4, 0.6}, Dashed: true},
		{Name: "c", X: []float64{2}, Y: []float64{0.8}},
	}, Markers: []Marker{{X: 7, Label: "best: 7"}}}
	svg := parseSVG(t, c.SVG())
	for _, a := range []string{"width", "height", "viewBox", "xmlns"} {
		if svg.attr[a] == "" {
			t.Errorf("<svg> lacks %s", a)
		}
	}
	if !strings.Contains(svg.attr["style"], "'Noto Sans CJK SC'") {
		t.Errorf("font family: %q", svg.attr["style"])
	}
	x0, x10 := tickX(t, svg, "0"), tickX(t, svg, "10")
	y0, y1 := tickY(t, svg, "0.0"), tickY(t, svg, "1.0")
	if !(x10 > x0 && y0 > y1) {
		t.Fatalf("ticks x %v %v, y %v %v", x0, x10, y0, y1)
	}
	px := func(x, y float64) [2]float64 { return [2]float64{x0 + x/10*(x10-x0), y0 + y*(y1-y0)} }
	for _, s := range c.Series {
		groups := svg.titled(s.Name)
		if len(groups) != 2 { // the legend entry and the series
			t.Fatalf("series %q: %d titled groups, want 2", s.Name, len(groups))
		}
		paths := groups[1].all("path")
		if len(paths) != 1 || len(svg.all("polyline")) != 0 {
			t.Fatalf("series %q: %d paths, want 1", s.Name, len(paths))
		}
		if got := strings.Contains(paths[0].attr["style"], "dasharray"); got != s.Dashed {
			t.Errorf("series %q dashed %v, want %v", s.Name, got, s.Dashed)
		}
		pts, moves := pathPoints(t, paths[0].attr["d"])
		var want [][2]float64
		for i := range s.X {
			if !math.IsNaN(s.Y[i]) {
				want = append(want, px(s.X[i], s.Y[i]))
			}
		}
		if len(pts) != len(want) {
			t.Fatalf("series %q: %d points, want %d", s.Name, len(pts), len(want))
		}
		for i := range pts {
			if !near(pts[i][0], want[i][0], 0.2) || !near(pts[i][1], want[i][1], 0.2) {
				t.Errorf("series %q point %d at %v, want %v", s.Name, i, pts[i], want[i])
			}
		}
		if wantMoves := map[string]int{"a": 1, "b": 2, "c": 1}[s.Name]; moves != wantMoves {
			t.Errorf("series %q: %d sub-paths, want %d (NaN breaks the line)", s.Name, moves, wantMoves)
		}
		if dots := groups[1].all("circle"); len(dots) != len(want) {
			t.Errorf("series %q: %d dots, want %d", s.Name, len(dots), len(want))
		} else if tip := dots[0].children[0].text; !strings.Contains(tip, "epoch: ") || !strings.Contains(tip, s.Name+": ") {
			t.Errorf("tooltip %q", tip)
		}
	}
	m := svg.titled("best: 7")
	if len(m) != 1 {
		t.Fatalf("%d marker groups", len(m))
	}
	line := m[0].all("line")[0]
	if x := line.float(t, "x1"); !near(x, px(7, 0)[0], 0.2) || line.float(t, "x2") != x {
		t.Errorf("marker at x=%v, want %v", x, px(7, 0)[0])
	}
	if lbl := m[0].all("text"); len(lbl) != 1 || lbl[0].text != "best: 7" || lbl[0].float(t, "y") > y1 {
		t.Errorf("marker label %+v should be above the plot (top %v)", lbl, y1)
	}
}

func TestChartLogAxis(t *testing.T) {
	c := &Chart{LogY: true, Series: []Series{{Name: "loss", X: []float64{1, 2, 3, 4}, Y: []float64{3, 0.3, 0, 0.012}}}}
	svg := parseSVG(t, c.SVG())
	y1, y01 := tickY(t, svg, "1"), tickY(t, svg, "0.1")
	decade := y01 - y1
	if decade <= 0 {
		t.Fatalf("ticks 1 at %v, 0.1 at %v", y1, y01)
	}
	pts, moves := pathPoints(t, svg.titled("loss")[1].all("path")[0].attr["d"])
	if len(pts) != 3 || moves != 2 {
		t.Fatalf("the zero must be left out and break the line: %v (%d moves)", pts, moves)
	}
	for i, v := range []float64{3, 0.3, 0.012} {
		if want := y1 - math.Log10(v)*decade; !near(pts[i][1], want, 0.3) {
			t.Errorf("%v at y=%v, want %v", v, pts[i][1], want)
		}
	}
}

func TestHostileStringsStayText(t *testing.T) {
	hostile := []string{`</svg><script>alert(1)</script>`, `C&D "q" 'x'`, "bad\x00\x1b[31m\xff utf8", "]]><!-- -->"}
	var series []Series
	for i, h := range hostile {
		series = append(series, Series{Name: h, X: []float64{1, 2}, Y: []float64{1, float64(i)}, Color: `red"/><script>`})
	}
	c := &Chart{Title: hostile[0], Subtitle: hostile[1], XLabel: hostile[0], YLabel: hostile[1], Series: series,
		Markers: []Marker{{X: 1.5, Label: hostile[0], Color: `"><script>`}}}
	for _, doc := range []string{c.SVG(), Grid(2, c, &Heatmap{Title: hostile[0], Columns: []HeatColumn{{X: 1, Edges: []float64{0, 1}, Counts: []float64{1}, Title: hostile[1]}}})} {
		svg := parseSVG(t, doc)
		if n := len(svg.all("script")) + len(svg.all("svg")); n != 0 {
			t.Errorf("%d injected elements", n)
		}
		if strings.Contains(doc, "<script") || strings.Contains(doc, "\x00") {
			t.Errorf("raw markup in the output")
		}
		if len(svg.titled(hostile[0])) < 1 || len(svg.titled(hostile[1])) < 1 {
			t.Errorf("hostile names do not round-trip as text")
		}
	}
	if len(parseSVG(t, c.SVG()).titled("bad[31m� utf8")) == 0 && len(parseSVG(t, c.SVG()).titled("bad[31m utf8")) == 0 {
		t.Errorf("control characters and invalid UTF-8 not dropped")
	}
}

func TestChartDeterministicAndDegenerate(t *testing.T) {
	mk := func() *Chart {
		return &Chart{Title: "x", Series: []Series{{Name: "a", X: []float64{1, 2, 3}, Y: []float64{0.1, 0.2, 0.15}}, {Name: "b", X: []float64{1}, Y: []float64{5}}}}
	}
	if a, b := mk().SVG(), mk().SVG(); a != b {
		t.Errorf("same chart, different bytes")
	}
	for _, c := range []*Chart{{}, {Series: []Series{{Name: "flat", X: []float64{1, 2}, Y: []float64{2, 2}}}}, {Series: []Series{{Name: "nan", X: []float64{1}, Y: []float64{math.NaN()}}}},
		{LogY: true, Series: []Series{{Name: "neg", X: []float64{1}, Y: []float64{-1}}}}} {
		doc := c.SVG()
		parseSVG(t, doc)
		if strings.Contains(doc, "NaN") || strings.Contains(doc, "Inf") {
			t.Errorf("NaN or Inf in the output:\n%s", doc)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		raw     float64
		integer bool
		want    float64
	}{{0.13, false, 0.2}, {3, false, 5}, {7, false, 10}, {1, false, 1}, {0.04, false, 0.05}, {0.3, true, 1}, {2.2, true, 5}} {
		if got := niceStep(c.raw, c.integer); !near(got, c.want, 1e-12) {
			t.Errorf("niceStep(%v, %v) = %v, want %v", c.raw, c.integer, got, c.want)
		}
	}
	a := (&domain{lo: 0.13, hi: 0.87, n: 2}).axis(5, false)
	if a.lo != 0 || !near(a.hi, 1, 1e-12) || len(a.ticks) != 6 || a.label(a.ticks[1]) != "0.2" {
		t.Errorf("axis over [0.13, 0.87]: %+v", a)
	}
	lo, hi, ticks := logTicks(0.013, 0.8)
	if !near(lo, 0.01, 1e-15) || !near(hi, 1, 1e-12) || len(ticks) != 7 {
		t.Errorf("logTicks(0.013, 0.8) = %v, %v, %v", lo, hi, ticks)
	}
	if _, _, ticks := logTicks(1e-6, 10); len(ticks) != 8 {
		t.Errorf("over seven decades want powers of ten only: %v", ticks)
	}
}

func TestLegendWrapsWithinWidth(t *testing.T) {
	var series []Series
	for i := range 8 {
		series = append(series, Series{Name: strings.Repeat("验证集", i%3+1) + " run " + strconv.Itoa(i), X: []float64{1}, Y: []float64{1}})
	}
	c := &Chart{Series: series, Width: 300}
	rows := legendRows(series, 300-2*pad)
	if len(rows) < 3 {
		t.Errorf("8 long names in 300 px in %d rows", len(rows))
	}
	for _, r := range rows {
		w := 0.0
		for _, i := range r {
			w += legendEntryWidth(series[i].Name)
		}
		if w > 300-2*pad && len(r) > 1 {
			t.Errorf("legend row %v is %v px wide", r, w)
		}
	}
	parseSVG(t, c.SVG())
}

func TestHeatmap(t *testing.T) {
	hm := &Heatmap{Title: "w", XInteger: true, Columns: []HeatColumn{
		{X: 1, Edges: []float64{-1, 0, 1}, Counts: []float64{3, 1}, Title: "epoch 1"},
		{X: 2, Edges: []float64{-2, 0, 2}, Counts: []float64{0, 4}, Title: "epoch 2"},
		{X: 3, Edges: []float64{0, 1}, Counts: []float64{1, 2}}, // malformed: left out
	}, Lines: []Series{{Name: "mean", X: []float64{1, 2}, Y: []float64{-0.25, 1}, NoDots: true}}}
	svg := parseSVG(t, hm.SVG())
	for title, cells := range map[string]int{"epoch 1": 2, "epoch 2": 1} {
		g := svg.titled(title)
		if len(g) != 1 || len(g[0].all("rect")) != 1+cells {
			t.Errorf("column %q: %d groups", title, len(g))
		}
	}
	// The densest bin (3 values in one unit at epoch 1) is darkest.
	dark := shade([3]float64{8, 48, 107}, 1)
	if !strings.Contains(svg.titled("epoch 1")[0].all("rect")[1].attr["style"], dark) ||
		strings.Contains(svg.titled("epoch 2")[0].all("rect")[1].attr["style"], dark) {
		t.Errorf("densest cell not %s", dark)
	}
	if hm.SVG() != hm.SVG() {
		t.Errorf("not deterministic")
	}
}
