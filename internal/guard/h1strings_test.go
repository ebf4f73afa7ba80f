package guard

import (
	"strings"
	"testing"
)

// TestHeadStrings: a string made from a head stays what it was whatever
// comes after it, across blocks; an equal head gives the same string.
func TestHeadStrings(t *testing.T) {
	var a headStrings
	var kept []string
	var want []string
	buf := make([]byte, 0, 4096)
	for i := range 500 {
		buf = buf[:0]
		buf = append(buf, "GET /"...)
		buf = append(buf, strings.Repeat(string(rune('a'+i%26)), i%300)...)
		buf = append(buf, " HTTP/1.1\r\n\r\n"...)
		s := a.make(buf)
		if s != string(buf) {
			t.Fatalf("head %d: got %q, want %q", i, s, buf)
		}
		kept = append(kept, s)
		want = append(want, string(buf))
		clear(buf[:cap(buf)]) // the caller's buffer is reused
	}
	for i := range kept {
		if kept[i] != want[i] {
			t.Fatalf("head %d changed: %q, want %q", i, kept[i], want[i])
		}
	}
	big := []byte(strings.Repeat("x", headBlock))
	if s := a.make(big); s != string(big) {
		t.Errorf("a head larger than a block: %d bytes, want %d", len(s), len(big))
	}
	same := []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	s1 := a.make(same)
	if s2 := a.make(same); s2 != s1 {
		t.Errorf("a repeated head: %q, want %q", s2, s1)
	}
	if n := testing.AllocsPerRun(100, func() { a.make(same) }); n != 0 {
		t.Errorf("a repeated head allocates %.0f times, want 0", n)
	}
	if a.make(nil) != "" {
		t.Errorf("an empty head is not empty")
	}
}
