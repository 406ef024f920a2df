package board

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const hostile = `<img src=x onerror=alert(1)>`

// write creates a file under dir, with its folders.
func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func config(epochs int) string {
	return fmt.Sprintf(`{"format":1,"hash":"x","backend":"go","task":"binary","input_dim":3,"output_dim":1,
"layers":[{"kind":"dense","units":4,"activation":"relu","input_dim":3},{"kind":"dropout","rate":0.5},{"kind":"dense","units":1,"activation":"sigmoid"}],
"compile":{"optimizer":"adam","learning_rate":0.01,"loss":"binary_crossentropy","metrics":["accuracy"]},
"fit":{"epochs":%d,"batch_size":8,"seed":1,"no_shuffle":false},"train_rows":24,"data":{"target":"y"}}`, epochs)
}

// scalars returns the lines of a run of n epochs with 3 steps each.
func scalars(n int, metric string) string {
	var b strings.Builder
	step := 0
	for e := 1; e <= n; e++ {
		for range 3 {
			step++
			fmt.Fprintf(&b, `{"kind":"step","step":%d,"epoch":%d,"wall_time":%g,"loss":%g}`+"\n", step, e, float64(step)/10, 1/float64(step))
		}
		fmt.Fprintf(&b, `{"kind":"epoch","step":%d,"epoch":%d,"wall_time":%g,"loss":%g,"metrics":{"loss":%g,"val_loss":%g,%q:%g}}`+"\n",
			step, e, float64(step)/10, 1/float64(e), 1/float64(e), 1.1/float64(e), metric, 0.5+0.1*float64(e))
	}
	return b.String()
}

const histLine = `{"epoch":%d,"step":3,"layer":0,"param":"kernel","min":-1,"max":1,"mean":0,"std":0.5,"edges":[-1,0,1],"counts":[5,7]}` + "\n"

// logdir builds a log directory: a finished run "a", a nested finished run
// "exp/c" with an explanation and a report, a run "b" being trained, a run
// with a broken config.json, one with a truncated scalars line, and a run
// with hostile names.
func logdir(t *testing.T) string {
	dir := t.TempDir()
	for _, name := range []string{"a", "exp/c"} {
		write(t, dir, name+"/config.json", config(2))
		write(t, dir, name+"/scalars.jsonl", scalars(2, "accuracy"))
		write(t, dir, name+"/metrics.json", `{"train":{"accuracy":0.9,"auc":null},"validation":{"accuracy":0.8},"test":{"accuracy":0.75}}`)
		write(t, dir, name+"/histograms.jsonl", fmt.Sprintf(histLine, 1)+fmt.Sprintf(histLine, 2))
	}
	write(t, dir, "exp/c/why.json", `{"values":[[[0.1],[-2],[0.5]],[[0.3],[-1],[0.5]]],"method":"kernel",
"feature_names":["age","income","`+strings.ReplaceAll(hostile, `"`, `\"`)+`"],"output_names":["buys"]}`)
	write(t, dir, "exp/c/report.html", `<!DOCTYPE html><p>report</p>`)
	write(t, dir, ".b.lock", "4242\n")
	write(t, dir, ".b.new-1234/scalars.jsonl", scalars(1, "accuracy")+`{"kind":"step","st`)
	write(t, dir, "broken/config.json", `{"format":1,"layers":[`)
	write(t, dir, "broken/scalars.jsonl", scalars(1, "accuracy"))
	write(t, dir, "trunc/config.json", config(2))
	write(t, dir, "trunc/scalars.jsonl", scalars(1, "accuracy")+`{"kind":"epoch","step":6,"ep`)
	write(t, dir, hostile+"/config.json", config(1))
	write(t, dir, hostile+"/scalars.jsonl", scalars(1, hostile))
	write(t, dir, hostile+"/metrics.json", `{"test":{"`+strings.ReplaceAll(hostile, `"`, `\"`)+`":1}}`)
	write(t, dir, hostile+"/histograms.jsonl", fmt.Sprintf(histLine, 1))
	return dir
}

func newBoard(t *testing.T, dir string, opts Options) *Board {
	t.Helper()
	opts.LogDir = dir
	if opts.Assets == "" {
		opts.Assets = t.TempDir() // no ECharts unless a test provides one
	}
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func get(t *testing.T, h http.Handler, method, url string) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest(method, url, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body), rec.Result().Header
}

