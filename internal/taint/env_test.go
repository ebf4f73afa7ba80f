package taint

import (
	"fmt"
	"testing"
)

// TestVars checks vars against a Go map through sets, deletions and
// clones, on both sides of the size where it starts keeping an index.
func TestVars(t *testing.T) {
	for _, n := range []int{3, indexFrom, indexFrom + 1, 3 * indexFrom} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var m vars[int]
			want := map[string]int{}
			for i := range n {
				k := fmt.Sprintf("v%d", i)
				m.set(k, i)
				want[k] = i
			}
			for i := 0; i < n; i += 3 {
				k := fmt.Sprintf("v%d", i)
				m.del(k)
				delete(want, k)
			}
			m.set("v1", 100)
			want["v1"] = 100
			c := m.clone()
			c.set("v1", 200)
			c.del("v2")
			// the original changes after the copy too: the copy must not
			// see it
			d := m.clone()
			m.set("new", 1)
			want["new"] = 1
			check := func(m *vars[int], want map[string]int) {
				t.Helper()
				if m.len() != len(want) {
					t.Fatalf("got %d names, want %d", m.len(), len(want))
				}
				for i := range n + 2 {
					k := fmt.Sprintf("v%d", i)
					if i == n+1 {
						k = "new"
					}
					got, ok := m.lookup(k)
					w, wok := want[k]
					if got != w || ok != wok {
						t.Errorf("%s: got %d, %v, want %d, %v", k, got, ok, w, wok)
					}
					if j := m.findBytes([]byte(k)); (j >= 0) != wok || wok && m.list[j].val != w {
						t.Errorf("%s: findBytes got %d", k, j)
					}
				}
			}
			check(&m, want)
			cw := map[string]int{}
			for k, v := range want {
				cw[k] = v
			}
			cw["v1"] = 200
			delete(cw, "v2")
			delete(cw, "new")
			check(&c, cw)
			delete(want, "new")
			check(&d, want)
		})
	}
	var none *vars[int]
	if _, ok := none.lookup("x"); ok || none.len() != 0 || none.findBytes([]byte("x")) >= 0 {
		t.Error("a nil vars holds something")
	}
}

// TestStepf checks stepf against fmt.Sprintf, whose output it must repeat.
func TestStepf(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []string
	}{
		{"assigned to %s", []string{"x"}},
		{"formatted into %s with %%", []string{"q"}},
		{"passed to %s() as %s", []string{"run", "sql"}},
		{"returned from %s()", []string{"wrap"}},
		{"no verbs", nil},
		{"%s and %s", []string{"one"}},
		{"%s", []string{"one", "two"}},
		{"%d", []string{"1"}},
		{"trailing %", nil},
		{"%s%%%s", []string{"a", "b"}},
	} {
		as := make([]any, len(c.args))
		for i, a := range c.args {
			as[i] = a
		}
		if got, want := stepf(c.format, c.args...), fmt.Sprintf(c.format, as...); got != want {
			t.Errorf("%q %q: got %q, want %q", c.format, c.args, got, want)
		}
	}
}

// TestStepReport checks that a recorded step reports the location and
// message it was recorded with, whatever the number of arguments.
func TestStepReport(t *testing.T) {
	res := analyzeFiles(t, map[string]string{"app/m.py": "x = 1\ny = f(x)\n"})
	m := res.Program.Modules[0]
	n := m.Tree().Body[1]
	for _, c := range []struct {
		format string
		args   []string
		want   string
	}{
		{"assigned to %s", []string{"y"}, "assigned to y"},
		{"passed to %s() as %s", []string{"f", "a"}, "passed to f() as a"},
		{"%s, %s and %s", []string{"a", "b", "c"}, "a, b and c"},
		{"%s read here", []string{"100%s"}, "100%s read here"},
	} {
		s := newStep(m, n, c.format, c.args...)
		got := s.report()
		if got.Message != c.want || got.Location != m.Location(n) {
			t.Errorf("%q %q: got %q at %v, want %q at %v", c.format, c.args, got.Message, got.Location, c.want, m.Location(n))
		}
	}
}
