package guard

import (
	"net/netip"
	"os"
	"runtime"
	"testing"
	"time"
)

// nginxLimitReq is nginx's ngx_http_limit_req_lookup arithmetic, written
// out to compare GCRA with: excess in thousandths of a request, decayed
// by rate × elapsed milliseconds.
type nginxLimitReq struct {
	excess int64 // ×1000
	last   int64 // ms
	seen   bool
}

func (n *nginxLimitReq) lookup(nowMs int64, ratePerSec float64, burst, delay int) (allow bool, waitMs int64) {
	rate := int64(ratePerSec * 1000) // nginx keeps rate ×1000 per second
	var excess int64
	if n.seen {
		ms := nowMs - n.last
		excess = n.excess - rate*ms/1000 + 1000
		if excess < 0 {
			excess = 0
		}
	}
	if excess > int64(burst)*1000 {
		return false, 0
	}
	n.excess, n.last, n.seen = excess, nowMs, true
	if excess <= int64(delay)*1000 {
		return true, 0
	}
	return true, (excess - int64(delay)*1000) * 1000 / rate
}

func TestGCRAMatchesNginx(t *testing.T) {
	for _, tc := range []struct {
		name         string
		rate         float64 // r/s
		burst, delay int
	}{
		{"no burst", 2, 0, 0},
		{"burst nodelay", 5, 10, 10},
		{"burst delayed", 5, 10, 0},
		{"two-stage", 1, 8, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			per := time.Duration(float64(time.Second) / tc.rate)
			var ng nginxLimitReq
			var tat int64
			// Arrivals every 37 ms for 4 s, then a pause, then a burst.
			var at []int64
			for ms := int64(0); ms < 4000; ms += 37 {
				at = append(at, ms)
			}
			for i := int64(0); i < 30; i++ {
				at = append(at, 9000+i)
			}
			for _, ms := range at {
				now := ms * int64(time.Millisecond)
				var d decision
				tat, d = gcra(tat, now, per, tc.burst, tc.delay)
				allow, wait := ng.lookup(ms, tc.rate, tc.burst, tc.delay)
				if d.allow != allow {
					t.Fatalf("at %d ms: gcra allow=%v, nginx %v", ms, d.allow, allow)
				}
				if got := d.wait.Milliseconds(); got < wait-1 || got > wait+1 {
					t.Fatalf("at %d ms: gcra wait %d ms, nginx %d ms", ms, got, wait)
				}
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	var tat int64
	per := time.Minute / 6 // 6r/m
	tat, _ = gcra(tat, 0, per, 1, 1)
	tat, _ = gcra(tat, 0, per, 1, 1)
	_, d := gcra(tat, 0, per, 1, 1)
	if d.allow {
		t.Fatalf("third request at once: allowed, want refused")
	}
	if d.retry != 10*time.Second {
		t.Fatalf("retry %s, want 10s", d.retry)
	}
}

func TestLimiterBounded(t *testing.T) {
	const max = 256 * 64
	l := newLocalLimiter(max)
	now := time.Unix(1000, 0)
	for i := range 200000 {
		a := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
		l.take(makeLimitKey(1, keyOf(a)), now, time.Second, 5, 5)
	}
	keys, evicted := l.size()
	if keys > max {
		t.Fatalf("limiter holds %d keys, want at most %d", keys, max)
	}
	if evicted == 0 {
		t.Fatalf("no eviction reported after 200000 distinct clients")
	}
	// Entries whose state has decayed go first: a client still within its
	// window survives a table full of them.
	l = newLocalLimiter(max)
	for i := range 100000 {
		a := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
		l.take(makeLimitKey(1, keyOf(a)), now, time.Second, 0, 0)
	}
	later := now.Add(time.Minute)
	hot := makeLimitKey(1, keyOf(netip.MustParseAddr("192.0.2.1")))
	for range 3 {
		l.take(hot, later, time.Hour, 2, 2)
	}
	for i := range max / 2 {
		a := netip.AddrFrom4([4]byte{11, byte(i >> 16), byte(i >> 8), byte(i)})
		l.take(makeLimitKey(1, keyOf(a)), later, time.Second, 0, 0)
	}
	if d := l.take(hot, later, time.Hour, 2, 2); d.allow {
		t.Fatalf("the hot client was forgotten while decayed entries filled the table")
	}
}

// TestMillionClients measures the rate-limit table after one million
// distinct client addresses; bench/guard.sh runs it (DJSEC_GUARD_MILLION=1).
func TestMillionClients(t *testing.T) {
	if os.Getenv("DJSEC_GUARD_MILLION") == "" {
		t.Skip("a measurement, not a test: DJSEC_GUARD_MILLION=1 runs it (bench/guard.sh)")
	}
	for _, max := range []int{Defaults().MaxClients, 1 << 18} {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		l := newLocalLimiter(max)
		now := time.Now()
		for i := range 1_000_000 {
			a := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
			l.take(makeLimitKey(1, keyOf(a)), now, time.Second, 10, 10)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		keys, evicted := l.size()
		t.Logf("one million clients, max_clients %d: %d keys held, %d evicted, heap %.1f MiB", max, keys, evicted, float64(after.HeapAlloc-before.HeapAlloc)/(1<<20))
		runtime.KeepAlive(l)
	}
}
