package guard

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	cfg := *Defaults()
	small := memoryLimit(&cfg)
	if small < 128<<20 || small > 256<<20 {
		t.Errorf("limit for the defaults %d MiB, want between 128 and 256", small>>20)
	}
	cfg.WAF.Enabled = true
	if waf := memoryLimit(&cfg); waf <= small {
		t.Errorf("the WAF adds nothing: %d <= %d", waf, small)
	}
	cfg.WAF.Enabled = false
	cfg.MaxClients *= 4
	if big := memoryLimit(&cfg); big < small+200<<20 {
		t.Errorf("four times the clients: %d MiB, want at least 200 MiB more than %d", big>>20, small>>20)
	}
}

func TestLimitFollowsLiveHeap(t *testing.T) {
	if got := limitFor(1 << 40); got != 1<<40 {
		t.Errorf("limitFor(1 TiB) = %d, want the base", got)
	}
	keep := make([][]byte, 64)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	if got := limitFor(1 << 20); got < 128<<20 {
		t.Errorf("limitFor with 64 MiB live = %d MiB, want at least twice the live heap", got>>20)
	}
	runtime.KeepAlive(keep)
}

func TestTuneGCLeavesTheEnvironmentAlone(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := *Defaults()
	t.Setenv("GOGC", "200")
	t.Setenv("GOMEMLIMIT", "")
	p, l := TuneGC(ctx, &cfg)
	if p != -1 || l != memoryLimit(&cfg) || debug.SetMemoryLimit(-1) != l {
		t.Errorf("GOGC set: got %d %d, want -1 and the limit", p, l)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetGCPercent(100)
	p, l = TuneGC(ctx, &cfg)
	if p != gcPercent || l != -1 || debug.SetGCPercent(-1) != gcPercent {
		t.Errorf("GOMEMLIMIT set: got %d %d, want %d and -1", p, l, gcPercent)
	}
}