func TestPagesAndEndpoints(t *testing.T) {
	b := newBoard(t, logdir(t), Options{})
	for _, tc := range []struct{ url, ctype, want string }{
		{"/", "text/html", "loss"},
		{"/scalars", "text/html", "exp/c"},
		{"/histograms", "text/html", "layer 0 · dense 4 relu · kernel / 权重"},
		{"/histograms?run=exp/c", "text/html", "layer 0"},
		{"/graph", "text/html", "21 trainable parameters"},
		{"/hparams", "text/html", "compile.learning_rate"},
		{"/hparams?sort=test.accuracy&order=desc", "text/html", "sorted-desc"},
		{"/explanations", "text/html", "income"},
		{"/api/runs", "application/json", `"status":"training"`},
		{"/api/scalars", "application/json", `"tag":"loss (per step)"`},
		{"/api/histograms?run=a", "application/json", `"cells"`},
		{"/api/hparams", "application/json", `"validation.accuracy"`},
		{"/static/board.js", "text/javascript", "function smooth"},
		{"/static/board.css", "text/css", "body"},
		{"/files/exp/c/why.json", "application/json", "feature_names"},
		{"/files/exp/c/report.html", "text/html", "report"},
	} {
		code, body, h := get(t, b, "GET", tc.url)
		if code != 200 {
			t.Errorf("GET %s: %d %s", tc.url, code, body)
			continue
		}
		if !strings.HasPrefix(h.Get("Content-Type"), tc.ctype) {
			t.Errorf("GET %s: Content-Type %q, want %s", tc.url, h.Get("Content-Type"), tc.ctype)
		}
		if !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: no %q in the answer", tc.url, tc.want)
		}
		if code, _, _ := get(t, b, "HEAD", tc.url); code != 200 {
			t.Errorf("HEAD %s: %d", tc.url, code)
		}
	}
	// The report runs sandboxed, away from the board's origin and the network.
	_, _, h := get(t, b, "GET", "/files/exp/c/report.html")
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("report CSP %q", csp)
	}
	// Pages load scripts from the board only.
	_, _, h = get(t, b, "GET", "/")
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("page CSP %q", csp)
	}
	if code, _, _ := get(t, b, "GET", "/api/histograms?run=nope"); code != 404 {
		t.Errorf("histograms of an unknown run: %d", code)
	}
	if code, _, _ := get(t, b, "GET", "/nope"); code != 404 {
		t.Errorf("unknown page: %d", code)
	}
}

func TestRunsFound(t *testing.T) {
	b := newBoard(t, logdir(t), Options{})
	runs, err := b.scan()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Run{}
	for _, r := range runs {
		got[r.Name] = r
	}
	want := map[string]string{"a": StatusFinished, "b": StatusTraining, "broken": StatusUnreadable,
		"exp/c": StatusFinished, "trunc": StatusFinished, hostile: StatusFinished}
	if len(got) != len(want) {
		t.Errorf("runs %v, want %v", got, want)
	}
	for name, status := range want {
		r := got[name]
		if r == nil {
			t.Errorf("run %q not found", name)
			continue
		}
		if r.Status != status {
			t.Errorf("run %q: status %s, want %s", name, r.Status, status)
		}
	}
	if r := got["b"]; r != nil && (len(r.Errors) > 0 || epochs(r.Scalars) != 1 || r.Dir != ".b.new-1234") {
		t.Errorf("run b being written: errors %v, %d epochs, dir %s; want its half line ignored", r.Errors, epochs(r.Scalars), r.Dir)
	}
	if r := got["trunc"]; r != nil && (len(r.Errors) != 1 || !strings.Contains(r.Errors[0], "line 5: truncated") || epochs(r.Scalars) != 1) {
		t.Errorf("truncated run: errors %q, %d epochs", r.Errors, epochs(r.Scalars))
	}
	if r := got["exp/c"]; r != nil && strings.Join(r.Files, ",") != "report.html,why.json" {
		t.Errorf("exp/c files %v", r.Files)
	}
}

