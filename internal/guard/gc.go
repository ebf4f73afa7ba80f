package guard

import (
	"context"
	"os"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"time"
)

// The garbage collector's policy for the guard's process.
//
// Go's default (GOGC=100, no memory limit) collects whenever the heap has
// doubled. The guard's live heap is small (a few MiB, plus the rate-limit
// table), so under load that means collections every second or more
// often, and on one core each mark phase takes the only P from the
// requests waiting: the long tail of the latencies. The guard instead
// lets the heap grow to five times the live heap (GOGC=400) and bounds it
// with a soft memory limit sized from the config: room for the rate-limit
// table at max_clients, the WAF's compiled rules when it is on, and an
// allowance for connections and buffers. Past the limit the runtime
// collects as often as it must to stay under it.
//
// A limit below what is live (many thousands of connections, each with
// its buffers) would make the collector run back to back. So the limit
// follows the live heap: it is never less than twice the live heap (what
// GOGC=100 would allow) plus the goroutine stacks, checked every few
// seconds. The guard is thus never collecting more often than Go's
// default would, and far less often while its heap is small.
//
// GOGC and GOMEMLIMIT in the environment are the operator's and win:
// each one set leaves its half of the policy alone.

// gcPercent is the guard's GOGC.
const gcPercent = 400

// memoryLimit is the guard's soft memory limit for a config, in bytes,
// before it follows the live heap.
func memoryLimit(cfg *Config) int64 {
	const (
		base = 96 << 20 // connections, buffers, the runtime, metrics, bans
		// perClient is what a rate-limit entry costs (~38 bytes,
		// TestMillionClients), doubled for the garbage the limit lets
		// accumulate before a collection.
		perClient = 80
		waf       = 128 << 20 // the Core Rule Set compiled (~20 MiB) and its transactions
	)
	n := int64(base) + int64(cfg.MaxClients)*perClient
	if cfg.WAF.Enabled {
		n += waf
	}
	return n
}

// TuneGC applies the guard's policy to the process until ctx ends (djsec
// guard calls it once, before serving). It returns what it set, for the
// log: the GC percent and the initial limit, -1 for what the environment
// decided.
func TuneGC(ctx context.Context, cfg *Config) (percent int, limit int64) {
	percent, limit = -1, -1
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
		percent = gcPercent
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = memoryLimit(cfg)
		debug.SetMemoryLimit(limit)
		go followLiveHeap(ctx, limit, 5*time.Second)
	}
	return percent, limit
}

// followLiveHeap raises the memory limit above base while twice the live
// heap and the stacks need more, and lowers it back to base when they
// shrink.
func followLiveHeap(ctx context.Context, base int64, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	cur := base
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if n := limitFor(base); n != cur && (n > cur || n < cur-cur/8) {
			debug.SetMemoryLimit(n)
			cur = n
		}
	}
}

var gcSamples = []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}

// limitFor is the memory limit for the live heap now: base, or twice the
// live heap and the stacks, with 16 MiB of room, when that is more.
func limitFor(base int64) int64 {
	s := make([]rtmetrics.Sample, len(gcSamples))
	copy(s, gcSamples)
	rtmetrics.Read(s)
	var live, stacks int64
	if s[0].Value.Kind() == rtmetrics.KindUint64 {
		live = int64(s[0].Value.Uint64())
	}
	if s[1].Value.Kind() == rtmetrics.KindUint64 {
		stacks = int64(s[1].Value.Uint64())
	}
	return max(base, 2*live+stacks+16<<20)
}
