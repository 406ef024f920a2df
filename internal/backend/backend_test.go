package backend

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func touch(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPluginsFollowGoXLA(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	touch(t, first, "pjrt_c_api_cpu_plugin.so", "pjrt_c_api_cuda_plugin.so", "libother.so")
	touch(t, second, "pjrt_c_api_cpu_plugin.so", "pjrt-plugin-tpu.so", "pjrt_plugin_metal.so")
	t.Setenv(PluginPathEnv, first+"::"+second)
	t.Setenv(Env, "")
	defer func(f func() bool) { hasGPU = f }(hasGPU)

	hasGPU = func() bool { return false }
	want := map[string]string{
		"cpu":   filepath.Join(first, "pjrt_c_api_cpu_plugin.so"), // the first directory wins
		"tpu":   filepath.Join(second, "pjrt-plugin-tpu.so"),
		"metal": filepath.Join(second, "pjrt_plugin_metal.so"),
	}
	if got := Plugins(); !reflect.DeepEqual(got, want) {
		t.Fatalf("without a GPU: Plugins = %v, want %v", got, want)
	}
	hasGPU = func() bool { return true }
	want["cuda"] = filepath.Join(first, "pjrt_c_api_cuda_plugin.so")
	if got := Plugins(); !reflect.DeepEqual(got, want) {
		t.Fatalf("with a GPU: Plugins = %v, want %v", got, want)
	}
}

func TestPluginNamedByGOMLXBackendCounts(t *testing.T) {
	t.Setenv(PluginPathEnv, t.TempDir())
	plugin := filepath.Join(t.TempDir(), "pjrt_c_api_cpu_plugin.so")
	touch(t, filepath.Dir(plugin), filepath.Base(plugin))
	t.Setenv(Env, "xla:"+plugin+",preallocate=false")
	if got := Plugins(); got["cpu"] != plugin {
		t.Fatalf("Plugins = %v, want cpu=%s", got, plugin)
	}
}

func TestSearchDirsDefaultList(t *testing.T) {
	t.Setenv(PluginPathEnv, "")
	t.Setenv("HOME", "/h")
	t.Setenv("LD_LIBRARY_PATH", "/opt/lib:relative:")
	got := SearchDirs()
	want := []string{"/h/.local/lib/go-xla", "/h/.local/lib/go-xla/nvidia", "/h/.local/lib/gomlx/pjrt",
		"/usr/local/lib/go-xla", "/usr/local/lib/go-xla/nvidia", "/usr/local/lib/gomlx/pjrt", "/opt/lib"}
	if len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) {
		t.Fatalf("SearchDirs = %v, want it to begin with %v", got, want)
	}
}

func TestLdConfIncludes(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "ld.so.conf")
	os.WriteFile(conf, []byte("# comment\ninclude "+filepath.Join(dir, "conf.d", "*.conf")+"\n/usr/lib/a\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "conf.d"), 0o755)
	os.WriteFile(filepath.Join(dir, "conf.d", "x.conf"), []byte("  /usr/lib/x  \n\n"), 0o644)
	if got := ldConfDirs([]string{"/first"}, conf); !reflect.DeepEqual(got, []string{"/first", "/usr/lib/x", "/usr/lib/a"}) {
		t.Fatalf("ldConfDirs = %v", got)
	}
}

func TestChoose(t *testing.T) {
	cpu := map[string]string{"cpu": "/p/cpu.so"}
	both := map[string]string{"cpu": "/p/cpu.so", "cuda": "/p/cuda.so"}
	t.Setenv(Env, "")
	for _, tc := range []struct {
		option, env string
		linked      bool
		plugins     map[string]string
		config, why string
		xla         bool
	}{
		{"go", "xla:cpu", true, both, "go", "option", false},
		{"", "xla:cpu", true, both, "xla:cpu", "$GOMLX_BACKEND", true},
		{"", "", false, both, "go", "noxla", false},
		{"", "", true, both, "xla:cuda", "cpu, cuda", true},
		{"", "", true, cpu, "xla:cpu", "cpu", true},
		{"", "", true, map[string]string{"tpu": "/t.so", "metal": "/m.so"}, "xla:metal", "metal, tpu", true},
		{"", "", true, nil, "go", "glassbox xla install", false},
	} {
		t.Setenv(Env, tc.env)
		c := Choose(tc.option, tc.linked, tc.plugins)
		if c.Config != tc.config || !strings.Contains(c.Reason, tc.why) || c.XLA() != tc.xla {
			t.Errorf("Choose(%q) with %s=%q linked=%v plugins=%v = %+v (XLA %v), want %s because %q",
				tc.option, Env, tc.env, tc.linked, tc.plugins, c, c.XLA(), tc.config, tc.why)
		}
	}
}
