package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	small, slack, earlyRoom = 4<<20, 1<<20, 1<<20 // keep the tests' heaps small
	os.Exit(m.Run())
}

func settings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestBuildPacesAndScanRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	p0, l0 := settings()
	end := Scan()
	done := Build(64 << 20)
	if p, l := settings(); p != -1 || l == math.MaxInt64 {
		t.Errorf("while building: got GC percent %d and limit %d, want the collector off under a limit", p, l)
	}
	held := make([]byte, 2*small) // live data the collection after the stage finds
	done()
	if p, l := settings(); p != p0 || l < 3*small || l == math.MaxInt64 {
		t.Errorf("after building: got GC percent %d and limit %d, want %d and the live heap and a half", p, l, p0)
	}
	end()
	if p, l := settings(); p != p0 || l != l0 {
		t.Errorf("after the scan: got GC percent %d and limit %d, want %d and %d", p, l, p0, l0)
	}
	runtime.KeepAlive(held)
}

// TestCapFollowsLiveHeap checks that data kept live after the stage
// raises the cap instead of leaving the collector under one that no
// longer fits.
func TestCapFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	end := Scan()
	defer end()
	trees := make([]byte, small)
	Build(1 << 20)()
	_, capped := settings()
	held := make([]byte, capped) // a database loaded after the trees
	want := int64(len(trees)+len(held)) + small/2
	var l int64
	for range 100 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs after the collection
		if _, l = settings(); l >= want {
			break
		}
	}
	if l < want {
		t.Errorf("with %d bytes live: got a limit of %d, want at least %d", len(trees)+len(held), l, want)
	}
	runtime.KeepAlive(held)
	runtime.KeepAlive(trees)
}

// TestSmallHeapsAreNotCapped checks that a small project keeps the
// default pacing: the runtime's own memory would leave a cap on its heap
// no room.
func TestSmallHeapsAreNotCapped(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	_, l0 := settings()
	end := Scan()
	defer end()
	Build(1 << 10)()
	if _, l := settings(); l != l0 {
		t.Errorf("after a small stage: got limit %d, want %d", l, l0)
	}
}

// TestEarlyPacingFollowsLiveHeap checks that before the first Build
// stage the collector lets garbage grow to four times a small live heap
// but not to four times a large one.
func TestEarlyPacingFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	end := Scan()
	defer end()
	if p, _ := settings(); p != early {
		t.Fatalf("at the start of a scan: got GC percent %d, want %d", p, early)
	}
	held := make([]byte, 8*earlyRoom) // what a late collection finds live
	if p := collectUntil(func(p int) bool { return p < early }); p != 50 {
		t.Errorf("with %d bytes live: got GC percent %d, want 50", len(held), p)
	}
	runtime.KeepAlive(held)
	held = nil
	if p := collectUntil(func(p int) bool { return p == early }); p != early {
		t.Errorf("once the live heap is small again: got GC percent %d, want %d", p, early)
	}
}

// collectUntil collects until the GC percent satisfies ok, or a second
// has passed, and returns the percent.
func collectUntil(ok func(int) bool) int {
	var p int
	for range 100 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs after the collection
		if p, _ = settings(); ok(p) {
			break
		}
	}
	return p
}

func TestBuildOutsideScan(t *testing.T) {
	p0, l0 := settings()
	Build(1 << 20)()
	if p, l := settings(); p != p0 || l != l0 {
		t.Errorf("got GC percent %d and limit %d, want %d and %d untouched", p, l, p0, l0)
	}
}

func TestUserSettingsWin(t *testing.T) {
	t.Setenv("GOGC", "50")
	p0, l0 := settings()
	end := Scan()
	done := Build(1 << 20)
	if p, l := settings(); p != p0 || l != l0 {
		t.Errorf("with GOGC set: got GC percent %d and limit %d, want %d and %d untouched", p, l, p0, l0)
	}
	done()
	end()
}
