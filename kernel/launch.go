package kernel

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// LaunchOptions are the arguments of "glassbox kernel run", the command
// Jupyter starts for every GlassBox kernel.
type LaunchOptions struct {
	ConnectionFile string // Jupyter's connection file; required
	Module         string // root of the GlassBox module (for the cells' go.work); required
	// ToolsDir holds gonb, goimports and optionally gopls; default: the
	// directory of the running executable.
	ToolsDir string
}

// Tool names the kernel needs in ToolsDir or on $PATH.
const (
	GoNBTool      = "gonb"
	GoImportsTool = "goimports"
	GoplsTool     = "gopls"
)

// LaunchEnv returns the environment for GoNB and the cells it runs:
//   - ToolsDir first on PATH, so GoNB finds goimports and gopls;
//   - the backend of ChooseBackend: without a PJRT plugin, GOFLAGS gets
//     -tags=noxla, so cells link only the pure-Go backend and GoMLX picks it;
//   - GOFLAGS gets -ldflags=-w: cells are linked without DWARF debug data,
//     which cuts a cell's link time by a third (panics still show file:line);
//   - GOMLX_NO_AUTO_INSTALL=1, so no cell tries to download XLA;
//   - GLASSBOX_MODULE, and GLASSBOX_BACKEND_NOTE with the one-line reason.
//
// Variables the user set keep their values, except that flags are appended
// to GOFLAGS.
func LaunchEnv(base []string, o LaunchOptions, choice BackendChoice) []string {
	env := map[string]string{}
	var order []string
	for _, kv := range base {
		k, v, _ := strings.Cut(kv, "=")
		if _, seen := env[k]; !seen {
			order = append(order, k)
		}
		env[k] = v
	}
	set := func(k, v string) {
		if _, seen := env[k]; !seen {
			order = append(order, k)
		}
		env[k] = v
	}
	setDefault := func(k, v string) {
		if _, ok := env[k]; !ok {
			set(k, v)
		}
	}
	path := o.ToolsDir
	if env["PATH"] != "" {
		path += string(os.PathListSeparator) + env["PATH"]
	}
	set("PATH", path)
	flags := strings.Fields(env["GOFLAGS"])
	if len(choice.BuildTags) > 0 && !hasFlag(flags, "-tags") {
		flags = append(flags, "-tags="+strings.Join(choice.BuildTags, ","))
	}
	if !hasFlag(flags, "-ldflags") {
		flags = append(flags, "-ldflags=-w")
	}
	set("GOFLAGS", strings.Join(flags, " "))
	setDefault("GOMLX_NO_AUTO_INSTALL", "1")
	set("GLASSBOX_MODULE", o.Module)
	set("GLASSBOX_BACKEND_NOTE", choice.Reason)
	out := make([]string, 0, len(order))
	for _, k := range order {
		out = append(out, k+"="+env[k])
	}
	return out
}

func hasFlag(flags []string, name string) bool {
	for _, f := range flags {
		if f == name || strings.HasPrefix(f, name+"=") {
			return true
		}
	}
	return false
}

// GoNBArgs returns GoNB's command line for o: run the kernel on the
// connection file with a go.work that uses the GlassBox module. GoNB's own
// log goes to logFile; only fatal errors reach the Jupyter server's log.
func GoNBArgs(o LaunchOptions, logFile string) []string {
	return []string{"--kernel", o.ConnectionFile, "--go_work", o.Module,
		"--logtostderr=false", "--stderrthreshold=FATAL", "--log_file", logFile}
}

// LogFile is where GoNB's log goes: GlassBox's cache dir, gonb.log.
func LogFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "glassbox")
	_ = os.MkdirAll(dir, 0o755) // if it fails, GoNB reports the log file it cannot open
	return filepath.Join(dir, "gonb.log")
}

// Launch replaces the current process with GoNB, configured by LaunchEnv.
// It returns only on error. The process is replaced rather than wrapped so
// that Jupyter's interrupt (SIGINT) and shutdown signals reach GoNB itself.
func Launch(o LaunchOptions) error {
	if o.ConnectionFile == "" {
		return fmt.Errorf("missing --connection-file (Jupyter passes it as {connection_file})")
	}
	if o.Module == "" {
		return fmt.Errorf("missing --module: reinstall the kernel with `glassbox kernel install`")
	}
	if o.ToolsDir == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		o.ToolsDir = filepath.Dir(exe)
	}
	if _, err := exec.LookPath("go"); err != nil {
		return fmt.Errorf("the go command is not on PATH of the Jupyter server: %w", err)
	}
	gonb := filepath.Join(o.ToolsDir, GoNBTool)
	if !isFile(gonb) {
		return fmt.Errorf("%s not found: run `make tools` (it builds %s, %s and glassbox into bin/)", gonb, GoNBTool, GoImportsTool)
	}
	choice := ChooseBackend()
	fmt.Fprintln(os.Stderr, "glassbox kernel:", choice.Reason)
	argv := append([]string{gonb}, GoNBArgs(o, LogFile())...)
	return syscall.Exec(gonb, argv, LaunchEnv(os.Environ(), o, choice))
}
