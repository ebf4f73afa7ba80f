package cli

import (
	"runtime"
	"testing"
)

// TestJobsSameOutput checks that the report does not depend on how many
// CPUs the scan uses, and that --jobs leaves GOMAXPROCS as it found it.
func TestJobsSameOutput(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	var first string
	for _, jobs := range []string{"1", "2", "5"} {
		_, out, stderr := run(t, "scan", example, "--format", "json", "--fail-on", "never", "--jobs", jobs)
		if stderr != "" {
			t.Fatalf("--jobs %s: stderr: %s", jobs, stderr)
		}
		if first == "" {
			first = out
		} else if out != first {
			t.Errorf("--jobs %s: the report differs from --jobs 1's\n%s", jobs, firstDiff(out, first))
		}
		if got := runtime.GOMAXPROCS(0); got != before {
			t.Errorf("--jobs %s: GOMAXPROCS is %d after the scan, want %d", jobs, got, before)
		}
	}
}
