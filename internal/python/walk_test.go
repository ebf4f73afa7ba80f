package python

import "testing"

// TestAbsent checks that the walks' nil test agrees with isNil.
func TestAbsent(t *testing.T) {
	for _, n := range []Node{nil, (*Name)(nil), (*JoinedStr)(nil), &Name{}, &JoinedStr{}, (*Call)(nil), &Call{}, &Module{}, (*Keyword)(nil)} {
		if got, want := absent(n), isNil(n); got != want {
			t.Errorf("%T %v: got %v, want %v", n, n, got, want)
		}
	}
}
