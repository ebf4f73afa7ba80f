package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEval evaluates random settings modules, next to a base module they
// may import and a .env file: no input may make the evaluator panic (the
// loader turns a panic into an "internal error" problem, which fails the
// target), and every value it keeps respects the caps.
func FuzzEval(f *testing.F) {
	seeds := []string{
		"from .base import *\nDEBUG = True\n",
		"import os\nDEBUG = os.environ.get('DEBUG', 'False') == 'True'\nSECRET_KEY = os.environ['SECRET_KEY']\n",
		"import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env('DEBUG')\nDATABASES = {'default': env.db()}\n",
		"A = 'xx'\nfor i in range(3):\n    A = A + A\nB = [A] * 3\nC = f'{A}{A}'\nD = '{0}{0}'.format(A)\n",
		"X = [1]\nX.extend(X)\nX.append(2)\nY = {'a': 1}\nY.update({'b': 2})\nY['c'] = 3\n",
		"def f(x):\n    if x:\n        return 1\n    return 2\nZ = f(True)\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n",
		"from split_settings.tools import include\ninclude('base.py', 'missing.py', optional=True)\n",
		"from configurations import Configuration, values\nclass Prod(Configuration):\n    DEBUG = values.BooleanValue(True)\n",
		"X = 2 ** 100\nY = X * X\nZ = 'a' * 10 % ()\nW = '%s-%s' % ('a', 'b')\n",
		"if DEBUG:\n    pass\nelif 1:\n    X = 1\nelse:\n    X = 2\nV = 1 if X else 2\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 16<<10 {
			return
		}
		dir := t.TempDir()
		for name, body := range map[string]string{
			"manage.py":          "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'pkg.settings')\n",
			"pkg/__init__.py":    "",
			"pkg/base.py":        "DEBUG = False\nINSTALLED_APPS = ['django.contrib.admin']\nMIDDLEWARE = []\nSECRET_KEY = 'x'\n",
			"pkg/settings.py":    src,
			"pkg/.env":           "DEBUG=True\n",
			"pkg/local_extra.py": "from .settings import *\n",
		} {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s := loadDir(t, dir, nil)
		for _, p := range s.Problems {
			if strings.Contains(p.Message, "internal error") {
				t.Fatalf("%s: %s", p.Location, p.Message)
			}
		}
		for _, e := range s.Entries {
			if e.ns == nil {
				continue
			}
			for _, name := range e.Names() {
				v := e.Value(name)
				if v == nil {
					continue
				}
				if len(v.S) > maxStrLen || len(v.Elems) > maxElems || v.I != nil && v.I.BitLen() > maxIntBits {
					t.Fatalf("%s: a value past the caps: %d bytes, %d items", name, len(v.S), len(v.Elems))
				}
				if r := v.Repr(); len(r) > 80 {
					t.Fatalf("%s: Repr of %d bytes", name, len(r))
				}
			}
		}
	})
}
