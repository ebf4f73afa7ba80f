// Package cli is djsec's command line: flag parsing and the wiring of each
// subcommand to the packages that do the work. It holds no analysis logic.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/report"
)

// Version is djsec's version, reported in every output format.
const Version = "0.1.0"

// Exit statuses, as documented: 0 nothing at or above --fail-on, 1 findings
// at or above it, 2 usage or runtime error.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// env is what a command sees of the outside world, so tests can run the CLI
// in-process.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	// isTerminal reports whether stdout is a terminal (for colours).
	isTerminal bool
	// errTerminal reports whether stderr is a terminal (for progress).
	errTerminal bool
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

// commands lists the subcommands; each lives in its own file.
var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// Main runs djsec with args (without the program name) and returns the exit
// status.
func Main(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: os.Stdin, isTerminal: isTerminal(stdout), errTerminal: isTerminal(stderr)}
	if len(args) == 0 {
		usage(stderr)
		return exitError
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && commands[args[1]] != nil {
			// djsec help scan is djsec scan --help
			return commands[args[1]].run(e, []string{"--help"})
		}
		usage(stdout)
		return exitOK
	case "-V", "-version", "--version":
		args[0] = "version"
	}
	c, ok := commands[args[0]]
	if !ok {
		if strings.HasPrefix(args[0], "-") {
			return e.fail(fmt.Errorf("%s before a command: flags follow it, as in djsec scan %s (djsec --help lists the commands)", args[0], args[0]))
		}
		return e.fail(fmt.Errorf("unknown command %q (djsec --help lists them)", args[0]))
	}
	return c.run(e, args[1:])
}

// fail prints one line and returns the error status: users see what went
// wrong, never a stack trace. The error may quote a path or a value from
// the scanned tree, which is printed escaped (report.Printable).
func (e *env) fail(err error) int {
	fmt.Fprintf(e.stderr, "djsec: %s\n", report.Printable(err.Error()))
	return exitError
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "djsec %s: security auditor for Django projects\n\nUsage: djsec COMMAND [flags] [arguments]\n\nCommands:\n", Version)
	for _, n := range slices.Sorted(maps.Keys(commands)) {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nFlags:\n  -h, --help     this help; djsec COMMAND --help for a command's arguments, flags and examples\n"+
		"  -V, --version  the version\n")
	fmt.Fprintf(w, "\nExamples:\n  djsec scan                       audit the project in the current folder\n"+
		"  djsec probe https://example.com  audit a running site from outside\n"+
		"  djsec rules explain DJS101       what a rule finds and how to fix it\n")
}

// parseFlags parses flags anywhere among the arguments (users write
// `djsec scan . --format json` as often as the other order) and returns the
// positional arguments. Errors are one line; --help prints the command's
// usage, arguments, flags and examples.
func parseFlags(fs *flag.FlagSet, args []string, e *env) ([]string, error) {
	fs.SetOutput(io.Discard)
	defineShort(fs)
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			printHelp(e.stdout, fs)
			return nil, flag.ErrHelp
		}
		if err != nil {
			return nil, flagError(fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
