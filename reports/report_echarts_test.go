package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/glassbox-ml/glassbox/internal/echarts"
	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
)

// fakeLibrary stands in for echarts.min.js in the report tests: a script
// that defines no window.echarts, so that the tests do not depend on
// third_party/echarts and the charts stay SVG when a browser opens them.
const fakeLibrary = "/* a stand-in for ECharts */ var glassboxFakeECharts = 1;\n"

var fakeDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "glassbox-fake-echarts-")
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, echarts.File), []byte(fakeLibrary), 0o644)
})

// fakeECharts returns a directory holding fakeLibrary as echarts.min.js.
func fakeECharts(t *testing.T) string {
	t.Helper()
	dir, err := fakeDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// csp returns the sources of the report's Content-Security-Policy by
// directive.
func csp(t *testing.T, doc *html.Node) map[string][]string {
	t.Helper()
	var policy string
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" {
			policy = attr(n, "content")
		}
	})
	if policy == "" {
		t.Fatal("no Content-Security-Policy")
	}
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

// checkScripts asserts that every script of the document is a JSON data
// block or an inline script whose hash the policy lists, that the policy
// lists no other script (nor 'unsafe-inline'), and that nothing loads from
// anywhere (default-src 'none'). It returns the executable scripts.
func checkScripts(t *testing.T, doc *html.Node) []string {
	t.Helper()
	p := csp(t, doc)
	if !slices.Equal(p["default-src"], []string{"'none'"}) {
		t.Errorf("default-src %v, want 'none'", p["default-src"])
	}
	var scripts []string
	hashes := map[string]bool{}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data != "script" {
			return
		}
		if attr(n, "src") != "" {
			t.Errorf("a script with src=%q", attr(n, "src"))
		}
		if attr(n, "type") == "application/json" {
			return
		}
		text := textOf(n)
		scripts = append(scripts, text)
		hashes[echarts.Hash(text)] = true
	})
	allowed := p["script-src"]
	if len(scripts) == 0 && allowed != nil {
		t.Errorf("no script, but script-src %v", allowed)
	}
	for _, s := range allowed {
		if !hashes[s] {
			t.Errorf("script-src %s is no script of the document", s)
		}
	}
	for h := range hashes {
		if !slices.Contains(allowed, h) {
			t.Errorf("a script (%s) that the policy does not allow", h)
		}
	}
	return scripts
}

// reportCharts returns, per <figure class="chart">, whether it holds an <svg>
// and whether it is interactive (a .gbx-chart with its option).
func reportCharts(doc *html.Node) (svgs, live []bool) {
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data != "figure" || attr(n, "class") != "chart" {
			return
		}
		hasSVG, hasOption := false, false
		walk(n, func(c *html.Node) {
			hasSVG = hasSVG || (c.Type == html.ElementNode && c.Data == "svg")
			hasOption = hasOption || (c.Type == html.ElementNode && c.Data == "script" && attr(c, "type") == "application/json")
		})
		svgs, live = append(svgs, hasSVG), append(live, hasOption)
	})
	return svgs, live
}

func TestReportInteractiveCSP(t *testing.T) {
	rep, _ := customerReport(t, ReportOptions{Seed: 2})
	doc := checkSafe(t, rep.HTML())
	scripts := checkScripts(t, doc)
	if len(scripts) < 2 || scripts[0] != echarts.LibraryCode([]byte(fakeLibrary)) {
		t.Fatalf("want the library first, then the charts' init scripts; got %d scripts", len(scripts))
	}
	for _, s := range scripts[1:] {
		if s != echarts.InitScript {
			t.Fatalf("an inline script that is not the init script: %.80s", s)
		}
	}
	if got := csp(t, doc)["script-src"]; len(got) != 2 {
		t.Errorf("script-src %v: want the library's hash and the init script's", got)
	}
	svgs, live := reportCharts(doc)
	if len(svgs) < 8 {
		t.Fatalf("%d charts", len(svgs))
	}
	for i := range svgs {
		if !svgs[i] || !live[i] {
			t.Errorf("chart %d: svg %v, interactive %v", i, svgs[i], live[i])
		}
	}
	if n := bytes.Count(rep.HTML(), []byte(fakeLibrary)); n != 1 {
		t.Errorf("the library is inlined %d times", n)
	}
}

