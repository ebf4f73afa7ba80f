// Package gcpace paces the garbage collector through a scan.
//
// A scan's heap has a shape Go's default pacing serves poorly. Its syntax
// trees are built in one stage (parsing every Python file) and stay live
// until the project rules are done, while the analyses after that stage
// make short-lived garbage at a high rate. The collector's goal is twice
// the heap marked live by the previous cycle, and that mark counts as live
// whatever is allocated while it runs: on saleor a cycle late in the scan
// saw 227 MB live where 185 MB were, so the heap was allowed 454 MB.
// Cycles while the trees are built are wasted too, since almost nothing
// allocated then dies.
//
// So a scan (Scan) lets the heap grow to four times its live part before
// its first such stage, when what is allocated is read and dropped (less
// once a collection finds much live, see earlyPercent), and
// collects when the stage starts, so that the data built reuses the
// memory of that garbage. It turns the collector off while a stage only
// adds live data (Build), collects once when the stage ends, when the
// heap holds little garbage, and caps the heap at what was live then plus half as
// much again (at least 64 MB), plus 16 MB for the runtime's own memory.
// What lives on is not collected again, so half of it is room enough for
// the garbage of the analyses; on saleor the cap holds the peak near 300
// MB where the default pacing let it reach 350 to 450, for a few percent
// more CPU. A live heap under 64 MB is left to the default pacing.
//
// The cap is a soft memory limit (debug.SetMemoryLimit), and it always
// leaves at least half that room above the live heap of the latest
// collection: data that truly stays live later in the scan (a
// vulnerability database, say) raises it, so the collector does not run
// over and over under a cap that no longer fits. A user who sets GOGC or
// GOMEMLIMIT keeps their setting.
//
// The binary's own pages count in the resident memory too: when a scan
// starts, when its trees are built and when it ends (before its report
// is written), a static binary unmaps the resident pages of its code and
// read-only data, so that only those the stages ahead run come back (see
// unmapCode).
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

var (
	mu       sync.Mutex
	scans    int // scans under way that pace the collector
	building int // Build stages under way
	// percent and limit are the settings before the first scan, restored
	// when the last one ends.
	percent int
	limit   int64
	// base is the cap set when the last Build stage ended, 0 when there
	// is none, and room the part of it left for garbage; watching says a
	// sentinel is armed to follow collections.
	base, room int64
	watching   bool
	// built says a Build stage of the scans under way has ended: the
	// early pacing (earlyPercent) is over.
	built bool
)

// Scan starts pacing the collector for a scan and returns the function
// that ends it. Scans may overlap (tests run them in parallel); the
// settings are restored when the last one ends. It does nothing when
// GOGC or GOMEMLIMIT is set.
func Scan() (end func()) {
	unmapCode()
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	mu.Lock()
	defer mu.Unlock()
	if scans == 0 {
		percent = debug.SetGCPercent(early)
		limit = debug.SetMemoryLimit(-1)
		built = false
	}
	scans++
	if !watching {
		watching = true
		arm()
	}
	return func() {
		unmapCode()
		mu.Lock()
		defer mu.Unlock()
		if scans--; scans == 0 {
			base = 0
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		}
	}
}

// Build marks a stage that adds about growth bytes of data that stay live
// to the end of the scan, and returns the function that ends it. Outside
// a Scan it does nothing.
//
// The collector stays off during the stage unless the heap grows by more
// than twice growth, which is what the default pacing would allow. When
// the stage ends, one collection measures the live heap, and the heap is
// capped from it for the rest of the scan (see the package comment).
func Build(growth int64) (done func()) {
	mu.Lock()
	defer mu.Unlock()
	if scans == 0 {
		return func() {}
	}
	if building == 0 {
		// The garbage of the stages before goes now, while the heap
		// holds little that lives, so that the data built reuses its
		// memory rather than adding to it.
		runtime.GC()
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(satAdd(inUse(), max(2*growth, small)))
	}
	building++
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if building--; building > 0 || scans == 0 {
			return
		}
		built = true
		debug.SetGCPercent(percent)
		runtime.GC()
		unmapCode()
		l := live()
		if l < small {
			// The runtime's own memory is a large part of a small heap,
			// and the default pacing keeps it small anyway.
			base = 0
			debug.SetMemoryLimit(limit)
			return
		}
		room = max(l/2, small)
		base = satAdd(l+room, slack)
		debug.SetMemoryLimit(min(limit, base))
		if !watching {
			watching = true
			arm()
		}
	}
}

// sentinel is garbage as soon as it is made; its finalizer runs after the
// collection that finds it, so it follows the collections one by one.
type sentinel struct{ _ *int }

func arm() { runtime.SetFinalizer(&sentinel{}, collected) }

// collected raises the cap when the live heap grew so far that less than
// half the room is left, and follows the next collection while a cap is
// set. A mark counts as live what is allocated while it runs, so a cap
// that followed every mark would rise with the garbage it is meant to
// bound.
func collected(*sentinel) {
	mu.Lock()
	defer mu.Unlock()
	if scans > 0 && !built && building == 0 {
		debug.SetGCPercent(earlyPercent(live()))
		arm()
		return
	}
	if scans == 0 || base == 0 {
		watching = false
		return
	}
	l := live()
	debug.SetMemoryLimit(min(limit, max(base, satAdd(l+room/2, slack))))
	arm()
}

// early is the collector's percent from the start of a scan to its first
// Build stage. Little of what is allocated then stays live (file contents
// read and released, the per-file rules' garbage), so the heap is small
// and the default pacing collects it over and over: on netbox, eight
// collections before the trees were built marked more than the one after.
// Four times the live heap is still less than the trees add, and Build
// collects before they are built.
const early = 300

// earlyPercent is the collector's percent before the first Build stage
// once a collection found l bytes live: early, unless that would let
// more than earlyRoom of garbage pile up, and never below 50. Late in the
// per-file stage a collection can find much live (on netbox 25 MB of
// trees and templates, in one run of four), and four times that let the
// heap reach 52 MB before the Build stage collected it.
func earlyPercent(l int64) int {
	if l <= 0 {
		return early
	}
	return int(max(50, min(early, earlyRoom*100/l)))
}

// Variables so that tests can use small heaps.
var (
	// small is the live heap below which a scan is not capped, and the
	// least a Build stage may grow before the collector runs.
	small int64 = 64 << 20
	// slack is the room left in a cap for the runtime's memory other
	// than the heap (stacks, metadata), which a memory limit counts.
	slack int64 = 16 << 20
	// earlyRoom is the garbage earlyPercent lets the early stage make
	// above its live heap.
	earlyRoom int64 = 16 << 20
)

// inUse is the memory the runtime holds that counts against a memory
// limit: everything mapped that was not returned to the system.
func inUse() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}

// live is the heap the last collection marked live.
func live() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
