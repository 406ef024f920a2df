package reports

import (
	"fmt"
	"strings"
)

// Matrix is a grid of shaded cells with row and column names — a
// confusion matrix, a table of rates. Each cell shows its Text (lines
// separated by "\n", left out when the cell is too small) on a shade of
// Color by its Shade in [0, 1], and its Tip as tooltip.
type Matrix struct {
	Title    string
	Subtitle string
	XLabel   string // under the column names
	YLabel   string // left of the row names
	Rows     []string
	Cols     []string
	Text     [][]string  // [row][col]
	Shade    [][]float64 // [row][col], 0 (white) … 1 (Color)
	Tips     [][]string  // [row][col]
	// Width and Height are the panel's size in pixels (default 400 × 300).
	Width, Height int
	Color         string // "#rrggbb" of shade 1; default dark blue
}

func (m *Matrix) size() (int, int) {
	w, h := m.Width, m.Height
	if w <= 0 {
		w = 400
	}
	if h <= 0 {
		h = 300
	}
	return w, h
}

// SVG renders the matrix as a standalone SVG document.
func (m *Matrix) SVG() string { return Grid(1, m) }

func (m *Matrix) frame() chartFrame {
	w, h := m.size()
	return chartFrame{title: m.Title, subtitle: m.Subtitle, w: w, h: h}
}

// cell returns the [r][c] element of v, or the zero value.
func cell[T any](v [][]T, r, c int) T {
	var zero T
	if r < len(v) && c < len(v[r]) {
		return v[r][c]
	}
	return zero
}

func (m *Matrix) render(b *strings.Builder, plotTop float64) {
	f := m.frame()
	f.plotTop = plotTop
	top := f.header(b)
	w, h := float64(f.w), float64(f.h)
	nr, nc := len(m.Rows), len(m.Cols)
	if nr == 0 || nc == 0 {
		return
	}
	bottom := h - pad - lineHeight // column names
	if m.XLabel != "" {
		bottom -= labelSize + 6
	}
	left := float64(pad)
	if m.YLabel != "" {
		left += labelSize + 8
	}
	nameW := 0.0
	for _, r := range m.Rows {
		nameW = max(nameW, textWidth(r, tickSize))
	}
	nameW = min(nameW, (w-left)*0.3)
	left += nameW + 6
	right := w - pad
	cw, ch := (right-left)/float64(nc), (bottom-top)/float64(nr)
	hue := parseHex(m.Color, [3]float64{8, 48, 107})
	for r := range nr {
		y := top + float64(r)*ch
		for c := range nc {
			x := left + float64(c)*cw
			t := min(max(cell(m.Shade, r, c), 0), 1)
			fill := "#fafafa"
			if t > 0 {
				fill = shade(hue, t)
			}
			fmt.Fprintf(b, `<g><title>%s</title><rect x="%s" y="%s" width="%s" height="%s" style="fill:%s;stroke:#fff;stroke-width:1.5"/>`,
				esc(cell(m.Tips, r, c)), num(x), num(y), num(cw), num(ch), fill)
			color := "#222"
			if 0.12+0.88*t > 0.5 {
				color = "#fff"
			}
			lines := strings.Split(cell(m.Text, r, c), "\n")
			sizes := []float64{13, tickSize}
			need := 0.0
			for i := range lines {
				need += sizes[min(i, 1)] + 3
			}
			for need > ch-4 && len(lines) > 0 { // drop lines that do not fit
				lines = lines[:len(lines)-1]
				need -= sizes[min(len(lines), 1)] + 3
			}
			ty := y + ch/2 - need/2
			for i, line := range lines {
				size := sizes[min(i, 1)]
				ty += size
				if line != "" && textWidth(line, size) <= cw-4 {
					weight := ""
					if i == 0 {
						weight = ";font-weight:600"
					}
					fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%spx;fill:%s;text-anchor:middle%s">%s</text>`,
						num(x+cw/2), num(ty-1), num(size), color, weight, esc(line))
				}
				ty += 3
			}
			b.WriteString("</g>\n")
		}
		fmt.Fprintf(b, `<g><title>%s</title><text x="%s" y="%s" style="font-size:%dpx;fill:#333;text-anchor:end">%s</text></g>`+"\n",
			esc(m.Rows[r]), num(left-6), num(y+ch/2+tickSize*0.36), tickSize, esc(fitText(m.Rows[r], nameW, tickSize)))
	}
	for c := range nc {
		x := left + float64(c)*cw
		fmt.Fprintf(b, `<g><title>%s</title><text x="%s" y="%s" style="font-size:%dpx;fill:#333;text-anchor:middle">%s</text></g>`+"\n",
			esc(m.Cols[c]), num(x+cw/2), num(bottom+tickSize+5), tickSize, esc(fitText(m.Cols[c], cw-4, tickSize)))
	}
	if m.XLabel != "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#333;text-anchor:middle">%s</text>`+"\n",
			num((left+right)/2), num(h-pad), labelSize, esc(fitText(m.XLabel, right-left, labelSize)))
	}
	if m.YLabel != "" {
		fmt.Fprintf(b, `<text transform="translate(%s,%s) rotate(-90)" style="font-size:%dpx;fill:#333;text-anchor:middle">%s</text>`+"\n",
			num(pad+labelSize), num((top+bottom)/2), labelSize, esc(fitText(m.YLabel, bottom-top, labelSize)))
	}
}

// Note is a panel with a title and a message instead of a chart: what a
// chart shows when it is not defined for the data.
type Note struct {
	Title   string
	Message string
	// Width and Height are the panel's size in pixels (default 400 × 280).
	Width, Height int
}

func (n *Note) size() (int, int) {
	w, h := n.Width, n.Height
	if w <= 0 {
		w = 400
	}
	if h <= 0 {
		h = 280
	}
	return w, h
}

// SVG renders the note as a standalone SVG document.
func (n *Note) SVG() string { return Grid(1, n) }

func (n *Note) frame() chartFrame {
	w, h := n.size()
	return chartFrame{title: n.Title, w: w, h: h}
}

func (n *Note) render(b *strings.Builder, plotTop float64) {
	f := n.frame()
	f.plotTop = plotTop
	top := f.header(b)
	w, h := float64(f.w), float64(f.h)
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" style="fill:#fafafa;stroke:#ddd;stroke-width:1"/>`+"\n",
		num(pad), num(top), num(w-2*pad), num(h-pad-top))
	y := top + 10
	for _, line := range wrapText(n.Message, w-4*pad, labelSize) {
		y += lineHeight
		if y > h-2*pad {
			break
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" style="font-size:%dpx;fill:#555">%s</text>`+"\n", num(2*pad), num(y), labelSize, esc(line))
	}
}

// wrapText breaks s into lines that fit width at the font size, at spaces
// (and anywhere in a word too long for a line).
func wrapText(s string, width, size float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			cand := word
			if line != "" {
				cand = line + " " + word
			}
			if textWidth(cand, size) <= width {
				line = cand
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			for textWidth(word, size) > width {
				r := []rune(word)
				n := len(r)
				for n > 1 && textWidth(string(r[:n]), size) > width {
					n--
				}
				lines = append(lines, string(r[:n]))
				word = string(r[n:])
			}
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}
