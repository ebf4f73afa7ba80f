package secrets

import (
	"os"
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPUKeywords(t *testing.T) {
	data, err := os.ReadFile(os.Getenv("SECRETS_BENCH_FILE"))
	if err != nil {
		t.Skip()
	}
	e, _ := compiled()
	c0, w0 := cpuTime(), time.Now()
	n := 200
	for range n {
		e.kws.scan(data, func(int, int) {})
	}
	c1, w1 := cpuTime(), time.Now()
	mb := float64(len(data)*n) / (1 << 20)
	t.Logf("keywords: %.0f MB/s cpu, %.0f MB/s wall", mb/(c1-c0).Seconds(), mb/w1.Sub(w0).Seconds())
	c0, w0 = cpuTime(), time.Now()
	for range n {
		e.scan("x.py", data)
	}
	c1, w1 = cpuTime(), time.Now()
	t.Logf("engine: %.0f MB/s cpu, %.0f MB/s wall", mb/(c1-c0).Seconds(), mb/w1.Sub(w0).Seconds())
}
