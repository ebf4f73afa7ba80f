package cli

import (
	"fmt"
	"time"

	"github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "version", summary: "print the version and the number of rules", run: runVersion})
}

func runVersion(e *env, args []string) int {
	fmt.Fprintf(e.stdout, "djsec %s (%d rules)\n", Version, len(rules.All()))
	fmt.Fprintln(e.stdout, dbSummary(time.Now()))
	return exitOK
}