func TestReportStaticWithoutECharts(t *testing.T) {
	static, _ := customerReport(t, ReportOptions{Seed: 2, Static: true})
	doc := checkSafe(t, static.HTML())
	if scripts := checkScripts(t, doc); len(scripts) != 0 || bytes.Contains(static.HTML(), []byte("<script")) {
		t.Fatalf("a static report with %d scripts", len(scripts))
	}
	if _, ok := csp(t, doc)["script-src"]; ok {
		t.Error("a static report's policy allows scripts")
	}
	svgs, live := reportCharts(doc)
	interactive, _ := customerReport(t, ReportOptions{Seed: 2})
	isvgs, _ := reportCharts(parse(t, interactive.HTML()))
	if len(svgs) != len(isvgs) {
		t.Errorf("%d charts static, %d interactive", len(svgs), len(isvgs))
	}
	for i := range svgs {
		if !svgs[i] || live[i] {
			t.Errorf("static chart %d: svg %v, interactive %v", i, svgs[i], live[i])
		}
	}
	for _, word := range []string{"ECharts", "echarts", "gbx-"} {
		if bytes.Contains(static.HTML(), []byte(word)) {
			t.Errorf("the static report mentions %q", word)
		}
	}
	// An ECharts directory asked for and unusable is an error.
	run, _ := reportRun()
	f, _ := datasets.Customers(50, 1)
	if _, err := NewReport(run, f, ReportOptions{EChartsDir: t.TempDir(), MaxRows: 10}); err == nil || !strings.Contains(err.Error(), echarts.File) {
		t.Errorf("an empty ECharts directory: %v", err)
	}
}

// TestReportWithECharts builds the report of 1,000 explained rows × 30
// features with the real ECharts (skipped without third_party/echarts):
// within 3 MB, the library inlined once, the policy matching the scripts.
func TestReportWithECharts(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	lib, _, err := echarts.Load("")
	if err != nil {
		t.Skip(err)
	}
	bc, err := datasets.BreastCancer()
	if err != nil {
		t.Fatal(err)
	}
	names := bc.Names()
	cols := make([][]string, len(names))
	for j, n := range names {
		if cols[j], err = bc.Strings(n); err != nil {
			t.Fatal(err)
		}
	}
	var rows [][]string
	for len(rows) < 1000 { // the table twice over
		for i := range bc.Len() {
			row := make([]string, len(names))
			for j := range names {
				row[j] = cols[j][i]
			}
			rows = append(rows, row)
		}
	}
	big, err := data.NewFrame(names, rows, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, err := ml.Train(bc, "target", ml.TrainOptions{Seed: 1, Epochs: 3, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewReport(run, big, ReportOptions{MaxRows: 1000, Samples: 256, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	page := rep.HTML()
	t.Logf("%d bytes, ECharts %d of them", len(page), len(lib))
	if len(page) > 3<<20 {
		t.Errorf("%d bytes, want at most 3 MB", len(page))
	}
	if n := bytes.Count(page, lib[:200]); n != 1 {
		t.Errorf("ECharts inlined %d times", n)
	}
	doc := parse(t, page)
	if scripts := checkScripts(t, doc); len(scripts) < 2 {
		t.Errorf("%d scripts", len(scripts))
	}
	svgs, live := reportCharts(doc)
	for i := range svgs {
		if !svgs[i] || !live[i] {
			t.Errorf("chart %d: svg %v, interactive %v", i, svgs[i], live[i])
		}
	}
	writeSample(t, "report-echarts.html", string(page))
}
