package python

import (
	"strings"
	"testing"
)

// TestAbsent checks that the walks' nil test agrees with isNil.
func TestAbsent(t *testing.T) {
	for _, n := range []Node{nil, (*Name)(nil), (*JoinedStr)(nil), &Name{}, &JoinedStr{}, (*Call)(nil), &Call{}, &Module{}, (*Keyword)(nil)} {
		if got, want := absent(n), isNil(n); got != want {
			t.Errorf("%T %v: got %v, want %v", n, n, got, want)
		}
	}
}

// TestEachBlock checks that EachBlock visits every statement list that
// runs with the body, in source order, and none inside a definition.
func TestEachBlock(t *testing.T) {
	src := `a = 1
if a:
    b = 2
else:
    c = 3
for x in y:
    d = 4
try:
    e = 5
except E:
    f = 6
finally:
    g = 7
with h:
    i = 8
match k:
    case 1:
        l = 9
def fn():
    m = 10
`
	mod, err := ParseFile("blocks.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	EachBlock(mod.Body, func(b []Stmt) { got = append(got, len(b)) })
	want := []int{7, 1, 1, 1, 1, 1, 1, 1, 1}
	if len(got) != len(want) {
		t.Fatalf("got blocks of lengths %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got blocks of lengths %v, want %v", got, want)
		}
	}
}

// TestEachBoundName checks that an assignment's targets give the names
// they bind, nested tuples, lists and starred targets included, and that
// attributes and subscripts give none.
func TestEachBoundName(t *testing.T) {
	m, err := ParseFile("x.py", []byte("a, (b, [c, *d]), e.f, g[0] = value\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	EachBoundName(m.Body[0].(*Assign).Targets[0], func(n string) { got = append(got, n) })
	if want := "a b c d"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
