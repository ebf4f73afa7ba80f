package guard

import (
	"hash/maphash"
	"net/netip"
	"sync"
	"time"
)

// decision is what a rate limit says about one request.
type decision struct {
	allow bool
	// wait is how long to hold an allowed request (nginx's delay).
	wait time.Duration
	// retry is when a refused request would be allowed (Retry-After).
	retry time.Duration
}

// gcra is nginx limit_req's algorithm written as GCRA. tat is the
// theoretical arrival time after the previous request; (tat-now)/per is
// nginx's "excess" for this request. A request is refused when excess
// exceeds burst, and held for (excess-delay)·per when it exceeds delay.
// It returns the new tat (unchanged when refused).
func gcra(tat, now int64, per time.Duration, burst, delay int) (int64, decision) {
	if tat < now {
		tat = now
	}
	excess := tat - now
	t := int64(per)
	if excess > int64(burst)*t {
		return tat, decision{retry: time.Duration(excess - int64(burst)*t)}
	}
	d := decision{allow: true}
	if excess > int64(delay)*t {
		d.wait = time.Duration(excess - int64(delay)*t)
	}
	return tat + t, d
}

// limitKey is a route and a client: the unit a limit is kept for.
type limitKey struct {
	route uint32
	addr  [16]byte
}

func makeLimitKey(route uint32, p netip.Prefix) limitKey {
	return limitKey{route: route, addr: p.Addr().As16()}
}

// localLimiter keeps the GCRA state of every key in memory, in shards,
// bounded: when a shard is full it first drops keys whose state has
// decayed (they are indistinguishable from new ones), then, if the shard
// is still full of active clients, an eighth of them at random. An evicted
// client gets a fresh allowance, so under a flood of distinct addresses the
// limit errs on the side of serving, and memory stays bounded.
type localLimiter struct {
	seed     maphash.Seed
	shards   [256]limitShard
	perShard int
}

// Keys are kept as their 64-bit hash: 16 bytes a slot instead of 32
// halves the table. Two clients whose keys collide would share a limit;
// among a million clients that happens with a probability of about 3e-8.
type limitShard struct {
	mu      sync.Mutex
	m       map[uint64]int64
	evicted int64
}

func newLocalLimiter(maxKeys int) *localLimiter {
	l := &localLimiter{seed: maphash.MakeSeed(), perShard: max(maxKeys/256, 4)}
	for i := range l.shards {
		l.shards[i].m = make(map[uint64]int64)
	}
	return l
}

func (l *localLimiter) take(k limitKey, now time.Time, per time.Duration, burst, delay int) decision {
	h := maphash.Comparable(l.seed, k)
	s := &l.shards[h>>56]
	n := now.UnixNano()
	s.mu.Lock()
	defer s.mu.Unlock()
	tat, ok := s.m[h]
	if !ok && len(s.m) >= l.perShard {
		s.evict(n, l.perShard)
	}
	tat, d := gcra(tat, n, per, burst, delay)
	s.m[h] = tat
	return d
}

func (s *limitShard) evict(now int64, limit int) {
	for k, tat := range s.m {
		if tat <= now {
			delete(s.m, k)
		}
	}
	if len(s.m) < limit {
		return
	}
	drop := max(limit/8, 1)
	for k := range s.m {
		if drop == 0 {
			break
		}
		delete(s.m, k)
		s.evicted++
		drop--
	}
}

// size is the number of keys held and evicted while active, for metrics.
func (l *localLimiter) size() (keys, evicted int64) {
	for i := range l.shards {
		s := &l.shards[i]
		s.mu.Lock()
		keys += int64(len(s.m))
		evicted += s.evicted
		s.mu.Unlock()
	}
	return keys, evicted
}
