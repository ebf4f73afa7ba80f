package cli

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// progressState is how far a long piece of work is; total is 0 while it is
// unknown.
type progressState struct {
	stage       string
	done, total int
}

// progressDelay is how long work runs before a progress line appears: a
// quick scan prints nothing but its report.
var progressDelay = time.Second

// progress shows one line on stderr, rewritten in place, while work that
// takes longer than a second runs; stop erases it. It shows only when stderr
// is a terminal (never in pipes, files or CI) and not with --quiet. When
// hook is not nil, it is set to the function the work calls to say how far
// it is.
func (e *env) progress(quiet bool, line func(progressState) string, hook *func(stage string, done, total int)) (stop func()) {
	if quiet || !e.errTerminal || os.Getenv("CI") != "" {
		return func() {}
	}
	var mu sync.Mutex
	var st progressState
	if hook != nil {
		*hook = func(stage string, done, total int) {
			mu.Lock()
			if stage != st.stage || done > st.done {
				st = progressState{stage, done, total}
			}
			mu.Unlock()
		}
	}
	start := time.Now()
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				if shown {
					fmt.Fprint(e.stderr, "\r\x1b[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < progressDelay {
					continue
				}
				mu.Lock()
				s := line(st)
				mu.Unlock()
				fmt.Fprintf(e.stderr, "\r\x1b[K%s (%ds)", s, int(time.Since(start).Seconds()))
				shown = true
			}
		}
	}()
	return func() {
		close(quit)
		<-finished
	}
}
