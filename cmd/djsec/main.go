// Command djsec audits Django projects and the sites they run.
//
// default.pgo is a CPU profile of scans of real projects (netbox, saleor,
// healthchecks and the bundled shopfront, merged with go tool pprof
// -proto): go build uses it to inline and lay out the scan's hot code,
// which makes a scan 5-9% cheaper in CPU time. It is worth taking again
// when the scan's hot code changes much: four days and many rules after
// it was first taken, a fresh one made netbox and saleor 8% cheaper than
// the old one did. The peak memory moves by a few megabytes with the
// binary's layout, whichever profile built it (bench/SCAN.md). To
// take it: in a scratch copy, wrap cli.Main below in
// pprof.StartCPUProfile/StopCPUProfile, scan each of those trees a few
// times with --jobs 1, and merge the profiles into this file with
// `go tool pprof -proto a.prof b.prof ... > cmd/djsec/default.pgo`.
package main

import (
	"os"
	"runtime"

	"github.com/djsec/djsec/internal/cli"
)

func main() {
	// The runtime samples allocations for a heap profile that djsec never
	// writes; the samples' records took 1.4 MB of a netbox scan's peak.
	runtime.MemProfileRate = 0
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
