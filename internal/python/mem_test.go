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

// TestMemory5MB checks that parsing a 5 MB file adds under 200 MB to the
// heap. It measures memory, not time, so it is stable under load, and it
// bounds what the parse allocates rather than the whole heap, which holds
// whatever the package's earlier tests left (the long differential test
// leaves the standard library's trees in the parser's pool).
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
	// Everything allocated during the parse bounds what it adds to the
	// peak heap.
	if allocated > 200<<20 {
		t.Errorf("the parse allocated %d MB, want under 200 MB", allocated>>20)
	}
}

// TestParseAllocations bounds the allocations of a parse: nodes, lists and
// string constants come from the arena's chunks, so a parse makes a few
// allocations per kilobyte of source rather than one per node. A change
// that allocates nodes one by one again fails here before it shows in a
// scan's memory and CPU.
func TestParseAllocations(t *testing.T) {
	src := generatedSource(256 << 10)
	ParseFile("warm.py", src) // fill the pool, as the files parsed before do in a scan
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := ParseFile("gen.py", src); err != nil {
			t.Fatal(err)
		}
	})
	perKB := allocs / float64(len(src)>>10)
	t.Logf("%d bytes of source: %.0f allocations, %.1f per KB", len(src), allocs, perKB)
	// This source is dense in f-strings, comprehensions and try blocks,
	// whose nodes are still allocated one by one: about 52 per KB, where
	// allocating every node and list on its own made about 165.
	if perKB > 75 {
		t.Errorf("got %.1f allocations per KB of source, want at most 75", perKB)
	}
}

// TestTreeListsOwnTheirCapacity checks that lists carved from shared
// chunks end at their last element: a caller appending to one (rules
// build argument lists this way) must get a copy, never write over the
// next list in the chunk.
func TestTreeListsOwnTheirCapacity(t *testing.T) {
	m, err := ParseFile("lists.py", []byte("f(a, b)\ng(c, d)\nx = y = [1, 2]\nif a < b < c:\n    pass\n"))
	if err != nil {
		t.Fatal(err)
	}
	var lists [][]Expr
	var stmts [][]Stmt
	Inspect(m, func(n Node) bool {
		switch x := n.(type) {
		case *Call:
			lists = append(lists, x.Args)
		case *Assign:
			lists = append(lists, x.Targets)
		case *List:
			lists = append(lists, x.Elts)
		case *Compare:
			lists = append(lists, x.Comparators)
		case *If:
			stmts = append(stmts, x.Body)
		}
		return true
	})
	if len(lists) != 5 || len(stmts) != 1 {
		t.Fatalf("got %d expression lists and %d bodies, want 5 and 1", len(lists), len(stmts))
	}
	for _, l := range lists {
		if cap(l) != len(l) {
			t.Errorf("list of %d has capacity %d, want %d", len(l), cap(l), len(l))
		}
	}
	if cap(stmts[0]) != len(stmts[0]) || cap(m.Body) != len(m.Body) {
		t.Errorf("statement lists: capacity %d and %d, want %d and %d", cap(stmts[0]), cap(m.Body), len(stmts[0]), len(m.Body))
	}
	first := lists[0]
	_ = append(first, &Name{ID: "z"})
	if n, ok := lists[1][0].(*Name); !ok || n.ID != "c" {
		t.Errorf("appending to f's arguments changed g's: got %#v, want Name c", lists[1][0])
	}
}

// TestStringConstants checks the string values the arena holds behave as
// any other string in an interface: type switches, comparison, printing,
// and survival across garbage collections and later parses.
func TestStringConstants(t *testing.T) {
	m, err := ParseFile("s.py", []byte("a = 'hello'\nb = 'wor' 'ld'\nc = ''\nd = b'x'\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		runtime.GC()
		ParseFile("other.py", generatedSource(16<<10)) // reuses the pooled arena
	}
	want := []any{"hello", "world", "", []byte("x")}
	for i, st := range m.Body {
		v := st.(*Assign).Value.(*Constant).Value
		switch w := want[i].(type) {
		case string:
			s, ok := v.(string)
			if !ok || s != w || v != any(w) || fmt.Sprint(v) != w {
				t.Errorf("constant %d: got %#v, want %q", i, v, w)
			}
		case []byte:
			if b, ok := v.([]byte); !ok || string(b) != string(w) {
				t.Errorf("constant %d: got %#v, want %q", i, v, w)
			}
		}
	}
}

// TestTokenBufferFreedByCollection checks that the token buffer an arena
// keeps between parses does not outlive a collection, as the arena itself
// does in the pool: a scan's arenas held buffers sized for its largest
// files to the end of the scan.
func TestTokenBufferFreedByCollection(t *testing.T) {
	if _, err := ParseFile("big.py", generatedSource(256<<10)); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	a := arenas.Get().(*arena)
	defer arenas.Put(a)
	if a.toks.Value() != nil {
		t.Errorf("after a collection: got a token buffer of %d tokens kept, want none", a.toksCap)
	}
	if _, err := ParseFile("again.py", generatedSource(16<<10)); err != nil {
		t.Errorf("parsing after the buffer was freed: %v", err)
	}
}

// TestChunksFillTheirSizeClass checks that slab and list chunks use all
// of the size class the allocator rounds them up to: made at exactly 64
// names, a chunk left a seventh of its 1792 bytes unused.
func TestChunksFillTheirSizeClass(t *testing.T) {
	var names slab[Name]
	names.new()
	var exprs lists[Expr]
	carve(&exprs, []Expr{&Name{ID: "a"}})
	if got := cap(names.buf); got <= slabChunk {
		t.Errorf("a chunk of names holds %d, want more than %d", got, slabChunk)
	}
	if got := cap(exprs.buf); got <= listChunk {
		t.Errorf("a chunk of expression lists holds %d elements, want more than %d", got, listChunk)
	}
}
