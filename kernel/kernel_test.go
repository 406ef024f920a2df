package kernel

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

func TestMimeBundleHasOneEntryPerForm(t *testing.T) {
	o := Output{HTML: "<b>x</b>", Markdown: "*x*", PNG: []byte{1}, Text: "x"}
	got := o.mimeBundle()
	want := map[protocol.MIMEType]any{
		protocol.MIMETextHTML: "<b>x</b>", protocol.MIMETextMarkdown: "*x*",
		protocol.MIMEImagePNG: []byte{1}, protocol.MIMETextPlain: "x",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("bundle = %v, want %v", got, want)
	}
}

func TestSVGAlsoTravelsAsHTMLForExports(t *testing.T) {
	got := Output{SVG: "<svg/>"}.mimeBundle()
	if got[protocol.MIMEImageSVG] != "<svg/>" || got[protocol.MIMETextHTML] != "<div><svg/></div>" {
		t.Fatalf("bundle = %v", got)
	}
	// An explicit HTML form wins over the wrapped SVG.
	got = Output{SVG: "<svg/>", HTML: "<p>chart</p>"}.mimeBundle()
	if got[protocol.MIMETextHTML] != "<p>chart</p>" {
		t.Fatalf("bundle = %v", got)
	}
}

func TestOutsideANotebookShowPrintsTheTextFallback(t *testing.T) {
	var buf bytes.Buffer
	old := stdout
	stdout = &buf
	defer func() { stdout = old }()
	HTML("<b>a</b>", "a")
	Markdown("# b")
	Show(Output{HTML: "<i>no text</i>"})
	l := NewLive()
	l.Update(Output{Text: "progress 50%"}) // live updates stay off terminals
	l.Finish(Output{Text: "done"})
	if got, want := buf.String(), "a\n# b\ndone\n"; got != want {
		t.Fatalf("printed %q, want %q", got, want)
	}
}

func TestZeroOutput(t *testing.T) {
	if !(Output{}).IsZero() || (Output{PNG: []byte{0}}).IsZero() {
		t.Fatal("IsZero is wrong")
	}
}

func TestChooseBackendWithPlugins(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pjrt_c_api_cpu_plugin.so"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(PJRTPluginEnv, dir)
	t.Setenv(BackendEnv, "")
	c := ChooseBackend()
	if len(c.BuildTags) != 0 || c.Plugins["cpu"] == "" || !strings.Contains(c.Reason, "xla:cpu") {
		t.Fatalf("with a CPU plugin: %+v", c)
	}
}

func TestChooseBackendFallsBackToPureGo(t *testing.T) {
	t.Setenv(PJRTPluginEnv, t.TempDir())
	t.Setenv(BackendEnv, "")
	os.Unsetenv(BackendEnv)
	c := ChooseBackend()
	if !reflect.DeepEqual(c.BuildTags, []string{"noxla"}) {
		t.Fatalf("without plugins: %+v", c)
	}
	if !strings.Contains(c.Reason, "pure Go") || !strings.Contains(c.Reason, PJRTPluginEnv) || !strings.Contains(c.Reason, "backend go") {
		t.Fatalf("reason does not say how to enable XLA: %q", c.Reason)
	}
}

func TestChooseBackendHonoursTheUser(t *testing.T) {
	t.Setenv(PJRTPluginEnv, t.TempDir())
	plugin := filepath.Join(t.TempDir(), "pjrt_c_api_cpu_plugin.so")
	os.WriteFile(plugin, nil, 0o644)
	t.Setenv(BackendEnv, "xla:"+plugin+",preallocate=false")
	c := ChooseBackend()
	if len(c.BuildTags) != 0 || c.Plugins["cpu"] != plugin || !strings.Contains(c.Reason, "set by $GOMLX_BACKEND") {
		t.Fatalf("user xla: %+v", c)
	}
	t.Setenv(BackendEnv, "go")
	if c := ChooseBackend(); len(c.BuildTags) != 1 || c.BuildTags[0] != "noxla" {
		t.Fatalf("user go: %+v", c)
	}
}

