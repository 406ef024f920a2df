package board

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/ml"
	"github.com/glassbox-ml/glassbox/reports"
)

//go:embed templates
var templates embed.FS

type pageTemplate = template.Template

var pageNames = []string{"scalars", "histograms", "graph", "hparams", "explanations"}

var funcs = template.FuncMap{
	"statusClass": func(s string) string { return "status-" + strings.Fields(s + " x")[0] },
	"num":         formatNum,
	"fileURL":     fileURL,
}

func parsePages() (map[string]*pageTemplate, error) {
	out := map[string]*pageTemplate{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templates, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("board: page %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// navItem is a tab of the header.
type navItem struct {
	Href, Label string
	Active      bool
}

// pageData is what every page template gets; Body is the page's own part.
type pageData struct {
	Page, Title string
	LogDir      string
	ECharts     bool
	EChartsHint string
	PollMS      int64
	Nav         []navItem
	Runs        []runView
	Error       string
	JSON        string // the page's data for board.js, in an attribute
	Body        any
}

func (b *Board) page(w http.ResponseWriter, r *http.Request, name string) {
	d := pageData{Page: name, Title: strings.ToUpper(name[:1]) + name[1:], LogDir: b.logDir, ECharts: b.echarts != nil,
		PollMS: b.opts.Poll.Milliseconds()}
	if !d.ECharts {
		d.EChartsHint = "no " + EChartsFile + " in --assets or third_party/echarts"
	}
	for _, n := range pageNames {
		d.Nav = append(d.Nav, navItem{Href: "/" + n, Label: strings.ToUpper(n[:1]) + n[1:], Active: n == name})
	}
	d.Nav[len(d.Nav)-1].Label = "Explanations"
	d.Nav[3].Label = "HParams"
	runs, err := b.scan()
	if err != nil {
		d.Error = "cannot read the log directory: " + err.Error()
	}
	for _, r := range runs {
		d.Runs = append(d.Runs, view(r))
	}
	var data any
	switch name {
	case "scalars":
		p := scalarsPayload{Runs: []scalarRun{}}
		for i, r := range runs {
			p.Runs = append(p.Runs, scalarRun{runView: d.Runs[i], Series: series(r.Scalars)})
		}
		data, d.Body = p, latest(p)
	case "histograms":
		sel := r.URL.Query().Get("run")
		hp := histogramsPage{Runs: d.Runs}
		for _, run := range runs {
			if run.Name == sel || (sel == "" && hp.Run == nil && run.Status == StatusFinished) {
				hp.Run = run
			}
		}
		if hp.Run != nil {
			hp.Name = hp.Run.Name
			hp.Params, hp.Error = b.histograms(hp.Run)
		}
		data, d.Body = map[string]any{"run": hp.Name, "params": hp.Params}, hp
	case "graph":
		var gs []graphView
		for _, run := range runs {
			gs = append(gs, graph(run))
		}
		d.Body = gs
	case "hparams":
		t := hparams(runs)
		t.sort(r.URL.Query().Get("sort"), r.URL.Query().Get("order") == "desc")
		data, d.Body = t.chart(), t
	case "explanations":
		d.Body = b.explanations(runs)
	}
	js, err := json.Marshal(data)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	d.JSON = string(js)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	if err := b.pages[name].Execute(w, d); err != nil {
		fmt.Fprintf(w, "<p class=\"error\">%s</p>", template.HTMLEscapeString(err.Error()))
	}
}

func formatNum(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', 5, 64)
	case *float64:
		if x == nil || math.IsNaN(*x) {
			return "—"
		}
		return strconv.FormatFloat(*x, 'g', 5, 64)
	case int:
		return strconv.Itoa(x)
	}
	return fmt.Sprint(v)
}

// fileURL is the address of a file of a run directory.
func fileURL(dir, name string) string {
	u := "/files/"
	if dir != "." {
		u += escapePath(dir) + "/"
	}
	return u + url.PathEscape(name)
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// --- Scalars: the table of latest values -------------------------------------------

type latestRow struct {
	Run, Tag     string
	Step, Epoch  float64
	Value, Start float64
}

func latest(p scalarsPayload) []latestRow {
	var out []latestRow
	for _, r := range p.Runs {
		for _, s := range r.Series {
			if len(s.Points) == 0 {
				continue
			}
			last := s.Points[len(s.Points)-1]
			out = append(out, latestRow{Run: r.Name, Tag: s.Tag, Step: last[0], Epoch: last[1], Value: last[3], Start: s.Points[0][3]})
		}
	}
	return out
}

// --- Histograms -------------------------------------------------------------------------------

type histogramsPage struct {
	Runs   []runView
	Run    *Run
	Name   string
	Params []histParam
	Error  string
}

// histParam is the heat map of one parameter of one layer over the epochs:
// the histograms of all epochs re-binned onto one grid of Bins bins.
type histParam struct {
	Title   string       `json:"title"`
	Epochs  []int        `json:"epochs"`
	Centers []float64    `json:"centers"`
	Cells   [][3]float64 `json:"cells"` // [epoch index, bin index, count]
	Max     float64      `json:"max"`
	Last    ml.HistogramRecord
}

const histBins = 30

// maxDims bounds the axes of the parallel-coordinates chart.
const maxDims = 14

func (b *Board) histograms(r *Run) ([]histParam, string) {
	v, err := b.cached(path.Join(r.Dir, ml.HistogramsFile), parseHistograms)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	recs, _ := v.([]ml.HistogramRecord)
	var layers []ml.Layer
	if r.Config != nil {
		layers = r.Config.Layers
	}
	var out []histParam
	for _, g := range reports.GroupHistograms(recs) {
		hs := g.Records
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, h := range hs {
			lo, hi = min(lo, h.Edges[0]), max(hi, h.Edges[len(h.Edges)-1])
		}
		if !(hi > lo) {
			hi = lo + 1e-9
		}
		width := (hi - lo) / histBins
		p := histParam{Title: g.Title(layers), Last: hs[len(hs)-1]}
		for i := range histBins {
			p.Centers = append(p.Centers, lo+(float64(i)+0.5)*width)
		}
		for ei, h := range hs {
			p.Epochs = append(p.Epochs, h.Epoch)
			grid := make([]float64, histBins)
			for i, c := range h.Counts {
				spread(grid, lo, width, h.Edges[i], h.Edges[i+1], float64(c))
			}
			for bi, c := range grid {
				p.Cells = append(p.Cells, [3]float64{float64(ei), float64(bi), c})
				p.Max = max(p.Max, c)
			}
		}
		out = append(out, p)
	}
	return out, msg
}

// spread adds count, spread evenly over [a, b), to the grid of bins of the
// given width from lo, in proportion to each bin's overlap.
func spread(grid []float64, lo, width, a, b, count float64) {
	if !(b > a) {
		grid[min(max(int((a-lo)/width), 0), len(grid)-1)] += count
		return
	}
	first := min(max(int((a-lo)/width), 0), len(grid)-1)
	last := min(max(int((b-lo)/width), 0), len(grid)-1)
	for i := first; i <= last; i++ {
		x0, x1 := max(a, lo+float64(i)*width), min(b, lo+float64(i+1)*width)
		if i == first && i == last {
			x0, x1 = a, b
		}
		if x1 > x0 {
			grid[i] += count * (x1 - x0) / (b - a)
		}
	}
}

func (b *Board) apiHistograms(w http.ResponseWriter, r *http.Request) {
	runs, err := b.scan()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	name := r.URL.Query().Get("run")
	for _, run := range runs {
		if run.Name == name {
			params, msg := b.histograms(run)
			if params == nil {
				params = []histParam{}
			}
			writeJSON(w, map[string]any{"run": run.Name, "params": params, "error": msg})
			return
		}
	}
	http.Error(w, "no such run", http.StatusNotFound)
}

// --- Graph ---------------------------------------------------------------------------------------

type graphView struct {
	Run    runView
	Input  int
	Layers []graphLayer
	Total  int
	Task   string
}

type graphLayer struct {
	Index      int
	Kind, What string
	In, Out    int
	Params     int
}

func graph(r *Run) graphView {
	g := graphView{Run: view(r)}
	if r.Config == nil {
		return g
	}
	g.Input, g.Task = r.Config.InputDim, string(r.Config.Task)
	in := r.Config.InputDim
	for i, l := range r.Config.Layers {
		gl := graphLayer{Index: i + 1, Kind: l.Kind, In: in, Out: in}
		switch l.Kind {
		case "dense":
			gl.Out = l.Units
			gl.Params = in*l.Units + l.Units
			act := l.Activation
			if act == "" {
				act = "linear"
			}
			gl.What = fmt.Sprintf("%d units, %s", l.Units, act)
		case "dropout":
			gl.What = fmt.Sprintf("rate %g", l.Rate)
		case "rescaling":
			gl.What = fmt.Sprintf("×%g %+g", l.Scale, l.Offset)
		}
		in = gl.Out
		g.Total += gl.Params
		g.Layers = append(g.Layers, gl)
	}
	return g
}

// --- HParams ----------------------------------------------------------------------------------

type hcolumn struct {
	Key, Label string
	Metric     bool
	Numeric    bool
	SortURL    string
	Sorted     string // "asc", "desc" or ""
}

type hcell struct {
	Text string
	Num  *float64
}

type hrow struct {
	Run   runView
	Cells []hcell
}

type htable struct {
	Columns []hcolumn
	Rows    []hrow
}

// flatten turns nested JSON into dotted keys; lists become text.
func flatten(prefix string, v any, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, vv := range x {
			flatten(prefix+"."+k, vv, out)
		}
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		out[prefix] = strings.Join(parts, ", ")
	case nil:
	default:
		out[prefix] = x
	}
}

func hparams(runs []*Run) htable {
	values := make([]map[string]any, len(runs))
	hkeys, mkeys := map[string]bool{}, map[string]bool{}
	for i, r := range runs {
		v := map[string]any{}
		if r.rawConfig != nil {
			for _, k := range []string{"task", "backend", "train_rows"} {
				if x, ok := r.rawConfig[k]; ok {
					flatten(k, x, v)
				}
			}
			for _, k := range []string{"compile", "fit"} {
				flatten(k, r.rawConfig[k], v)
			}
			if d, ok := r.rawConfig["data"].(map[string]any); ok {
				if t, ok := d["target"]; ok {
					v["data.target"] = t
				}
			}
		}
		if r.Config != nil {
			g := graph(r)
			var parts []string
			for _, l := range g.Layers {
				parts = append(parts, l.Kind+" "+l.What)
			}
			v["layers"] = strings.Join(parts, " → ")
			v["parameters"] = float64(g.Total)
		}
		for k := range v {
			hkeys[k] = true
		}
		v["epochs run"] = float64(epochs(r.Scalars))
		for set, ms := range r.Metrics {
			for m, x := range ms {
				k := set + "." + m
				mkeys[k] = true
				if x != nil {
					v[k] = *x
				} else {
					v[k] = math.NaN()
				}
			}
		}
		values[i] = v
	}
	order := func(keys map[string]bool, rank func(string) string) []string {
		out := make([]string, 0, len(keys))
		for k := range keys {
			out = append(out, k)
		}
		sort.Slice(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
		return out
	}
	hrank := func(k string) string {
		for i, p := range []string{"task", "compile.", "fit.", "layers", "parameters", "train_rows", "backend", "data."} {
			if strings.HasPrefix(k, p) {
				return strconv.Itoa(i) + k
			}
		}
		return "9" + k
	}
	mrank := func(k string) string {
		for i, p := range []string{"validation.", "test.", "train."} {
			if strings.HasPrefix(k, p) {
				return strconv.Itoa(i) + k
			}
		}
		return "9" + k
	}
	var t htable
	for _, k := range order(hkeys, hrank) {
		t.Columns = append(t.Columns, hcolumn{Key: k, Label: k})
	}
	t.Columns = append(t.Columns, hcolumn{Key: "epochs run", Label: "epochs run"})
	for _, k := range order(mkeys, mrank) {
		t.Columns = append(t.Columns, hcolumn{Key: k, Label: k, Metric: true})
	}
	for ci := range t.Columns {
		c := &t.Columns[ci]
		c.Numeric = true
		for _, v := range values {
			if x, ok := v[c.Key]; ok {
				if _, isNum := x.(float64); !isNum {
					c.Numeric = false
				}
			}
		}
	}
	for i, r := range runs {
		row := hrow{Run: view(r)}
		for _, c := range t.Columns {
			var cell hcell
			switch x := values[i][c.Key].(type) {
			case float64:
				cell.Text = formatNum(x)
				if math.IsNaN(x) {
					cell.Text = "—"
				} else {
					cell.Num = &x
				}
			case nil:
			default:
				cell.Text = fmt.Sprint(x)
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// sort orders the rows by a column (missing values last) and sets the
// columns' sort links; the run name sorts by "run".
func (t *htable) sort(key string, desc bool) {
	idx := slices.IndexFunc(t.Columns, func(c hcolumn) bool { return c.Key == key })
	if key == "run" || idx >= 0 {
		sort.SliceStable(t.Rows, func(i, j int) bool {
			if key == "run" {
				return (t.Rows[i].Run.Name < t.Rows[j].Run.Name) != desc
			}
			a, b := t.Rows[i].Cells[idx], t.Rows[j].Cells[idx]
			if t.Columns[idx].Numeric {
				if a.Num == nil || b.Num == nil {
					return a.Num != nil
				}
				if *a.Num == *b.Num {
					return false
				}
				return (*a.Num < *b.Num) != desc
			}
			if a.Text == "" || b.Text == "" {
				return a.Text != ""
			}
			if a.Text == b.Text {
				return false
			}
			return (a.Text < b.Text) != desc
		})
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		order := "asc"
		if c.Key == key {
			c.Sorted = map[bool]string{false: "asc", true: "desc"}[desc]
			if !desc {
				order = "desc"
			}
		}
		c.SortURL = "?" + url.Values{"sort": {c.Key}, "order": {order}}.Encode()
	}
}

// RunSortURL is the sort link of the run column.
func (t htable) RunSortURL() string {
	return "?" + url.Values{"sort": {"run"}, "order": {"asc"}}.Encode()
}

// chart is the data of the parallel-coordinates chart: the numeric columns
// and the text columns with a few values, one line per run.
func (t htable) chart() map[string]any {
	type dim struct {
		Name       string   `json:"name"`
		Categories []string `json:"categories,omitempty"`
	}
	var dims []dim
	var cols []int
	for i, c := range t.Columns {
		seen := map[string]bool{}
		any := false
		for _, r := range t.Rows {
			if r.Cells[i].Text != "" && r.Cells[i].Text != "—" {
				seen[r.Cells[i].Text] = true
				any = true
			}
		}
		if !any || c.Key == "layers" {
			continue
		}
		// Options all runs share say nothing on the chart (the table has
		// them); metrics of the validation and test sets always go on it.
		varies := len(seen) > 1 || len(t.Rows) == 1 && c.Metric
		if c.Metric && (strings.HasPrefix(c.Key, "validation.") || strings.HasPrefix(c.Key, "test.")) {
			varies = true
		}
		if !varies || len(dims) >= maxDims {
			continue
		}
		d := dim{Name: c.Label}
		if !c.Numeric {
			if len(seen) > 12 {
				continue
			}
			for s := range seen {
				d.Categories = append(d.Categories, s)
			}
			sort.Strings(d.Categories)
		}
		dims = append(dims, d)
		cols = append(cols, i)
	}
	rows := []map[string]any{}
	for _, r := range t.Rows {
		vals := make([]any, len(cols))
		for j, i := range cols {
			c := r.Cells[i]
			switch {
			case c.Num != nil:
				vals[j] = *c.Num
			case c.Text != "" && c.Text != "—":
				vals[j] = c.Text
			}
		}
		rows = append(rows, map[string]any{"run": r.Run.Name, "values": vals})
	}
	if dims == nil {
		dims = []dim{}
	}
	return map[string]any{"dims": dims, "rows": rows}
}

func (b *Board) apiHParams(w http.ResponseWriter, r *http.Request) {
	runs, err := b.scan()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	t := hparams(runs)
	t.sort(r.URL.Query().Get("sort"), r.URL.Query().Get("order") == "desc")
	type row struct {
		Run    string         `json:"run"`
		Status string         `json:"status"`
		Values map[string]any `json:"values"`
	}
	out := []row{}
	for _, rw := range t.Rows {
		v := map[string]any{}
		for i, c := range rw.Cells {
			switch {
			case c.Num != nil:
				v[t.Columns[i].Key] = *c.Num
			case c.Text != "":
				v[t.Columns[i].Key] = c.Text
			}
		}
		out = append(out, row{Run: rw.Run.Name, Status: rw.Run.Status, Values: v})
	}
	cols := []string{}
	for _, c := range t.Columns {
		cols = append(cols, c.Key)
	}
	writeJSON(w, map[string]any{"columns": cols, "runs": out})
}

// --- Explanations ---------------------------------------------------------------------------

type explanationsRun struct {
	Run     runView
	Files   []explanationFile
	Reports []string
	Others  []string
}

type explanationFile struct {
	Name, URL string
	Method    string
	Rows      int
	Outputs   []string
	Top       []featureRow
	Error     string
}

type featureRow struct {
	Feature string
	Mean    []float64 // mean |value| per output
}

// explanation is what the board reads of an explain.Explanation file.
type explanation struct {
	Values       [][][]float64 `json:"values"`
	Method       string        `json:"method"`
	FeatureNames []string      `json:"feature_names"`
	OutputNames  []string      `json:"output_names"`
}

func parseExplanation(name string, data []byte) (any, error) {
	var e explanation
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if e.Values == nil || e.FeatureNames == nil {
		return nil, nil // some other JSON file
	}
	return &e, nil
}

const topFeatures = 10
const maxOutputs = 4

func (b *Board) explanations(runs []*Run) []explanationsRun {
	var out []explanationsRun
	for _, r := range runs {
		if len(r.Files) == 0 {
			continue
		}
		er := explanationsRun{Run: view(r)}
		for _, f := range r.Files {
			u := fileURL(r.Dir, f)
			switch strings.ToLower(path.Ext(f)) {
			case ".html", ".htm":
				er.Reports = append(er.Reports, f)
				continue
			case ".json":
			default:
				er.Others = append(er.Others, f)
				continue
			}
			v, err := b.cached(path.Join(r.Dir, f), parseExplanation)
			ef := explanationFile{Name: f, URL: u}
			e, _ := v.(*explanation)
			switch {
			case err != nil:
				ef.Error = err.Error()
			case e == nil:
				er.Others = append(er.Others, f)
				continue
			default:
				summarize(e, &ef)
			}
			er.Files = append(er.Files, ef)
		}
		out = append(out, er)
	}
	return out
}

// summarize ranks the features by mean |value| over the rows (per output,
// ranked by their mean over the outputs).
func summarize(e *explanation, ef *explanationFile) {
	ef.Method, ef.Rows = e.Method, len(e.Values)
	nf := len(e.FeatureNames)
	no := 0
	for _, row := range e.Values {
		for _, f := range row {
			no = max(no, len(f))
		}
	}
	no = min(no, maxOutputs)
	for o := range no {
		name := fmt.Sprintf("output %d", o)
		if o < len(e.OutputNames) {
			name = e.OutputNames[o]
		}
		ef.Outputs = append(ef.Outputs, name)
	}
	rows := make([]featureRow, nf)
	score := make([]float64, nf)
	for j := range nf {
		rows[j] = featureRow{Feature: e.FeatureNames[j], Mean: make([]float64, no)}
		for o := range no {
			s, n := 0.0, 0
			for _, row := range e.Values {
				if j < len(row) && o < len(row[j]) && !math.IsNaN(row[j][o]) {
					s += math.Abs(row[j][o])
					n++
				}
			}
			if n > 0 {
				rows[j].Mean[o] = s / float64(n)
			}
			score[j] += rows[j].Mean[o]
		}
	}
	idx := make([]int, nf)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	for _, j := range idx[:min(topFeatures, nf)] {
		ef.Top = append(ef.Top, rows[j])
	}
}
