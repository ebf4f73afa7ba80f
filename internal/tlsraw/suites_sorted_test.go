package tlsraw

import (
	"slices"
	"testing"
)

// TestSuitesOrder: Suites lists every suite of the table that keep keeps,
// once, in ascending order.
func TestSuitesOrder(t *testing.T) {
	var want []uint16
	for id := range 0x10000 {
		if _, ok := suiteNames[uint16(id)]; ok && IsDHE(uint16(id)) {
			want = append(want, uint16(id))
		}
	}
	if got := Suites(IsDHE); !slices.Equal(got, want) {
		t.Errorf("got %04x, want %04x", got, want)
	}
	if got := AllSuites(); len(got) != len(suiteNames) || !slices.IsSorted(got) {
		t.Errorf("got %d suites, sorted %v; want %d, sorted", len(got), slices.IsSorted(got), len(suiteNames))
	}
}
