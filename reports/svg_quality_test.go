package reports

import (
	"strings"
	"testing"
)

func TestScatterFillAndTips(t *testing.T) {
	xs := make([]float64, 300)
	ys := make([]float64, 300)
	for i := range xs {
		xs[i], ys[i] = float64(i), float64(i%7)
	}
	c := &Chart{Series: []Series{
		{Name: "dots", X: xs, Y: ys, Scatter: true},
		{Name: "area", X: []float64{0, 1, 2}, Y: []float64{0, 2, 0}, Fill: true, NoDots: true},
		{Name: "tipped", X: []float64{0, 1}, Y: []float64{1, 1}, Tips: []string{"first <tip>", "second"}},
	}}
	svg := parseSVG(t, c.SVG())
	dots := svg.titled("dots")
	if len(dots) != 2 || len(dots[1].all("path")) != 0 || len(dots[1].all("circle")) != 300 {
		t.Errorf("scatter: want 300 dots and no line")
	}
	if len(dots[0].all("circle")) != 1 {
		t.Errorf("scatter legend: want a dot")
	}
	area := svg.titled("area")[1].all("path")
	if len(area) != 2 || !strings.HasSuffix(area[0].attr["d"], "Z") || !strings.Contains(area[0].attr["style"], "fill-opacity") {
		t.Errorf("fill: %v", area)
	}
	var tips []string
	for _, ci := range svg.titled("tipped")[1].all("circle") {
		tips = append(tips, ci.children[0].text)
	}
	if strings.Join(tips, "|") != "first <tip>|second" {
		t.Errorf("tips %v", tips)
	}
}

func TestMatrixAndNote(t *testing.T) {
	m := &Matrix{Title: "m", Rows: []string{"a", "b"}, Cols: []string{"x", "y"},
		Text:  [][]string{{"1\n50%", "1\n50%"}, {"0\n0%", "2\n100%"}},
		Shade: [][]float64{{0.5, 0.5}, {0, 1}}, Tips: [][]string{{"t00", "t01"}, {"t10", "t11"}}}
	svg := parseSVG(t, m.SVG())
	if n := len(svg.all("rect")); n != 5 { // background and 4 cells
		t.Errorf("%d rects, want 5", n)
	}
	if len(svg.titled("t11")) != 1 {
		t.Errorf("no cell tooltip")
	}
	// Ragged or missing cells do not panic.
	parseSVG(t, (&Matrix{Rows: []string{"a", "b"}, Cols: []string{"x"}, Text: [][]string{{"1"}}}).SVG())
	parseSVG(t, (&Matrix{}).SVG())
	n := &Note{Title: "t", Message: strings.Repeat("word ", 40) + strings.Repeat("x", 200)}
	svg = parseSVG(t, n.SVG())
	if len(svg.all("text")) < 4 {
		t.Errorf("note not wrapped")
	}
	for _, line := range wrapText(n.Message, 300, labelSize) {
		if textWidth(line, labelSize) > 300 {
			t.Errorf("line %q wider than 300", line)
		}
	}
}