func TestLaunchEnv(t *testing.T) {
	base := []string{"PATH=/usr/bin", "GOFLAGS=-v", "HOME=/h", "GOMLX_BACKEND=go"}
	o := LaunchOptions{Module: "/m", ToolsDir: "/m/bin"}
	env := LaunchEnv(base, o, BackendChoice{BuildTags: []string{"noxla"}, Reason: "why"})
	got := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = v
	}
	want := map[string]string{
		"PATH": "/m/bin:/usr/bin", "GOFLAGS": "-v -tags=noxla -ldflags=-w", "HOME": "/h",
		"GOMLX_BACKEND":         "go", // the user's setting stays
		"GOMLX_NO_AUTO_INSTALL": "1", "GLASSBOX_MODULE": "/m", "GLASSBOX_BACKEND_NOTE": "why",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("env = %v\nwant  %v", got, want)
	}
	// A user's own -tags and -ldflags are kept as they are.
	env = LaunchEnv([]string{"GOFLAGS=-tags=foo -ldflags=-s"}, o, BackendChoice{BuildTags: []string{"noxla"}})
	if !contains(env, "GOFLAGS=-tags=foo -ldflags=-s") {
		t.Fatalf("env = %v", env)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestInstallIsIdempotentAndAtomic(t *testing.T) {
	module := t.TempDir()
	os.WriteFile(filepath.Join(module, "go.mod"), []byte("module x\n"), 0o644)
	launcher := filepath.Join(module, "glassbox")
	os.WriteFile(launcher, nil, 0o755)
	prefix := t.TempDir()
	o := InstallOptions{Launcher: launcher, Module: module, Prefix: prefix}
	dir, changed, err := Install(o)
	if err != nil || !changed {
		t.Fatalf("first install: changed=%v err=%v", changed, err)
	}
	if dir != filepath.Join(prefix, "share", "jupyter", "kernels", "glassbox") {
		t.Fatalf("dir = %s", dir)
	}
	if _, changed, err = Install(o); err != nil || changed {
		t.Fatalf("second install: changed=%v err=%v", changed, err)
	}
	spec, _, err := ReadSpec(prefix, "")
	if err != nil {
		t.Fatal(err)
	}
	if spec.DisplayName != "Go (GlassBox)" || spec.Argv[0] != launcher || spec.Argv[len(spec.Argv)-1] != "{connection_file}" {
		t.Fatalf("spec = %+v", spec)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "kernel.json,logo-32x32.png,logo-64x64.png" {
		t.Fatalf("files = %v (no temporary files may remain)", names)
	}
	var raw map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err := json.Unmarshal(b, &raw); err != nil || raw["language"] != "go" {
		t.Fatalf("kernel.json = %s", b)
	}
}

func TestInstallRejectsBadInput(t *testing.T) {
	module := t.TempDir()
	cases := map[string]InstallOptions{
		"absolute path":  {Launcher: "glassbox", Module: module},
		"does not exist": {Launcher: filepath.Join(module, "nope"), Module: module},
	}
	for want, o := range cases {
		if _, _, err := Install(o); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Install(%+v) error = %v, want it to say %q", o, err, want)
		}
	}
	launcher := filepath.Join(module, "glassbox")
	os.WriteFile(launcher, nil, 0o755)
	if _, _, err := Install(InstallOptions{Launcher: launcher, Module: module}); err == nil || !strings.Contains(err.Error(), "go.mod") {
		t.Errorf("missing go.mod: %v", err)
	}
	if _, _, err := ReadSpec(t.TempDir(), "nope"); err == nil || !strings.Contains(err.Error(), "glassbox kernel install") {
		t.Errorf("ReadSpec of a missing kernel: %v", err)
	}
}

func TestLaunchNeedsItsArguments(t *testing.T) {
	if err := Launch(LaunchOptions{Module: "/m"}); err == nil || !strings.Contains(err.Error(), "connection-file") {
		t.Errorf("no connection file: %v", err)
	}
	if err := Launch(LaunchOptions{ConnectionFile: "c.json"}); err == nil || !strings.Contains(err.Error(), "--module") {
		t.Errorf("no module: %v", err)
	}
	err := Launch(LaunchOptions{ConnectionFile: "c.json", Module: "/m", ToolsDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "make tools") {
		t.Errorf("no gonb: %v", err)
	}
}

func TestLogosArePNGs(t *testing.T) {
	for size, b := range logos() {
		if !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("logo %d is not a PNG", size)
		}
	}
}
