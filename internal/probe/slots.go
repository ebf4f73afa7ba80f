package probe

import (
	"context"
	"sync"
)

// slots bounds what the probe has in flight, and serves waiters in two
// classes: a request whose answer other requests wait for (the home page, a
// login page, a baseline) goes before one that only a finding waits for
// (one of the many candidate paths of a file check). Without the classes, a
// baseline asked once a candidate succeeded queued behind every candidate
// not yet sent, and the probe ended with a chain of such waits after the
// site had answered everything else. Within a class, waiters are served in
// order.
type slots struct {
	mu     sync.Mutex
	free   int
	urgent []chan struct{}
	later  []chan struct{}
}

func newSlots(n int) *slots { return &slots{free: n} }

// acquire takes a slot, as a request that only findings wait for when later
// is set.
func (q *slots) acquire(ctx context.Context, later bool) error {
	q.mu.Lock()
	if q.free > 0 && len(q.urgent) == 0 && (!later || len(q.later) == 0) {
		q.free--
		q.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	if later {
		q.later = append(q.later, ch)
	} else {
		q.urgent = append(q.urgent, ch)
	}
	q.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	select {
	case <-ch:
		// Granted as the context ended: pass the slot on.
		q.mu.Unlock()
		q.release()
	default:
		q.urgent = remove(q.urgent, ch)
		q.later = remove(q.later, ch)
		q.mu.Unlock()
	}
	return ctx.Err()
}

// release gives a slot back, to the first urgent waiter if any.
func (q *slots) release() {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case len(q.urgent) > 0:
		close(q.urgent[0])
		q.urgent = q.urgent[1:]
	case len(q.later) > 0:
		close(q.later[0])
		q.later = q.later[1:]
	default:
		q.free++
	}
}

func remove(chs []chan struct{}, ch chan struct{}) []chan struct{} {
	for i, c := range chs {
		if c == ch {
			return append(chs[:i], chs[i+1:]...)
		}
	}
	return chs
}
