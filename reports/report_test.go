package reports

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/ml/data"
	"github.com/glassbox-ml/glassbox/ml/datasets"
	"golang.org/x/net/html"
)

// reportRun trains the quickstart's model on the customer table once for
// the report tests (a run directory, as the CLI reads it).
var reportRun = sync.OnceValues(func() (*ml.Run, error) {
	dir, err := os.MkdirTemp("", "glassbox-report-test-")
	if err != nil {
		return nil, err
	}
	f, err := datasets.Customers(600, 42)
	if err != nil {
		return nil, err
	}
	if _, err := ml.Train(f, "buys", ml.TrainOptions{RunDir: filepath.Join(dir, "run"), Seed: 42, Epochs: 5, Quiet: true, Backend: "go",
		Preprocessing: data.Options{Columns: datasets.CustomerNumericColumns}}); err != nil {
		return nil, err
	}
	return ml.Load(filepath.Join(dir, "run"), "go")
})

func customerReport(t *testing.T, o ReportOptions) (*Report, *data.Frame) {
	t.Helper()
	run, err := reportRun()
	if err != nil {
		t.Fatal(err)
	}
	f, err := datasets.Customers(600, 42)
	if err != nil {
		t.Fatal(err)
	}
	if o.MaxRows == 0 {
		o.MaxRows = 60
	}
	if o.Samples == 0 {
		o.Samples = 128
	}
	if o.EChartsDir == "" {
		o.EChartsDir = fakeECharts(t)
	}
	rep, err := NewReport(run, f, o)
	if err != nil {
		t.Fatal(err)
	}
	return rep, f
}

// parse parses the report and returns the root; it fails on a document
// the HTML parser would not take as is.
func parse(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// checkSafe asserts that the document has no script but those its
// Content-Security-Policy allows by hash and the charts' JSON data blocks
// (see checkScripts), no event handler attribute, no external reference
// and no URL at all.
func checkSafe(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc := parse(t, b)
	checkScripts(t, doc)
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data == "script" {
			return
		}
		switch n.Data {
		case "script", "iframe", "object", "embed", "img", "link", "base", "form", "input":
			t.Errorf("report has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has the event handler attribute %s", n.Data, a.Key)
			}
			if (a.Key == "href" || a.Key == "src" || a.Key == "xlink:href") && !strings.HasPrefix(a.Val, "#") {
				t.Errorf("<%s %s=%q> refers outside the document", n.Data, a.Key, a.Val)
			}
		}
	})
	for _, bad := range []string{"http://", "https://", "url(", "@import", "//cdn"} {
		if bytes.Contains(bytes.ToLower(b), []byte(bad)) {
			t.Errorf("report contains %q", bad)
		}
	}
	return doc
}

