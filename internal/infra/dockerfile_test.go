package infra

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestLongContinuationMemory checks that a RUN continued over thousands of
// lines is joined in time and memory proportional to its length. Joining
// each line onto a string of the text so far copied that text again: a
// crafted Dockerfile of 100,000 lines held a scan for seconds. It measures
// the bytes allocated, not time, so it is stable under load.
func TestLongContinuationMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("FROM python:3.12-slim\nRUN echo start \\\n")
	const lines = 5000
	for i := range lines {
		fmt.Fprintf(&b, "    && echo line-%d \\\n", i)
		if i%1000 == 0 {
			b.WriteString("# a comment inside the continuation\n\n")
		}
	}
	b.WriteString("    && echo done\nUSER app\n")
	src := []byte(b.String())

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	df := ParseDockerfile(src)
	runtime.ReadMemStats(&after)

	if len(df.Stages) != 1 || len(df.Stages[0].Instructions) != 2 {
		t.Fatalf("got %d stages, want one with RUN and USER", len(df.Stages))
	}
	run := df.Stages[0].Instructions[0]
	if run.Cmd != "RUN" || !strings.HasPrefix(run.Args, "echo start && echo line-0 && echo line-1 ") ||
		!strings.HasSuffix(run.Args, "&& echo line-4999 && echo done") {
		t.Errorf("RUN joined wrong: %.60q ... %q", run.Args, run.Args[max(0, len(run.Args)-40):])
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 20*uint64(len(src)) {
		t.Errorf("parsing %d bytes allocated %d bytes: the continuation is not joined in linear memory", len(src), got)
	}
}
