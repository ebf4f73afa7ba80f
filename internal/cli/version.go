package cli

import (
	"flag"
	"fmt"
	"time"

	"github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "version", summary: "print the version and the number of rules", run: runVersion})
	helps["version"] = &help{
		usage:    "djsec version (or djsec --version, djsec -V)",
		summary:  "Prints djsec's version, its number of rules and the age of the cached vulnerability database.",
		examples: [][2]string{{"djsec -V", ""}},
	}
}

func runVersion(e *env, args []string) int {
	if code, done := parseNoArgs(e, flag.NewFlagSet("version", flag.ContinueOnError), args); done {
		return code
	}
	fmt.Fprintf(e.stdout, "djsec %s (%d rules)\n", Version, len(rules.All()))
	fmt.Fprintln(e.stdout, dbSummary(time.Now()))
	return exitOK
}