func TestReportStructure(t *testing.T) {
	for _, lng := range []string{"en", "zh"} {
		t.Run(lng, func(t *testing.T) {
			start := time.Now()
			rep, _ := customerReport(t, ReportOptions{Lang: lng, Seed: 3})
			t.Logf("report in %v, %d bytes", time.Since(start), len(rep.HTML()))
			doc := checkSafe(t, rep.HTML())
			ids := map[string]bool{}
			var links []string
			var sections []string
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				if id := attr(n, "id"); id != "" {
					if ids[id] {
						t.Errorf("duplicate id %q", id)
					}
					ids[id] = true
				}
				if n.Data == "a" && strings.HasPrefix(attr(n, "href"), "#") {
					links = append(links, attr(n, "href")[1:])
				}
				if n.Data == "section" {
					sections = append(sections, attr(n, "id"))
				}
				if n.Data == "html" && attr(n, "lang") == "" {
					t.Error("no <html lang>")
				}
			})
			want := []string{"model-card", "data", "performance", "training", "global-importance", "dependence", "local", "agreement", "scorecard", "reproducibility"}
			if strings.Join(sections, " ") != strings.Join(want, " ") {
				t.Errorf("sections %v, want %v", sections, want)
			}
			if len(links) < len(want) {
				t.Errorf("%d internal links, want at least the %d of the table of contents", len(links), len(want))
			}
			for _, l := range links {
				if !ids[l] {
					t.Errorf("link #%s goes nowhere", l)
				}
			}
			// Every heading of the language is there, and no message of the
			// other language leaked in (Chinese text in an English report).
			l := lang(lng)
			text := textOf(doc)
			for _, key := range []string{"s.card", "s.data", "s.perf", "s.curves", "s.global", "s.dep", "s.local", "s.agree", "s.score", "s.repro", "toc", "h.limits", "h.permimp"} {
				if !strings.Contains(text, l.t(key)) {
					t.Errorf("heading %q (%s) missing", l.t(key), key)
				}
			}
			if lng == "en" && strings.Contains(text, "模型卡片") {
				t.Error("English report has the Chinese heading")
			}
			if got := strings.Count(string(rep.HTML()), "<figure class=\"chart\">"); got < 6+len(rep.rows) {
				t.Errorf("%d charts, want at least %d", got, 6+len(rep.rows))
			}
			if strings.Contains(string(rep.HTML()), "class=\"error\"") {
				t.Errorf("a part failed:\n%s", regexp.MustCompile(`<p class="error">[^<]*</p>`).FindString(string(rep.HTML())))
			}
		})
	}
}

// TestReportSentences checks each row's sentence against the numbers of
// its explanation: prediction, base value and the top contributions.
func TestReportSentences(t *testing.T) {
	for _, lng := range []string{"en", "zh"} {
		rep, _ := customerReport(t, ReportOptions{Lang: lng, Seed: 1})
		l := lang(lng)
		if len(rep.rows) != 4 || len(rep.sentences) != 4 {
			t.Fatalf("%s: %d rows, %d sentences; want 4 chosen rows", lng, len(rep.rows), len(rep.sentences))
		}
		e := rep.local
		for i, s := range rep.sentences {
			p, base := strconv.FormatFloat(e.Prediction(i, 0), 'f', 2, 64), strconv.FormatFloat(e.BaseValues[i][0], 'f', 2, 64)
			if !strings.Contains(s, "P(buys) = "+p) || !strings.Contains(s, base) {
				t.Errorf("%s row %d: sentence %q lacks the prediction %s or base %s", lng, i, s, p, base)
			}
			if !strings.Contains(s, strconv.Itoa(rep.rows[i])) {
				t.Errorf("%s: sentence %q does not name row %d", lng, s, rep.rows[i])
			}
			top, _ := e.TopK(i, 0, 3)
			last := -1
			for _, j := range top {
				v := e.Values[i][j][0]
				verb := map[bool]string{true: "raised the probability by", false: "lowered the probability by"}[v > 0]
				clause := fmt.Sprintf("%s of %s", e.FeatureNames[j], valueText(e, i, j))
				if lng == "zh" {
					verb = map[bool]string{true: "使概率提高了", false: "使概率降低了"}[v > 0]
					clause = fmt.Sprintf("%s 为 %s，", e.FeatureNames[j], valueText(e, i, j)) // ASCII names get a space
				}
				at := strings.Index(s, clause)
				if at < 0 || at < last {
					t.Errorf("%s row %d: %q missing or out of order in %q", lng, i, clause, s)
					continue
				}
				last = at
				if !strings.Contains(s[at:], verb+" "+l.amount(math.Abs(v))) {
					t.Errorf("%s row %d: %q not followed by %q in %q", lng, i, clause, verb+" "+l.amount(math.Abs(v)), s)
				}
			}
			// The sentence is in the page, escaped once.
			if !bytes.Contains(rep.HTML(), []byte(esc(s))) {
				t.Errorf("%s: sentence %q not in the page", lng, s)
			}
		}
		t.Logf("%s: %s", lng, rep.sentences[0])
	}
}

