package settings

import (
	"os"
	"path/filepath"
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

// TestShapeCaps checks that values nested deep, or sharing their halves
// (a tree exponential in the statements that built it), never grow past
// maxNest or maxItems: the part past the cap is Unknown.
func TestShapeCaps(t *testing.T) {
	for name, src := range map[string]string{
		"nesting":       "X = []\n" + strings.Repeat("X = [X]\n", 1000),
		"nesting dicts": "X = {}\n" + strings.Repeat("X = {'k': X}\n", 1000),
		"shared halves": "X = [1]\n" + strings.Repeat("X = [X, X]\n", 60),
		"shared dicts":  "X = {}\n" + strings.Repeat("X = {'a': X, 'b': X}\n", 60),
	} {
		t.Run(name, func(t *testing.T) {
			ns := evalModule(t, src, nil)
			v, _ := ns.get("X")
			if _, tooMany, tooDeep := measure(v); tooMany || tooDeep {
				t.Errorf("got a value past the caps (too many items: %v, too deep: %v)", tooMany, tooDeep)
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

// TestLostModule checks that a module production imports but djsec cannot
// parse is named on the entry and in a note, instead of the production
// settings passing for audited.
func TestLostModule(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"manage.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.production')\n",
		"shop/__init__.py":            "",
		"shop/settings/__init__.py":   "",
		"shop/settings/base.py":       "DEBUG = True\nx = (\n",
		"shop/settings/production.py": "from .base import *\nSESSION_COOKIE_SECURE = True\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := loadDir(t, dir, nil)
	prod := s.Production()
	if len(prod) != 1 {
		t.Fatalf("got %d production entries, want 1", len(prod))
	}
	if lost := prod[0].Lost(); !strings.Contains(lost, "shop/settings/base.py") || !strings.Contains(lost, "line 2") {
		t.Errorf("got Lost() %q, want it to name shop/settings/base.py and line 2", lost)
	}
	tracked, unknown := prod[0].Track()
	if v := tracked.Value("DEBUG"); v == nil || v.Kind != Unknown {
		t.Errorf("got DEBUG = %s, want unknown", describe(v))
	}
	if got := unknown(); len(got) != 1 || got[0] != "DEBUG" {
		t.Errorf("got unknown %q, want [DEBUG]", got)
	}
	notes := strings.Join(s.Notes, "\n")
	if !strings.Contains(notes, "shop.settings.production was audited without") {
		t.Errorf("got notes %q, want one saying what the production settings were audited without", notes)
	}
}
