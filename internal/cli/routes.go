package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/project"
)

func init() {
	register(&command{name: "routes", summary: "list every URL pattern with its view, methods, authentication, permission, CSRF and throttling", run: runRoutes})
	helps["routes"] = &help{
		usage:   "djsec routes [flags] [PATH]",
		summary: "Prints the project's attack surface: every URL pattern, its view, methods, authentication, permission, CSRF status and throttling, and where each was decided. Patterns added only under if settings.DEBUG (or DEV, TEST) are left out: production runs without them.",
		args:    [][2]string{{"PATH", "the project's root folder (default: the current folder)"}},
		examples: [][2]string{
			{"djsec routes", "the routes of the project in the current folder"},
			{"djsec routes -f json -o routes.json", "the same map as JSON, for review or for djsec guard init"},
			{"djsec routes -f html -o routes.html", "one self-contained page to share with an auditor"},
		},
	}
}

func runRoutes(e *env, args []string) int {
	fs := flag.NewFlagSet("routes", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, json or html")
	output := fs.String("output", "", "write the routes to `FILE` instead of standard output")
	settingsMod := fs.String("settings", "", "read this settings `MODULE` (default: every one found)")
	var envs listFlag
	fs.Var(&envs, "env", "environment value `K=V` used to resolve settings (repeatable)")
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) > 1 {
		return e.fail(fmt.Errorf("routes takes one path, got %d", len(pos)))
	}
	switch *format {
	case "text", "json", "html":
	default:
		return e.fail(fmt.Errorf("routes: unknown format %q (want text, json or html)", *format))
	}
	target := "."
	if len(pos) == 1 {
		target = pos[0]
	}
	info, err := os.Stat(target)
	if err != nil {
		return e.fail(fmt.Errorf("cannot read %s: %v", target, unwrapPath(err)))
	}
	if !info.IsDir() {
		return e.fail(fmt.Errorf("routes: %s is not a directory", target))
	}
	in := project.Inputs{Settings: *settingsMod, Env: map[string]string{}}
	for _, kv := range envs {
		k, v, ok := bytes.Cut([]byte(kv), []byte("="))
		if !ok {
			return e.fail(fmt.Errorf("--env: want K=V, got %q", kv))
		}
		in.Env[string(k)] = string(v)
	}
	files, _, err := project.Walk(target, project.WalkOptions{Exclude: &project.Ignore{}, MaxFileSize: project.DefaultMaxFileSize})
	if err != nil {
		return e.fail(fmt.Errorf("cannot read %s: %v", target, unwrapPath(err)))
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return e.fail(err)
	}
	m := access.Analyze(project.New(abs, files, in))
	var buf bytes.Buffer
	switch *format {
	case "json":
		err = m.WriteJSON(&buf, target)
	case "html":
		err = m.WriteHTML(&buf, target)
	default:
		err = m.WriteText(&buf, target)
	}
	if err != nil {
		return e.fail(fmt.Errorf("rendering routes: %w", err))
	}
	if *output == "" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	if err := writeFileAtomic(*output, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return e.fail(err)
	}
	return exitOK
}
