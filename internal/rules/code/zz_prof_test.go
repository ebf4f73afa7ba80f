package code

import (
	"os"
	"runtime/pprof"
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/taint"
)

func TestZZProfile(t *testing.T) {
	dir := os.Getenv("DJSEC_PROF_DIR")
	if dir == "" {
		t.Skip("no DJSEC_PROF_DIR")
	}
	fs, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := project.New(dir, fs, project.Inputs{})
	taint.Load(p)
	f, _ := os.Create("/tmp/taint.prof")
	pprof.StartCPUProfile(f)
	taint.Analyze(p, taintSpecs)
	pprof.StopCPUProfile()
}
