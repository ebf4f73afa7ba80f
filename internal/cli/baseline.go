package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/render"
)

func init() {
	register(&command{name: "baseline", summary: "record the current findings in a file, so that later scans report only new ones", run: runBaseline})
	helps["baseline"] = &help{
		usage: "djsec baseline [flags] FILE [PATH]",
		summary: "Scans like djsec scan and records every finding in FILE (a djsec JSON report). " +
			"djsec scan --baseline FILE then reports only findings that are not in it: matched by fingerprint " +
			"(rule, file and the code of the line), so they survive lines moving. It exits 0 whatever it records.",
		args: [][2]string{
			{"FILE", "where to write the baseline, e.g. .djsec-baseline.json (commit it)"},
			{"PATH", "the project's root folder (default: the current folder)"},
		},
		examples: [][2]string{
			{"djsec baseline .djsec-baseline.json", "record today's findings"},
			{"djsec scan --baseline .djsec-baseline.json", "then, in CI: fail only on new findings"},
			{"djsec baseline backend/.djsec-baseline.json backend", "a project in a sub-folder"},
		},
	}
}

func runBaseline(e *env, args []string) int {
	var sf scanFlags
	fs := flag.NewFlagSet("baseline", flag.ContinueOnError)
	sf.define(fs)
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	sf.set = setFlags(fs)
	for _, name := range []string{"format", "output", "fail-on", "sarif-prefix", "baseline"} {
		if sf.set[name] {
			return e.fail(fmt.Errorf("baseline: --%s does not apply: a baseline is always a JSON report written to FILE", name))
		}
	}
	if len(pos) == 0 || len(pos) > 2 {
		return e.fail(fmt.Errorf("baseline takes FILE and an optional PATH, got %d arguments (djsec baseline .djsec-baseline.json)", len(pos)))
	}
	file, target := pos[0], "."
	if len(pos) == 2 {
		target = pos[1]
	}
	if strings.HasSuffix(file, ".py") || strings.HasSuffix(file, "/") {
		return e.fail(fmt.Errorf("baseline: %s does not look like a file to write; the order is FILE then PATH", file))
	}
	sf.format, sf.output = "json", file
	r, enabled, _, err := scan(e, target, &sf)
	if err != nil {
		return e.fail(err)
	}
	if err := writeReport(e, r, enabled, &sf.outputFlags, render.SARIFOptions{}); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "recorded %s in %s: djsec scan --baseline %s reports only findings not among them\n",
		plural(len(r.Findings), "finding"), file, file)
	return exitOK
}
