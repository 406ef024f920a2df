// Package echarts is what GlassBox's packages share about ECharts: where
// the pinned build (echarts.min.js, fetched by `make echarts` into the
// ignored third_party/echarts) is found, and the HTML of an interactive
// chart — a container holding the static SVG, the chart's option as a JSON
// data block and a small script that, when window.echarts exists, draws the
// option and hides the SVG. Without the script (no ECharts, scripts off, an
// untrusted notebook, print) the SVG is what shows.
package echarts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// File is the name of the ECharts build.
const File = "echarts.min.js"

// ModuleEnv names the environment variable holding the root of the
// GlassBox checkout (set by the kernel for every notebook cell).
const ModuleEnv = "GLASSBOX_MODULE"

// FindDir returns the first directory holding echarts.min.js among
// third_party/echarts (and the folder itself) in $GLASSBOX_MODULE, beside
// the executable, above it (bin/../), and in the working directory and its
// parents (a checkout's root), or "".
func FindDir() string {
	var bases []string
	if m := os.Getenv(ModuleEnv); m != "" {
		bases = append(bases, m)
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		d := filepath.Dir(exe)
		bases = append(bases, d, filepath.Dir(d))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			bases = append(bases, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, base := range bases {
		for _, dir := range []string{filepath.Join(base, "third_party", "echarts"), base} {
			if info, err := os.Stat(filepath.Join(dir, File)); err == nil && info.Mode().IsRegular() {
				return dir
			}
		}
	}
	return ""
}

// ErrNotFound is returned by Load when no echarts.min.js is found.
var ErrNotFound = errors.New("echarts: no " + File + " found (run `make echarts` in the GlassBox checkout)")

// Load reads echarts.min.js from dir, or from FindDir() when dir is "".
// It returns the script and its path. The script must be safe to inline in
// an HTML <script> element (no "</script" nor "<!--").
func Load(dir string) ([]byte, string, error) {
	if dir == "" {
		if dir = FindDir(); dir == "" {
			return nil, "", ErrNotFound
		}
	}
	p := filepath.Join(dir, File)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, "", fmt.Errorf("echarts: %w", err)
	}
	if len(data) == 0 {
		return nil, "", fmt.Errorf("echarts: %s is empty", p)
	}
	low := bytes.ToLower(data)
	if bytes.Contains(low, []byte("</script")) || bytes.Contains(low, []byte("<!--")) {
		return nil, "", fmt.Errorf("echarts: %s cannot be inlined in HTML: it contains </script or <!--", p)
	}
	return data, p, nil
}

// LibraryCode is the text of the script that inlines the library: the
// library run with define, module and exports hidden, so that its UMD
// wrapper sets window.echarts even on pages with an AMD loader (the
// classic notebook's RequireJS) or CommonJS globals.
func LibraryCode(lib []byte) string {
	return "(function(define,module,exports){\n" + string(lib) + "\n})();"
}

// LibraryScript is the <script> element that inlines the library.
func LibraryScript(lib []byte) string { return "<script>" + LibraryCode(lib) + "</script>\n" }

// InitScript is the script of every interactive chart, the same text for
// all of them (so an HTML page's Content-Security-Policy needs one hash for
// it). When ECharts is loaded it draws its container (the script's parent)
// or, where the script runs elsewhere (a front end that moves scripts
// out, as jQuery does), every chart container of the page not drawn yet:
// the option of the container's JSON data block in its canvas area, and
// marks the container live, which hides the SVG on screens. Errors leave
// the SVG in place.
const InitScript = `(function(){if(!window.echarts)return;var s=document.currentScript,p=s&&s.parentNode,` +
	`all=p&&p.classList&&p.classList.contains('gbx-chart')?[p]:document.querySelectorAll('.gbx-chart');` +
	`for(var i=0;i<all.length;i++){var b=all[i];if(b.getAttribute('data-live'))continue;` +
	`var d=b.querySelector('script[type="application/json"]'),el=b.querySelector('.gbx-echarts');if(!d||!el)continue;` +
	`try{var o=JSON.parse(d.textContent);el.style.display='block';` +
	`var c=echarts.init(el,null,{renderer:'canvas',width:+b.getAttribute('data-width'),height:+b.getAttribute('data-height')});` +
	`c.setOption(o);b.setAttribute('data-live','1')}catch(e){el.style.display='none';if(window.console)console.warn('GlassBox chart:',e)}}})();`

// Style is the CSS of the chart containers: the SVG shows until the
// script marks the container live, and again when printing.
const Style = `.gbx-chart{overflow-x:auto}.gbx-chart[data-live]>.gbx-svg{display:none}` +
	`@media print{.gbx-chart>.gbx-svg{display:block!important}.gbx-chart>.gbx-echarts{display:none!important}}`

// Hash is the Content-Security-Policy source of an inline script:
// 'sha256-…' of its exact text.
func Hash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// MarshalOption encodes an ECharts option as JSON that is safe inside an
// HTML <script> element: <, > and & are written as \u003c, \u003e and
// \u0026, and U+2028 and U+2029 as \u2028 and \u2029, so no name in the
// data can end the element or start markup.
func MarshalOption(v any) ([]byte, error) {
	data, err := json.Marshal(v) // json.Marshal escapes exactly those
	if err != nil {
		return nil, fmt.Errorf("echarts: encoding the option: %w", err)
	}
	return data, nil
}

var svgSize = regexp.MustCompile(`^<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"`)

// Size returns the width and height attributes of an SVG document's root
// element, or 640 × 400 when it has none.
func Size(svg string) (w, h int) {
	m := svgSize.FindStringSubmatch(strings.TrimSpace(svg))
	if m == nil {
		return 640, 400
	}
	fw, _ := strconv.ParseFloat(m[1], 64)
	fh, _ := strconv.ParseFloat(m[2], 64)
	return int(fw + 0.5), int(fh + 0.5)
}

// Fragment returns the HTML of an interactive chart: a container holding an empty, hidden area for ECharts, the SVG itself, the
// option (already encoded by MarshalOption) in a JSON data block, and
// InitScript. With withStyle, a <style> element with Style comes first (a
// notebook output; an HTML page puts Style in its own style sheet once).
func Fragment(svg string, option []byte, withStyle bool) string {
	w, h := Size(svg)
	var b strings.Builder
	if withStyle {
		b.WriteString("<style>" + Style + "</style>\n")
	}
	fmt.Fprintf(&b, `<div class="gbx-chart" data-width="%d" data-height="%d">`+"\n", w, h)
	// The canvas keeps the chart's size (its option is laid out in
	// pixels); a narrower page scrolls it, as the report's figures do.
	fmt.Fprintf(&b, `<div class="gbx-echarts" style="display:none;width:%dpx;height:%dpx"></div>`+"\n", w, h)
	b.WriteString(`<div class="gbx-svg">` + svg + "</div>\n")
	b.WriteString(`<script type="application/json">`)
	b.Write(option)
	b.WriteString("</script>\n<script>" + InitScript + "</script>\n</div>\n")
	return b.String()
}