func TestReportDeterministic(t *testing.T) {
	a, _ := customerReport(t, ReportOptions{Seed: 5, Rows: []int{3, 1}})
	b, _ := customerReport(t, ReportOptions{Seed: 5, Rows: []int{3, 1}})
	if !bytes.Equal(a.HTML(), b.HTML()) {
		t.Fatal("the same inputs gave different reports")
	}
	if a.rows[0] != 3 || a.rows[1] != 1 {
		t.Errorf("rows %v, want [3 1]", a.rows)
	}
	c, _ := customerReport(t, ReportOptions{Seed: 5, Rows: []int{3, 1}, Timestamp: true})
	if bytes.Equal(a.HTML(), c.HTML()) {
		t.Error("Timestamp changed nothing")
	}
	path := filepath.Join(t.TempDir(), "r.html")
	if err := a.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, a.HTML()) {
		t.Fatalf("WriteFile wrote %d bytes (%v), want the report", len(got), err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("WriteFile left %d files", len(entries))
	}
	out := a.Output()
	if !strings.HasPrefix(out.HTML, "<iframe") || !strings.Contains(out.HTML, `sandbox="allow-scripts"`) || strings.Contains(out.HTML, "<h1>") {
		t.Errorf("Output is not a sandboxed iframe with an escaped document: %.200s", out.HTML)
	}
	if !strings.Contains(out.Text, a.Title()) {
		t.Errorf("Output text %q lacks the title", out.Text)
	}
}

func TestReportProgressAndErrors(t *testing.T) {
	var calls [][2]int
	var bar bytes.Buffer
	customerReport(t, ReportOptions{Progress: func(d, n int) { calls = append(calls, [2]int{d, n}) }, ProgressWriter: &bar})
	if len(calls) == 0 || calls[len(calls)-1][0] != calls[len(calls)-1][1] {
		t.Errorf("progress calls %v do not end at the total", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Errorf("progress went back: %v", calls)
		}
	}
	if !strings.Contains(bar.String(), "report [") || !strings.HasSuffix(bar.String(), "\n") {
		t.Errorf("progress bar %q", bar.String())
	}
	run, _ := reportRun()
	f, _ := datasets.Customers(10, 1)
	if _, err := NewReport(run, f, ReportOptions{Rows: []int{10}}); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("row 10 of 10: %v", err)
	}
	if _, err := NewReport(run, f, ReportOptions{Lang: "fr"}); err == nil {
		t.Error("lang fr accepted")
	}
	if _, err := NewReport(nil, f, ReportOptions{}); err == nil {
		t.Error("nil run accepted")
	}
}