// A malformed run shows its error on its card; the others still render.
func TestMalformedRunsShowErrors(t *testing.T) {
	b := newBoard(t, logdir(t), Options{})
	for _, url := range []string{"/", "/graph", "/hparams", "/histograms"} {
		code, body, _ := get(t, b, "GET", url)
		if code != 200 {
			t.Fatalf("GET %s: %d", url, code)
		}
		for _, want := range []string{"config.json: unexpected end of JSON input", "scalars.jsonl line 5: truncated", `data-run="a"`} {
			if url == "/histograms" || url != "/" && strings.HasPrefix(want, "data-run") {
				continue
			}
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: no %q", url, want)
			}
		}
	}
	_, body, _ := get(t, b, "GET", "/api/scalars")
	var p scalarsPayload
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Runs {
		if r.Name == "a" && (len(r.Series) == 0 || len(r.Errors) > 0) {
			t.Errorf("run a: %d curves, errors %v", len(r.Series), r.Errors)
		}
		if r.Name == "trunc" && (len(r.Series) == 0 || len(r.Errors) == 0) {
			t.Errorf("truncated run: %d curves (want those read), errors %v", len(r.Series), r.Errors)
		}
	}
	// A log directory that is not one.
	if _, err := New(Options{LogDir: filepath.Join(t.TempDir(), "none")}); err == nil {
		t.Error("New on a missing directory: no error")
	}
}

func TestHostileNamesEscaped(t *testing.T) {
	b := newBoard(t, logdir(t), Options{})
	for _, url := range []string{"/", "/histograms", "/histograms?run=" + url.QueryEscape(hostile), "/graph", "/hparams",
		"/explanations", "/api/runs", "/api/scalars", "/api/hparams"} {
		code, body, _ := get(t, b, "GET", url)
		if code != 200 {
			t.Errorf("GET %s: %d", url, code)
		}
		if strings.Contains(body, "<img") {
			t.Errorf("GET %s: an unescaped <img in the answer", url)
		}
		if strings.HasPrefix(url, "/api/") {
			if !strings.Contains(body, `\u003cimg src=x onerror=alert(1)\u003e`) {
				t.Errorf("GET %s: the hostile name is missing", url)
			}
		} else if !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("GET %s: the hostile name is not shown as text", url)
		}
	}
}

func TestReadOnly(t *testing.T) {
	b := newBoard(t, logdir(t), Options{})
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		code, _, h := get(t, b, m, "/api/scalars")
		if code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d, Allow %q", m, code, h.Get("Allow"))
		}
	}
}

func TestHostHeader(t *testing.T) {
	b := newBoard(t, logdir(t), Options{Hosts: LoopbackHosts})
	for host, want := range map[string]int{"127.0.0.1:6006": 200, "localhost:6006": 200, "[::1]:6006": 200, "evil.example:6006": 421, "evil.example": 421} {
		req := httptest.NewRequest("GET", "/api/runs", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		b.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, want)
		}
	}
}

func TestNothingOutsideTheLogDir(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "secret.json", `{"secret":"s3cr3t"}`)
	dir := logdir(t)
	if err := os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(dir, "a", "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "a", "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "outrun")); err != nil {
		t.Fatal(err)
	}
	write(t, outside, "run/config.json", config(1))
	b := newBoard(t, dir, Options{})
	for _, url := range []string{
		"/files/../secret.json",
		"/files/a/../../secret.json",
		"/files/%2e%2e/secret.json",
		"/files/a/%2E%2E/%2e%2e/secret.json",
		"/files/a%2f..%2f..%2fsecret.json",
		"/files/a%2F..%2F..%2Fsecret.json",
		"/files/..%5c..%5csecret.json",
		"/files/a/link.json",
		"/files/a/out/secret.json",
		"/files/outrun/run/config.json",
		"/files//etc/passwd",
		"/files/%2fetc%2fpasswd",
		"/files/.b.lock",
		"/files/a",
		"/files/",
		"/static/../board.go",
		"/static/%2e%2e/board.go",
		"/%2e%2e/%2e%2e/etc/passwd",
	} {
		code, body, _ := get(t, b, "GET", url)
		if code != 400 && code != 404 {
			t.Errorf("GET %s: %d, want 400 or 404", url, code)
		}
		if strings.Contains(body, "s3cr3t") || strings.Contains(body, "root:") {
			t.Errorf("GET %s: served a file from outside", url)
		}
	}
	// A symbolic link to a folder outside is not followed when looking for runs.
	_, body, _ := get(t, b, "GET", "/api/runs")
	if strings.Contains(body, "outrun") {
		t.Error("a run behind a symbolic link out of the log directory is listed")
	}
	// Files inside are served.
	if code, _, _ := get(t, b, "GET", "/files/a/metrics.json"); code != 200 {
		t.Errorf("a file inside: %d", code)
	}
}

