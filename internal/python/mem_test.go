package python

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// generatedSource returns about size bytes of varied, valid Python.
func generatedSource(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `
@decorator(arg=%[1]d)
class Model%[1]d(models.Model, metaclass=Meta):
    """Docstring %[1]d with text."""
    name = models.CharField(max_length=%[1]d, verbose_name=_("name"))
    values = [x * 2 for x in range(%[1]d) if x %% 3 == 0]

    def method(self, a, b=None, *args, key: int = 0, **kwargs) -> dict[str, int]:
        if a and not b or self.name == f"{a!r:>10} {b}":
            return {"a": a, "b": [1, 2.5, 3j, 0x%[1]x], **kwargs}
        for i, (k, v) in enumerate(sorted(kwargs.items(), key=lambda kv: kv[1])):
            try:
                result = await_call(i, k, v)[0:%[1]d:2]
            except (ValueError, KeyError) as e:
                raise RuntimeError("failed %%s" %% e) from e
        return None
`, i)
	}
	return []byte(b.String())
}

// TestMemory5MB checks that parsing a 5 MB file stays under 200 MB of
// heap. It measures memory, not time, so it is stable under load.
func TestMemory5MB(t *testing.T) {
	src := generatedSource(5 << 20)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, err := ParseFile("big.py", src)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("parsing generated source: %v", err)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	heap := after.HeapAlloc
	runtime.GC()
	var live runtime.MemStats
	runtime.ReadMemStats(&live)
	runtime.KeepAlive(m)
	t.Logf("%d bytes of source: %d MB allocated, heap %d MB after parse, %d MB live tree",
		len(src), allocated>>20, heap>>20, live.HeapAlloc>>20)
	// Everything allocated during the parse bounds the peak heap.
	if peak := before.HeapAlloc + allocated; peak > 200<<20 {
		t.Errorf("peak heap up to %d MB, want under 200 MB", peak>>20)
	}
}
