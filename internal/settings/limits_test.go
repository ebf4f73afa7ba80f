package settings

import (
	"runtime"
	"strings"
	"testing"
)

// TestCaps checks that values growing past the caps become Unknown with a
// reason instead of taking memory, and that the evaluation of the module
// goes on: the name set after the growth is still known.
func TestCaps(t *testing.T) {
	tests := []struct {
		name, src, why string
	}{
		{"doubling string", "X = 'xx'\n" + strings.Repeat("X = X + X\n", 64), "longer than djsec evaluates"},
		{"doubling list", "X = [1]\n" + strings.Repeat("X = X + X\n", 64), "more than djsec evaluates"},
		{"extend", "X = [1]\n" + strings.Repeat("X.extend(X)\n", 64), "more than djsec evaluates"},
		{"repeat", "X = 'x' * 65536 * 65536", ""},
		{"squaring", "X = 2 ** 16\n" + strings.Repeat("X = X * X\n", 40), ""},
		{"power", "X = 7 ** 65535", ""},
		{"format", "A = 'x' * 60000\nX = '" + strings.Repeat("{0}", 1000) + "'.format(A)", "longer than djsec evaluates"},
		{"f-string", "A = 'x' * 60000\nX = f'" + strings.Repeat("{A}", 1000) + "'", "longer than djsec evaluates"},
		{"percent", "A = 'x' * 60000\nX = '" + strings.Repeat("%s", 100) + "' % (" + strings.Repeat("A, ", 100) + ")", "longer than djsec evaluates"},
		{"replace empty", "A = 'x' * 60000\nX = A.replace('', A)", "longer than djsec evaluates"},
		{"join", "A = 'x' * 60000\nX = A.join([A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A])", "longer than djsec evaluates"},
		{"big dict display", "X = {" + strings.Repeat("1: 1, ", 5000) + "}", "more than djsec evaluates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			ns := evalModule(t, tt.src+"\nAFTER = 1\n", nil)
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 256<<20 {
				t.Errorf("evaluation allocated %d MB, want at most 256", grew>>20)
			}
			v, _ := ns.get("X")
			if v == nil || v.Kind != Unknown {
				t.Fatalf("got %s, want an unknown value", describe(v))
			}
			if !strings.Contains(v.Why, tt.why) {
				t.Errorf("got reason %q, want one containing %q", v.Why, tt.why)
			}
			if a, _ := ns.get("AFTER"); describe(a) != "1" {
				t.Errorf("got AFTER = %s, want 1", describe(a))
			}
		})
	}
}

// TestWorkBudget checks that a module building values step by step stops
// at the budget with a note, instead of taking quadratic time and memory.
func TestWorkBudget(t *testing.T) {
	src := "X = []\n" + strings.Repeat("X = X + ['a', 'b', 'c', 'd']\n", 40000)
	ns := evalModule(t, src, nil)
	v, _ := ns.get("X")
	if v == nil || v.Kind != Unknown || !strings.Contains(v.Why, "stopped") {
		t.Errorf("got %s, want an unknown value saying the evaluation stopped", describe(v))
	}
}

// TestReprBounded checks that describing a large value costs its first
// bytes, not its whole text.
func TestReprBounded(t *testing.T) {
	elems := make([]*Value, 1<<16)
	for i := range elems {
		elems[i] = strVal(strings.Repeat("x", 100), Origin{})
	}
	v := listVal(List, elems, Origin{})
	if got := v.Repr(); len(got) > 80 {
		t.Errorf("got %d bytes, want at most 80", len(got))
	}
}
