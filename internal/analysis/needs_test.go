package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// TestNeeds: while a rule's Needs is being computed, the other per-file
// rules go on through the files, and the rule that waits runs on every
// file once, after its Needs, whatever the number of workers.
func TestNeeds(t *testing.T) {
	dir := t.TempDir()
	const files = 20
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.txt", i)), []byte("BAD\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, jobs := range []int{1, 2, 4} {
		t.Run(fmt.Sprint("jobs ", jobs), func(t *testing.T) {
			release := make(chan struct{})
			var others atomic.Int64 // files the other rule saw before Needs ended
			var needsDone atomic.Bool
			var mu sync.Mutex
			waited := map[string]int{}
			other := &Rule{ID: "DJX901", Name: "other", Severity: report.Low, Confidence: report.LowConfidence,
				CWE: []int{1}, Checklist: []int{4}, Scope: PerFile, Files: project.Text,
				Run: func(p *Pass) {
					if !needsDone.Load() && others.Add(1) == files {
						close(release) // every file was scanned meanwhile
					}
				}}
			waiting := &Rule{ID: "DJX902", Name: "waiting", Severity: report.Low, Confidence: report.LowConfidence,
				CWE: []int{1}, Checklist: []int{4}, Scope: PerFile, Files: project.Text,
				Needs: func(*project.Project) {
					<-release
					needsDone.Store(true)
				},
				Run: func(p *Pass) {
					if !needsDone.Load() {
						t.Errorf("%s: run before its Needs ended", p.File.Path)
					}
					mu.Lock()
					waited[p.File.Path]++
					mu.Unlock()
					p.Reportf(p.At(1, 1), "seen")
				}}
			res := scanDir(t, Options{Root: dir, Jobs: jobs, Rules: []*Rule{waiting, other}})
			if len(waited) != files {
				t.Errorf("the waiting rule ran on %d files, want %d", len(waited), files)
			}
			for p, n := range waited {
				if n != 1 {
					t.Errorf("%s: the waiting rule ran %d times, want 1", p, n)
				}
			}
			if len(res.Findings) != files {
				t.Errorf("got %d findings, want %d", len(res.Findings), files)
			}
		})
	}
}