// TestReportCatalogue checks that every message has both languages and the
// same number of arguments in each.
func TestReportCatalogue(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d\])?[sdvq]`)
	for k, m := range catalogue {
		if m[0] == "" || m[1] == "" {
			t.Errorf("%s: a language is empty", k)
		}
		if a, b := len(verbs.FindAllString(m[0], -1)), len(verbs.FindAllString(m[1], -1)); a != b {
			t.Errorf("%s: %d arguments in English, %d in Chinese", k, a, b)
		}
	}
}

// hostileNames are column names and categories that would run script or
// break the markup if anything reached the page unescaped.
var hostileNames = []string{`<img src=x onerror=alert(1)>`, `</script><script>alert(2)</script>`, `say "hi" & 'bye'`, `C&D`}

// hostileFrame is a small table whose column names and categories are
// hostileNames, with a learnable target.
func hostileFrame(n int) (*data.Frame, error) {
	names := []string{hostileNames[0], hostileNames[1], hostileNames[2], hostileNames[3], "y"}
	rows := make([][]string, n)
	for i := range rows {
		a := float64(i%17) - 8
		b := float64((i*7)%13) - 6
		cat := hostileNames[i%len(hostileNames)]
		y := "no"
		if a+0.5*b+float64(i%4) > 1 {
			y = "yes"
		}
		rows[i] = []string{strconv.FormatFloat(a, 'f', 1, 64), strconv.FormatFloat(b, 'f', 1, 64), cat, strconv.Itoa(i % 5), y}
	}
	return data.NewFrame(names, rows, data.Schema{hostileNames[2]: data.Categorical})
}

func TestReportHostileTable(t *testing.T) {
	f, err := hostileFrame(300)
	if err != nil {
		t.Fatal(err)
	}
	run, err := ml.Train(f, "y", ml.TrainOptions{Seed: 1, Epochs: 3, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	for _, lng := range []string{"en", "zh"} {
		rep, err := NewReport(run, f, ReportOptions{Lang: lng, MaxRows: 40, Samples: 64, Title: `<b>"title"</b> & <script>alert(3)</script>`,
			Purpose: `<i onmouseover=alert(4)>purpose</i>`, EChartsDir: fakeECharts(t)})
		if err != nil {
			t.Fatal(err)
		}
		doc := checkSafe(t, rep.HTML())
		text := textOf(doc)
		for _, s := range append(hostileNames, `<b>"title"</b> & <script>alert(3)</script>`, `<i onmouseover=alert(4)>purpose</i>`) {
			if !strings.Contains(text, s) {
				t.Errorf("%s: %q is not shown as text", lng, s)
			}
		}
		walk(doc, func(n *html.Node) {
			if n.Type == html.ElementNode && (n.Data == "b" || n.Data == "i") {
				t.Errorf("%s: user markup <%s> became an element", lng, n.Data)
			}
		})
		if n := strings.Count(string(rep.HTML()), "<figure class=\"chart\">"); n < 6 {
			t.Errorf("%s: %d charts", lng, n)
		}
	}
}

// TestReportLeavesPersonalDataOut: a report on a CRM export shows none of
// its names, e-mails, phones or ID numbers, not even in the data summary.
func TestReportLeavesPersonalDataOut(t *testing.T) {
	f, err := datasets.Contacts(200, 4)
	if err != nil {
		t.Fatal(err)
	}
	f, _ = f.Drop("demand")
	run, err := ml.Train(f, "buys", ml.TrainOptions{Epochs: 2, Seed: 1, Quiet: true, Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewReport(run, f, ReportOptions{MaxRows: 40, NumRows: 2, Samples: 64})
	if err != nil {
		t.Fatal(err)
	}
	page := string(rep.HTML())
	for _, column := range []string{"姓名", "email", "手机", "身份证号"} {
		values, _ := f.Strings(column)
		for _, v := range values {
			if v != "" && strings.Contains(page, v) {
				t.Fatalf("the report shows %s value %q", column, v)
			}
		}
	}
}

// TestReportNewCharts checks the charts the report draws from package
// explain's global views: partial dependence of the top three columns,
// permutation importance with whiskers, SHAP against LIME, and the
// scorecard's visual table.
func TestReportNewCharts(t *testing.T) {
	// Static: in an interactive report each title is also in the chart's option.
	rep, _ := customerReport(t, ReportOptions{Seed: 5, Static: true})
	page := string(rep.HTML())
	for want, n := range map[string]int{"Partial dependence of P(": 3, "Permutation importance: drop in": 1,
		"Agreement of two explanations of": 1, "SHAP–LIME agreement, rank correlation": 1, "checks pass.": 2} {
		if got := strings.Count(page, want); got != n {
			t.Errorf("%q %d times, want %d", want, got, n)
		}
	}
	if !strings.Contains(page, "✓ pass") && !strings.Contains(page, "⚠ warn") {
		t.Error("no status chips in the scorecard")
	}
	if strings.Contains(page, "<table class=\"perm\">") {
		t.Error("the permutation table is still there beside its chart")
	}
}
