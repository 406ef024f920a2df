// Command glassbox is GlassBox's command-line tool: it installs and checks the
// Jupyter kernel, trains models, explains their predictions and writes reports.
//
// Usage:
//
//	glassbox <command> [flags]
//
// Run "glassbox help" for the list of commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one sub-command of the CLI. Each lives in a file of its own and
// registers itself from an init function.
type command struct {
	name    string // as typed: "train", "kernel install", …
	summary string // one line for "glassbox help"
	// run executes the command with the arguments that follow its name,
	// writing its normal output to stdout. A returned error is printed to
	// stderr and makes the process exit with status 1.
	run func(args []string, stdout io.Writer) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a command and returns the process exit status.
// Commands may have two words ("kernel install"); the longest match wins.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	var c *command
	rest := args
	if len(args) >= 2 {
		if c2, ok := commands[args[0]+" "+args[1]]; ok {
			c, rest = c2, args[2:]
		}
	}
	if c == nil {
		if c1, ok := commands[args[0]]; ok {
			c, rest = c1, args[1:]
		}
	}
	if c == nil {
		fmt.Fprintf(stderr, "glassbox: unknown command %q; run \"glassbox help\" for the list\n", args[0])
		return 2
	}
	if err := c.run(rest, stdout); err != nil {
		fmt.Fprintf(stderr, "glassbox %s: %v\n", c.name, err)
		if e, ok := errors.AsType[exitError](err); ok {
			return e.code
		}
		return 1
	}
	return 0
}

// exitError is an error that ends the process with its own status (130
// after an interrupt, as shells report SIGINT) rather than 1.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

func usage(w io.Writer) {
	fmt.Fprintln(w, "glassbox — explainable machine learning in Go notebooks")
	fmt.Fprintln(w, "\nUsage: glassbox <command> [flags]   (glassbox <command> -h for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].summary)
	}
}

// parseFlags parses a command's flags; -h or --help (which has printed the
// usage) is not an error but ends the command: help is true.
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	err = fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return true, nil
	}
	return false, err
}
