package taint

import (
	"os"
	"testing"

	"github.com/djsec/djsec/internal/project"
)

// BenchmarkBuildIndex indexes every module of the project named by
// DJSEC_BENCH_DIR.
func BenchmarkBuildIndex(b *testing.B) {
	dir := os.Getenv("DJSEC_BENCH_DIR")
	if dir == "" {
		b.Skip("DJSEC_BENCH_DIR not set")
	}
	fs, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		b.Fatal(err)
	}
	p := Load(project.New(dir, fs, project.Inputs{}))
	b.ResetTimer()
	for range b.N {
		for _, m := range p.Modules {
			buildIndex(m)
		}
	}
}
