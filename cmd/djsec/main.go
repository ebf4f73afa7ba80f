// Command djsec audits Django projects and the sites they run.
package main

import (
	"os"

	"github.com/djsec/djsec/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