// The curves of a run being written grow as lines are appended; a run that
// appears is listed on the next request; a released lock means the writer
// is gone.
func TestLive(t *testing.T) {
	dir := logdir(t)
	b := newBoard(t, dir, Options{})
	count := func(name string) (int, string, bool) {
		_, body, _ := get(t, b, "GET", "/api/scalars")
		var p scalarsPayload
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Runs {
			if r.Name == name {
				n := 0
				for _, s := range r.Series {
					n += len(s.Points)
				}
				return n, r.Status, true
			}
		}
		return 0, "", false
	}
	n1, status, _ := count("b")
	if !strings.HasPrefix(status, StatusTraining) {
		t.Errorf("run b: status %q", status)
	}
	// The half-written line is completed and more epochs arrive.
	f, err := os.OpenFile(filepath.Join(dir, ".b.new-1234", "scalars.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, `ep":7,"epoch":3,"wall_time":1,"loss":0.5}`+"\n"+`{"kind":"epoch","step":7,"epoch":2,"wall_time":1,"loss":0.5,"metrics":{"loss":0.5,"val_loss":0.6}}`+"\n")
	f.Close()
	if n2, _, _ := count("b"); n2 <= n1 {
		t.Errorf("run b: %d points, then %d: not growing", n1, n2)
	}
	if _, _, ok := count("late"); ok {
		t.Fatal("run late listed before it exists")
	}
	write(t, dir, ".late.new-1/scalars.jsonl", scalars(1, "accuracy"))
	if _, status, ok := count("late"); !ok || status != StatusTraining {
		t.Errorf("a run that appears: listed %v, status %q", ok, status)
	}
	write(t, dir, ".b.lock", "")
	if _, status, _ := count("b"); status != StatusInterrupted {
		t.Errorf("run b after its lock was released: status %q", status)
	}
	// Rewriting a finished run: the finished one is "(previous)".
	write(t, dir, ".a.new-9/scalars.jsonl", scalars(1, "accuracy"))
	if _, status, ok := count("a (previous)"); !ok || status != StatusFinished {
		t.Errorf("run a being rewritten: previous run %v %q", ok, status)
	}
}

func TestECharts(t *testing.T) {
	dir := logdir(t)
	b := newBoard(t, dir, Options{})
	_, body, _ := get(t, b, "GET", "/")
	if !strings.Contains(body, "Charts are off") || strings.Contains(body, "echarts.min.js\" defer") {
		t.Error("without ECharts the page does not say so")
	}
	if !strings.Contains(body, "Latest values") {
		t.Error("without ECharts no table of values")
	}
	if code, _, _ := get(t, b, "GET", "/static/echarts.min.js"); code != 404 {
		t.Errorf("missing ECharts served: %d", code)
	}
	assets := t.TempDir()
	write(t, assets, EChartsFile, "/* echarts */")
	b = newBoard(t, dir, Options{Assets: assets})
	_, body, _ = get(t, b, "GET", "/")
	if strings.Contains(body, "Charts are off") || !strings.Contains(body, `<script src="/static/echarts.min.js" defer>`) {
		t.Error("with ECharts the page does not load it")
	}
	if code, body, h := get(t, b, "GET", "/static/echarts.min.js"); code != 200 || body != "/* echarts */" || !strings.HasPrefix(h.Get("Content-Type"), "text/javascript") {
		t.Errorf("ECharts: %d %q", code, body)
	}
}

func TestSeries(t *testing.T) {
	var recs []Scalar
	if err := json.Unmarshal([]byte("["+strings.Join(strings.Split(strings.TrimSpace(scalars(2, "accuracy")), "\n"), ",")+"]"), &recs); err != nil {
		t.Fatal(err)
	}
	s := series(recs)
	var tags []string
	for _, x := range s {
		tags = append(tags, x.Tag)
	}
	if got := strings.Join(tags, ","); got != "loss,val_loss,loss (per step),accuracy" {
		t.Errorf("tags %s", got)
	}
	step := s[2].Points
	// 3 steps per epoch: step 4 is at epoch 4/3 on the epoch axis.
	if len(step) != 6 || step[3][0] != 4 || step[3][1] != 4.0/3 || step[3][2] != 0.4 {
		t.Errorf("per-step points %v", step)
	}
	long := make([][4]float64, 10000)
	for i := range long {
		long[i][0] = float64(i)
	}
	th := thin(long, maxStepPoints)
	if len(th) != maxStepPoints || th[0][0] != 0 || th[len(th)-1][0] != 9999 {
		t.Errorf("thin: %d points from %v to %v", len(th), th[0], th[len(th)-1])
	}
}

func TestHParamsSort(t *testing.T) {
	dir := t.TempDir()
	for i, acc := range []string{"0.7", "0.9", "null"} {
		name := fmt.Sprintf("r%d", i)
		write(t, dir, name+"/config.json", config(i+1))
		write(t, dir, name+"/metrics.json", `{"test":{"accuracy":`+acc+`}}`)
	}
	b := newBoard(t, dir, Options{})
	order := func(q string) string {
		_, body, _ := get(t, b, "GET", "/api/hparams"+q)
		var p struct{ Runs []struct{ Run string } }
		json.Unmarshal([]byte(body), &p)
		var names []string
		for _, r := range p.Runs {
			names = append(names, r.Run)
		}
		return strings.Join(names, ",")
	}
	for q, want := range map[string]string{
		"":                               "r0,r1,r2",
		"?sort=test.accuracy":            "r0,r1,r2",
		"?sort=test.accuracy&order=desc": "r1,r0,r2", // undefined last
		"?sort=fit.epochs&order=desc":    "r2,r1,r0",
		"?sort=run&order=desc":           "r2,r1,r0",
		"?sort=" + url.QueryEscape(hostile) + "&order=desc": "r0,r1,r2",
	} {
		if got := order(q); got != want {
			t.Errorf("%s: %s, want %s", q, got, want)
		}
	}
}

func TestExplanationSummary(t *testing.T) {
	b := newBoard(t, logdir(t), Options{})
	runs, _ := b.scan()
	ex := b.explanations(runs)
	if len(ex) != 1 || ex[0].Run.Name != "exp/c" || len(ex[0].Files) != 1 || len(ex[0].Reports) != 1 {
		t.Fatalf("explanations %+v", ex)
	}
	top := ex[0].Files[0].Top
	if len(top) != 3 || top[0].Feature != "income" || top[0].Mean[0] != 1.5 || top[1].Feature != hostile || top[2].Mean[0] != 0.2 {
		t.Errorf("top features %+v", top)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:6006": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:6006": false,
		":6006": false, "192.168.1.2:6006": false, "127.0.0.2:1": true} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%s) = %v", addr, !want)
		}
	}
}

// The smoothing of the page is TensorBoard's debiased moving average;
// checked under Node when it is installed.
func TestSmoothingJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	script := `const b = require(process.argv[1]);
const out = b.smooth([1, 2, NaN, 3], 0.5);
// s1 = 0.5, /0.5 = 1; s2 = 0.25+1 = 1.25, /0.75 = 5/3; NaN passes; s3 = 0.625+1.5 = 2.125, /0.875
console.log(JSON.stringify([out[0], out[1], String(out[2]), out[3], b.smooth([4, 5], 0)]));
console.log(b.escapeHTML('<img src=x onerror="alert(1)">'));`
	js, err := filepath.Abs(filepath.Join("static", "board.js"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "-e", script, js).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	want := fmt.Sprintf("[1,%v,\"NaN\",%v,[4,5]]\n&lt;img src=x onerror=&quot;alert(1)&quot;&gt;\n", 1.25/0.75, 2.125/0.875)
	if string(out) != want {
		t.Errorf("node printed\n%s\nwant\n%s", out, want)
	}
}

func TestSpread(t *testing.T) {
	grid := make([]float64, 4) // bins of width 1 from 0
	spread(grid, 0, 1, 0.5, 2.5, 4)
	spread(grid, 0, 1, 3.2, 3.2, 1)
	want := []float64{1, 2, 1, 1}
	for i := range grid {
		if grid[i] != want[i] {
			t.Fatalf("grid %v, want %v", grid, want)
		}
	}
}
