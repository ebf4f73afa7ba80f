package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalModule evaluates src as the module s.py of a fresh project and
// returns its namespace.
func evalModule(t testing.TB, src string, env map[string]string, extra ...string) *Namespace {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("manage.py", "")
	write("pkg/__init__.py", "")
	write("pkg/s.py", src)
	for i := 0; i+1 < len(extra); i += 2 {
		write(extra[i], extra[i+1])
	}
	s := loadDir(t, dir, env)
	ns := s.l.evalFile(s.l.proj.File("pkg/s.py"))
	if ns == nil {
		t.Fatalf("module did not evaluate: %v", s.Problems)
	}
	return ns
}

func describe(v *Value) string {
	if v == nil {
		return "<absent>"
	}
	if v.Kind == Env {
		d := "<required>"
		if v.Default != nil {
			d = describe(v.Default)
		}
		return "env(" + strings.Join(v.Vars, ",") + ")->" + d
	}
	return v.Repr()
}

func TestEval(t *testing.T) {
	tests := []struct {
		name, src, want string
		env             map[string]string
	}{
		{"int", "X = 1 + 2 * 3", "7", nil},
		{"octal", "X = 0o666", "438", nil},
		{"str concat", "X = 'a' + 'b'", "'ab'", nil},
		{"fstring", "A = 'x'\nX = f'{A}-{1}'", "'x-1'", nil},
		{"percent", "X = 'a%sb' % 'c'", "'acb'", nil},
		{"format", "X = '{}:{}'.format('h', 5)", "'h:5'", nil},
		{"list append", "X = [1]\nX.append(2)\nX += [3]\nX.insert(0, 0)", "[0, 1, 2, 3]", nil},
		{"list remove", "X = ['a', 'b']\nX.remove('a')", "['b']", nil},
		{"list extend", "X = []\nX.extend(('a', 'b'))", "['a', 'b']", nil},
		{"dict update", "X = {'a': 1}\nX.update({'b': 2})\nX['a'] = 3", "{'a': 3, 'b': 2}", nil},
		{"nested item", "X = {'d': {'P': 'x'}}\nX['d']['P'] = 'y'", "{'d': {'P': 'y'}}", nil},
		{"dict spread", "A = {'a': 1}\nX = {**A, 'b': 2}", "{'a': 1, 'b': 2}", nil},
		{"star list", "A = ['a']\nX = [*A, 'b']", "['a', 'b']", nil},
		{"path", "from pathlib import Path\nX = Path(__file__).resolve().parent.parent / 'media'", "Path('/media')", nil},
		{"os.path", "import os\nX = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'static')", "'/pkg/static'", nil},
		{"environ get", "import os\nX = os.environ.get('K', 'd')", "env(K)->'d'", nil},
		{"getenv none", "import os\nX = os.getenv('K')", "env(K)->None", nil},
		{"environ item", "import os\nX = os.environ['K']", "env(K)-><required>", nil},
		{"from os import environ", "from os import environ\nX = environ.get('K', '1')", "env(K)->'1'", nil},
		{"compare true", "import os\nX = os.environ.get('D', 'True') == 'True'", "env(D)->True", nil},
		{"lower in", "import os\nX = os.environ.get('D', 'false').lower() in ('1', 'true')", "env(D)->False", nil},
		{"int bool", "import os\nX = bool(int(os.environ.get('D', 0)))", "env(D)->False", nil},
		{"split", "import os\nX = os.environ.get('H', 'a,b').split(',')", "env(H)->['a', 'b']", nil},
		{"resolved by --env", "import os\nX = os.environ.get('D', 'True') == 'True'", "False", map[string]string{"D": "no"}},
		{"decouple bool", "from decouple import config\nX = config('D', default=False, cast=bool)", "env(D)->False", nil},
		{"decouple str default cast", "from decouple import config\nX = config('D', default='True', cast=bool)", "env(D)->True", nil},
		{"decouple csv", "from decouple import config, Csv\nX = config('H', default='a, b', cast=Csv())", "env(H)->['a', 'b']", nil},
		{"decouple required", "from decouple import config\nX = config('K')", "env(K)-><required>", nil},
		{"environ scheme", "import environ\nenv = environ.Env(DEBUG=(bool, True))\nX = env('DEBUG')", "env(DEBUG)->True", nil},
		{"environ bool", "import environ\nenv = environ.Env()\nX = env.bool('D', default=False)", "env(D)->False", nil},
		{"environ list", "import environ\nenv = environ.Env()\nX = env.list('H', default=['*'])", "env(H)->['*']", nil},
		{"environ required", "import environ\nenv = environ.Env()\nX = env('K')", "env(K)-><required>", nil},
		{"environ db", "import environ\nenv = environ.Env()\nX = env.db(default='postgres://u:p@h:5432/n')['PASSWORD']", "env(DATABASE_URL)->'p'", nil},
		{"dj_database_url", "import dj_database_url\nX = dj_database_url.config(default='mysql://root@h/db')['USER']", "env(DATABASE_URL)->'root'", nil},
		{"nested env", "import os\nX = os.environ.get('A', os.environ.get('B', 'x'))", "env(A,B)->'x'", nil},
		{"or default", "import os\nX = os.environ.get('K') or 'fallback'", "env(K)->'fallback'", nil},
		{"if known", "A = 1\nif A:\n    X = 'y'\nelse:\n    X = 'n'", "'y'", nil},
		{"if env", "import os\nX = 'prod'\nif os.environ.get('ENV') == 'dev':\n    X = 'dev'", "env(ENV)->'prod'", nil},
		{"if env true by default", "import os\nX = False\nif os.getenv('DBG', 'on') == 'on':\n    X = True", "env(DBG)->True", nil},
		{"if unknown", "import sys\nX = 1\nif 'test' in sys.argv:\n    X = 2", "2 or 1", nil},
		{"if raise", "import sys\nX = 1\nif sys.argv:\n    raise SystemExit\nX = 3", "3", nil},
		{"ifexp", "A = True\nX = 'a' if A else 'b'", "'a'", nil},
		{"try keyerror", "import os\ntry:\n    X = os.environ['K']\nexcept KeyError:\n    X = 'dev'", "env(K)->'dev'", nil},
		{"try missing import", "X = 1\ntry:\n    from .nothere import *\nexcept ImportError:\n    X = 2", "2", nil},
		{"try present import", "X = 1\ntry:\n    from .other import *\nexcept ImportError:\n    pass", "5", nil},
		{"star import", "from .other import *\nX = X + 1", "6", nil},
		{"from import name", "from .other import X", "5", nil},
		{"module attr", "from . import other\nX = other.X", "5", nil},
		{"absolute import", "from pkg.other import X", "5", nil},
		{"function inline", "import os\ndef get(k, d=None):\n    return os.environ.get(k, d)\nX = get('K', 'v')", "env(K)->'v'", nil},
		{"loop clobbers", "X = []\nfor a in ['x']:\n    X.append(a)", "<unknown>", nil},
		{"unknown call", "X = compute()", "<unknown>", nil},
		{"unknown lib", "import somelib\nX = somelib.value", "<somelib.value>", nil},
		{"str mult", "X = 'ab' * 3", "'ababab'", nil},
		{"bool not", "X = not ''", "True", nil},
		{"tuple unpack", "A, X = 1, 2", "2", nil},
		{"del", "X = 1\ndel X", "<absent>", nil},
		{"annotated", "X: int = 4", "4", nil},
		{"walrus-free aug", "X = 60 * 60 * 24 * 365", "31536000", nil},
		{"setdefault", "X = {}\nX.setdefault('a', 1)", "{'a': 1}", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := evalModule(t, tt.src+"\n", tt.env, "pkg/other.py", "X = 5\n")
			v, _ := ns.get("X")
			if got := describe(v); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOrigins(t *testing.T) {
	ns := evalModule(t, "from .other import *\nY = 2\n", nil, "pkg/other.py", "\nX = 5\n")
	x, _ := ns.get("X")
	y, _ := ns.get("Y")
	if got := x.Origin.String(); got != "pkg/other.py:2" {
		t.Errorf("X set at %s, want pkg/other.py:2", got)
	}
	if got := y.Origin.String(); got != "pkg/s.py:2" {
		t.Errorf("Y set at %s, want pkg/s.py:2", got)
	}
}

func TestOpaqueStarImport(t *testing.T) {
	ns := evalModule(t, "X = 1\nfrom company.defaults import *\nY = 2\n", nil)
	if x, _ := ns.get("X"); x.Kind != Unknown {
		t.Errorf("X after an opaque star import: got %s, want unknown", describe(x))
	}
	if y, _ := ns.get("Y"); describe(y) != "2" {
		t.Errorf("Y: got %s, want 2", describe(y))
	}
	if ns.Opaque == "" {
		t.Error("namespace not marked opaque")
	}
}
