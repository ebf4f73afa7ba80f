package probe

import (
	"context"
	"testing"
	"time"
)

// TestSlotsOrder: a freed slot goes to the first urgent waiter, then to the
// first later one, each class in order of arrival.
func TestSlotsOrder(t *testing.T) {
	q := newSlots(1)
	ctx := context.Background()
	if err := q.acquire(ctx, false); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 4)
	n := 0
	wait := func(name string, later bool) {
		go func() {
			if err := q.acquire(ctx, later); err != nil {
				t.Error(err)
			}
			got <- name
		}()
		n++
		waitQueued(t, q, n)
	}
	wait("later 1", true)
	wait("urgent 1", false)
	wait("later 2", true)
	wait("urgent 2", false)
	for _, want := range []string{"urgent 1", "urgent 2", "later 1", "later 2"} {
		q.release()
		if name := <-got; name != want {
			t.Fatalf("got %s, want %s", name, want)
		}
	}
	q.release()
	if q.free != 1 {
		t.Fatalf("got %d free slots, want 1", q.free)
	}
}

// waitQueued waits until n waiters are queued.
func waitQueued(t *testing.T, q *slots, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		q.mu.Lock()
		got := len(q.urgent) + len(q.later)
		q.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("%d waiters did not queue", n)
}

// TestSlotsCancel: a waiter whose context ends leaves the queue, and the
// slot goes to the next one.
func TestSlotsCancel(t *testing.T) {
	q := newSlots(1)
	if err := q.acquire(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- q.acquire(ctx, true) }()
	waitQueued(t, q, 1)
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a canceled wait took a slot")
	}
	q.mu.Lock()
	n := len(q.urgent) + len(q.later)
	q.mu.Unlock()
	if n != 0 {
		t.Fatalf("got %d waiters after the cancel, want 0", n)
	}
	q.release()
	if err := q.acquire(context.Background(), true); err != nil {
		t.Fatal(err)
	}
}
