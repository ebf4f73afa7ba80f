package lazyre

import (
	"sync"
	"testing"
)

func TestNewCompilesOnce(t *testing.T) {
	re := New(`a+b`)
	first := re()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := re(); got != first {
				t.Errorf("got a second compiled expression %p, want %p", got, first)
			}
		})
	}
	wg.Wait()
	if !first.MatchString("xaab") {
		t.Errorf("got no match of %q in %q, want one", first, "xaab")
	}
}

func TestNewPanicsOnFirstUse(t *testing.T) {
	re := New(`(`) // New itself must not panic
	if err := Check(); err == nil {
		t.Error("got no error from Check with an invalid expression made, want one")
	}
	defer func() {
		if recover() == nil {
			t.Error("got no panic for an invalid expression, want one")
		}
	}()
	re()
}
