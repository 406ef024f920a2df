package kernel

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// logos draws the kernel's logo at the sizes Jupyter asks for: a glass box,
// a pale square with a teal frame and a bar chart inside, keyed by size.
func logos() map[int][]byte {
	out := map[int][]byte{}
	for _, size := range []int{32, 64} {
		out[size] = drawLogo(size)
	}
	return out
}

func drawLogo(n int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	frame := color.NRGBA{0x0f, 0x76, 0x6e, 0xff}
	glass := color.NRGBA{0xcc, 0xfb, 0xf1, 0xff}
	bar := color.NRGBA{0xf5, 0x9e, 0x0b, 0xff}
	border := n / 10
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := glass
			if x < border || y < border || x >= n-border || y >= n-border {
				c = frame
			}
			img.SetNRGBA(x, y, c)
		}
	}
	// Three bars of rising height, like an attribution chart.
	w := (n - 2*border) / 7
	for i, h := range []float64{0.3, 0.55, 0.8} {
		x0 := border + w*(1+2*i)
		top := n - border - int(h*float64(n-2*border))
		for y := top; y < n-border-1; y++ {
			for x := x0; x < x0+w; x++ {
				img.SetNRGBA(x, y, bar)
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // encoding an in-memory NRGBA image cannot fail
	return buf.Bytes()
}
