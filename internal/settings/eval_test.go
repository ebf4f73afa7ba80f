package settings

import (
	"os"
	"path/filepath"
	"slices"
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
		{"list extended by a tuple in place", "X = ['a']\nX += ('b', 'c')", "['a', 'b', 'c']", nil},
		{"list plus a tuple raises", "X = ['a'] + ('b',)", "<unknown>", nil},
		{"tuple extended by a list raises", "X = ('a',)\nX += ['b']", "<unknown>", nil},
		{"list remove", "X = ['a', 'b']\nX.remove('a')", "['b']", nil},
		{"list extend", "X = []\nX.extend(('a', 'b'))", "['a', 'b']", nil},
		{"dict update", "X = {'a': 1}\nX.update({'b': 2})\nX['a'] = 3", "{'a': 3, 'b': 2}", nil},
		{"nested item", "X = {'d': {'P': 'x'}}\nX['d']['P'] = 'y'", "{'d': {'P': 'y'}}", nil},
		{"dict spread", "A = {'a': 1}\nX = {**A, 'b': 2}", "{'a': 1, 'b': 2}", nil},
		{"star list", "A = ['a']\nX = [*A, 'b']", "['a', 'b']", nil},
		{"path", "from pathlib import Path\nX = Path(__file__).resolve().parent.parent / 'media'", "Path('/media')", nil},
		{"path absolute part", "from pathlib import Path\nX = Path('/srv/app') / '/var/media'", "Path('/var/media')", nil},
		{"joinpath absolute part", "from pathlib import Path\nX = Path('/srv/app').joinpath('media', '/tmp', 'up')", "Path('/tmp/up')", nil},
		{"os.path", "import os\nX = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'static')", "'/pkg/static'", nil},
		{"environ get", "import os\nX = os.environ.get('K', 'd')", "env(K)->'d'", nil},
		{"getenv none", "import os\nX = os.getenv('K')", "env(K)->None", nil},
		{"environ item", "import os\nX = os.environ['K']", "env(K)-><required>", nil},
		{"from os import environ", "from os import environ\nX = environ.get('K', '1')", "env(K)->'1'", nil},
		{"compare true", "import os\nX = os.environ.get('D', 'True') == 'True'", "env(D)->True", nil},
		{"lower in", "import os\nX = os.environ.get('D', 'false').lower() in ('1', 'true')", "env(D)->False", nil},
		{"int bool", "import os\nX = bool(int(os.environ.get('D', 0)))", "env(D)->False", nil},
		{"split", "import os\nX = os.environ.get('H', 'a,b').split(',')", "env(H)->['a', 'b']", nil},
		{"comprehension over split", "import os\nX = [h.strip() for h in os.environ.get('H', 'a, b').split(',')]", "env(H)->['a', 'b']", nil},
		{"comprehension over a list", "X = [p.upper() for p in ['a', 'b']]", "['A', 'B']", nil},
		{"comprehension keeps its name", "p = 'x'\nX = [p for p in ['a']] + [p]", "['a', 'x']", nil},
		{"comprehension with a condition", "X = [p for p in ['a', ''] if p]", "<unknown>", nil},
		{"resolved by --env", "import os\nX = os.environ.get('D', 'True') == 'True'", "False", map[string]string{"D": "no"}},
		{"decouple bool", "from decouple import config\nX = config('D', default=False, cast=bool)", "env(D)->False", nil},
		{"decouple str default cast", "from decouple import config\nX = config('D', default='True', cast=bool)", "env(D)->True", nil},
		{"decouple csv", "from decouple import config, Csv\nX = config('H', default='a, b', cast=Csv())", "env(H)->['a', 'b']", nil},
		{"decouple required", "from decouple import config\nX = config('K')", "env(K)-><required>", nil},
		{"environ scheme", "import environ\nenv = environ.Env(DEBUG=(bool, True))\nX = env('DEBUG')", "env(DEBUG)->True", nil},
		{"environ bool", "import environ\nenv = environ.Env()\nX = env.bool('D', default=False)", "env(D)->False", nil},
		{"helper returning from a loop", "import os\ndef get_env(name, default=None):\n    for key in ('APP_' + name, name):\n        value = os.environ.get(key)\n        if value is not None:\n            return value\n    return default\nX = get_env('DB_PASSWORD', 'postgres')", "env(DB_PASSWORD)->'postgres'", nil},
		{"loop returning without the environment", "def first(items, default=None):\n    for i in items:\n        if i:\n            return i\n    return default\nX = first(['', 'a'], 'z')", "<unknown>", nil},
		{"argv test", "import sys\nX = 'test' in sys.argv", "False", nil},
		{"argv not test", "import sys\nX = 'pytest' not in sys.argv", "True", nil},
		{"argv subscript", "import sys\nX = sys.argv[1] == 'test'", "False", nil},
		{"argv runserver", "import sys\nX = 'runserver' in sys.argv", "<unknown>", nil},
		{"environ file-aware", "import environ\nenv = environ.FileAwareEnv()\nX = env.bool('D', default=True)", "env(D)->True", nil},
		{"environ list", "import environ\nenv = environ.Env()\nX = env.list('H', default=['*'])", "env(H)->['*']", nil},
		{"environ required", "import environ\nenv = environ.Env()\nX = env('K')", "env(K)-><required>", nil},
		{"environ db", "import environ\nenv = environ.Env()\nX = env.db(default='postgres://u:p@h:5432/n')['PASSWORD']", "env(DATABASE_URL)->'p'", nil},
		{"dj_database_url", "import dj_database_url\nX = dj_database_url.config(default='mysql://root@h/db')['USER']", "env(DATABASE_URL)->'root'", nil},
		{"nested env", "import os\nX = os.environ.get('A', os.environ.get('B', 'x'))", "env(A,B)->'x'", nil},
		{"or default", "import os\nX = os.environ.get('K') or 'fallback'", "env(K)->'fallback'", nil},
		{"if known", "A = 1\nif A:\n    X = 'y'\nelse:\n    X = 'n'", "'y'", nil},
		{"if env", "import os\nX = 'prod'\nif os.environ.get('ENV') == 'dev':\n    X = 'dev'", "env(ENV)->'prod'", nil},
		{"if env true by default", "import os\nX = False\nif os.getenv('DBG', 'on') == 'on':\n    X = True", "env(DBG)->True", nil},
		{"if unknown", "import sys\nX = 1\nif 'runserver' in sys.argv:\n    X = 2", "2 or 1", nil},
		{"if raise", "import sys\nX = 1\nif sys.argv:\n    raise SystemExit\nX = 3", "3", nil},
		{"ifexp", "A = True\nX = 'a' if A else 'b'", "'a'", nil},
		{"try keyerror", "import os\ntry:\n    X = os.environ['K']\nexcept KeyError:\n    X = 'dev'", "env(K)->'dev'", nil},
		{"try missing import", "X = 1\ntry:\n    from .nothere import *\nexcept ImportError:\n    X = 2", "2", nil},
		{"try present import", "X = 1\ntry:\n    from .other import *\nexcept ImportError:\n    pass", "5", nil},
		{"try needed import", "try:\n    from .secret import KEY\nexcept ImportError:\n    raise RuntimeError('add secret.py')\nX = 7", "7", nil},
		{"try needed import else", "try:\n    from .secret import KEY\nexcept ImportError:\n    raise RuntimeError('add secret.py')\nelse:\n    X = 8", "8", nil},
		{"try needed import value", "try:\n    from .secret import KEY\nexcept ImportError:\n    raise RuntimeError('add secret.py')\nX = KEY", "<unknown>", nil},
		{"try needed star import exits", "import sys\nX = 1\ntry:\n    from .nothere import *\nexcept ImportError:\n    print('copy local.py-example to local.py')\n    sys.exit(1)", "<unknown>", nil},
		{"try optional star import prints", "X = 1\ntry:\n    from .nothere import *\nexcept ImportError:\n    print('no local settings')", "1", nil},
		{"try needed star import", "X = 1\ntry:\n    from .nothere import *\nexcept ImportError:\n    X = 2\n    raise", "<unknown>", nil},
		{"star import", "from .other import *\nX = X + 1", "6", nil},
		{"from import name", "from .other import X", "5", nil},
		{"module attr", "from . import other\nX = other.X", "5", nil},
		{"absolute import", "from pkg.other import X", "5", nil},
		{"function inline", "import os\ndef get(k, d=None):\n    return os.environ.get(k, d)\nX = get('K', 'v')", "env(K)->'v'", nil},
		{"loop clobbers", "X = []\nfor a in ['x']:\n    X.append(a)", "<unknown>", nil},
		{"unknown call", "X = compute()", "<unknown>", nil},
		{"list after an unknown one", "X = ['a'] + compute()", "['a', <unknown>]", nil},
		{"unknown list extended", "X = compute()\nX += ('a', 'b')", "(<unknown>, 'a', 'b')", nil},
		{"unknown list unpacked", "X = [*compute(), 'a']", "[<unknown>, 'a']", nil},
		{"unknown string added", "X = 'a' + compute()", "<unknown>", nil},
		{"unknown lib", "import somelib\nX = somelib.value", "<somelib.value>", nil},
		{"str mult", "X = 'ab' * 3", "'ababab'", nil},
		{"bool not", "X = not ''", "True", nil},
		{"tuple unpack", "A, X = 1, 2", "2", nil},
		{"del", "X = 1\ndel X", "<absent>", nil},
		{"annotated", "X: int = 4", "4", nil},
		{"walrus-free aug", "X = 60 * 60 * 24 * 365", "31536000", nil},
		{"setdefault", "X = {}\nX.setdefault('a', 1)", "{'a': 1}", nil},
		{"in environ", "import os\nX = 'DJANGO_DEBUG' in os.environ", "env(DJANGO_DEBUG)->False", nil},
		{"not in environ", "import os\nX = 'PROD' not in os.environ", "env(PROD)->True", nil},
		{"in environ set", "import os\nX = 'PROD' not in os.environ", "False", map[string]string{"PROD": ""}},
		{"function early return", "import os, ast\ndef get_bool(name, default):\n    if name in os.environ:\n        return ast.literal_eval(os.environ[name])\n    return default\nX = get_bool('DEBUG', True)", "env(DEBUG)->True", nil},
		{"function early return set", "import os, ast\ndef get_bool(name, default):\n    if name in os.environ:\n        return os.environ[name] == 'yes'\n    return default\nX = get_bool('DEBUG', True)", "False", map[string]string{"DEBUG": "no"}},
		{"function known branch", "def f(x):\n    if x:\n        return 'a'\n    return 'b'\nX = f(0)", "'b'", nil},
		{"update with env", "import dj_database_url\nX = {'PASSWORD': 'p'}\nX.update(dj_database_url.config())", "env(DATABASE_URL)->{'PASSWORD': 'p'}", nil},
		{"function with global", "X = 1\ndef f():\n    global X\n    X = 2\nf()", "<unknown>", nil},
		{"function mutating a global", "X = ['a']\ndef add(app):\n    X.append(app)\nadd('b')", "<unknown>", nil},
		{"function with a local list", "def f():\n    apps = []\n    apps.append('a')\n    return apps\nX = f()", "['a']", nil},
		{"posthog get_from_env", "import os\ndef str_to_bool(v):\n    return str(v).lower() in ('y', 'yes', 'true', '1')\ndef get_from_env(key, default=None, *, optional=False, type_cast=None):\n    value = os.getenv(key)\n    if value is None or value == '':\n        if optional:\n            return None\n        if default is not None:\n            return default\n        else:\n            raise ValueError(key)\n    if type_cast is not None:\n        return type_cast(value)\n    return value\nX = get_from_env('DEBUG', True, type_cast=str_to_bool)", "env(DEBUG)->True", nil},
		{"posthog get_from_env set", "import os\ndef str_to_bool(v):\n    return str(v).lower() in ('y', 'yes', 'true', '1')\ndef get_from_env(key, default=None, *, optional=False, type_cast=None):\n    value = os.getenv(key)\n    if value is None or value == '':\n        if optional:\n            return None\n        if default is not None:\n            return default\n        else:\n            raise ValueError(key)\n    if type_cast is not None:\n        return type_cast(value)\n    return value\nX = get_from_env('DEBUG', True, type_cast=str_to_bool)", "False", map[string]string{"DEBUG": "no"}},
		{"globals in a loop", "import os\nX = 1\nfor k, v in os.environ.items():\n    if k.startswith('DJANGO_'):\n        globals()[k[7:]] = v", "<unknown>", nil},
		{"globals item", "X = 1\nglobals()['X'] = 2", "<unknown>", nil},
		{"locals handed out", "import some_helper\nX = 1\nsome_helper.configure(locals())", "<unknown>", nil},
		{"django_heroku keeps the rest", "import django_heroku\nX = 1\ndjango_heroku.settings(locals())", "1", nil},
		{"django_heroku sets its names", "import django_heroku\nX = 1\nALLOWED_HOSTS = ['a']\ndjango_heroku.settings(locals())\nX = ALLOWED_HOSTS", "<unknown>", nil},
		{"django_heroku imported by name", "from django_heroku import settings as heroku\nX = 1\nheroku(locals())\nX = X + 1", "2", nil},
		{"djp keeps the rest", "import djp\nX = 1\ndjp.settings(globals())", "1", nil},
		{"djp adds middleware", "import djp\nMIDDLEWARE = ['a']\ndjp.settings(globals())\nX = MIDDLEWARE", "<unknown>", nil},
		{"globals update", "X = 1\nglobals().update({'X': 2})", "<unknown>", nil},
		{"exec of a local file", "import os\nX = 1\nif os.path.exists('local.py'):\n    with open('local.py') as fp:\n        code = compile(fp.read(), 'local.py', 'exec')\n    exec(code, globals(), locals())", "1", nil},
		{"exec of a file read inline", "X = 1\nexec(open('local.py').read())", "1", nil},
		{"exec of a string", "X = 1\nexec('X = 2')", "<unknown>", nil},
		{"execfile of conf files", "import glob\nX = 1\nfor f in sorted(glob.glob('settings/*.conf')):\n    execfile(f)", "<unknown>", nil},
		{"execfile of the project's own", "def execfile(p):\n    return p\nX = 1\nexecfile('a.conf')", "1", nil},
		{"exec of a name not read from a file", "X = 1\ncode = 'X = 2'\nexec(code, globals())", "<unknown>", nil},
		{"split settings", "from split_settings.tools import include, optional\ninclude('other.py', optional('nothere.py'))\nX = X + 1", "6", nil},
		{"split settings file", "from split_settings.tools import include\ninclude('paths.py')", "'/pkg/s.py'", nil},
		{"split settings missing", "from split_settings.tools import include\nX = 1\ninclude('nothere.py')\nX = 2", "1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := evalModule(t, tt.src+"\n", tt.env, "pkg/other.py", "X = 5\n", "pkg/paths.py", "X = __file__\n")
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

func TestMissingProjectImport(t *testing.T) {
	ns := evalModule(t, "X = 1\nfrom .nothere import *\nY = 2\n", nil)
	if x, _ := ns.get("X"); describe(x) != "1" {
		t.Errorf("X: got %s, want 1", describe(x))
	}
	if _, ok := ns.get("Y"); ok || ns.Opaque == "" {
		t.Errorf("Y: got a value or a namespace that is not opaque, want the rest unknown")
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

// TestImportsSurviveOpaqueStarImport checks that the modules imported
// before a star import djsec cannot follow keep their meaning, so that
// settings read from the environment after it are still known.
func TestImportsSurviveOpaqueStarImport(t *testing.T) {
	ns := evalModule(t, "import os\nfrom company.defaults import *\nKEY = os.environ.get('KEY', 'change me')\n", nil)
	if k, _ := ns.get("KEY"); describe(k) != "env(KEY)->'change me'" {
		t.Errorf("KEY after an opaque star import: got %s, want env(KEY)->'change me'", describe(k))
	}
}

func TestDotenv(t *testing.T) {
	tests := []struct {
		name, src, want string
		env             map[string]string
	}{
		{"decouple reads the nearest .env", "from decouple import config\nX = config('DEBUG', default=False, cast=bool)", "env(DEBUG)->True", nil},
		{"decouple key not in .env", "from decouple import config\nX = config('OTHER', default='d')", "env(OTHER)->'d'", nil},
		{"--env wins over .env", "from decouple import config\nX = config('DEBUG', default=False, cast=bool)", "False", map[string]string{"DEBUG": "0"}},
		{"os.environ ignores .env unread", "import os\nX = os.environ.get('DEBUG', 'no')", "env(DEBUG)->'no'", nil},
		{"read_env", "import environ, os\nenviron.Env.read_env(os.path.join(os.path.dirname(os.path.dirname(__file__)), '.env'))\nX = os.environ.get('DEBUG', 'no')", "env(DEBUG)->'root'", nil},
		{"load_dotenv next to module", "from dotenv import load_dotenv\nimport os\nload_dotenv()\nX = os.getenv('SECRET')", "env(SECRET)->'from-pkg-env'", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := evalModule(t, tt.src+"\n", tt.env, ".env", "# committed\nDEBUG=root\nexport NAME='quoted'\n", "pkg/.env", "SECRET=from-pkg-env\nDEBUG=on # the nearest file wins\n")
			v, _ := ns.get("X")
			if got := describe(v); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	ns := evalModule(t, "from decouple import config\nX = config('DEBUG', default=False, cast=bool)\n", nil, ".env", "# committed\nDEBUG=on\n")
	ini := evalModule(t, "from decouple import config\nX = config('DEBUG', default=False, cast=bool)\n", nil, "pkg/settings.ini", "[other]\nDEBUG=False\n[settings]\nDEBUG: True\n")
	if x, _ := ini.get("X"); describe(x) != "env(DEBUG)->True" || x.Origin.String() != "pkg/settings.ini:4" {
		t.Errorf("DEBUG from settings.ini: got %s at %s, want env(DEBUG)->True at pkg/settings.ini:4", describe(x), x.Origin)
	}
	if x, _ := ns.get("X"); x.Origin.String() != ".env:2" {
		t.Errorf("DEBUG from .env set at %s, want .env:2", x.Origin)
	}
}

// TestFourIndependentIfs checks that a list four ifs on values djsec
// cannot know each add to keeps its alternatives, so that what holds in
// all of them (the sessions app is installed) can be proved, and that the
// same value reached on two paths counts once.
func TestFourIndependentIfs(t *testing.T) {
	ns := evalModule(t, `import lib
APPS = ["django.contrib.sessions"]
if lib.a():
    APPS += ["silk"]
if lib.b():
    APPS += ["seed"]
if lib.c():
    APPS += ["webpack_loader"]
if lib.d():
    APPS += ["debug_toolbar"]
SAME = 1
if lib.e():
    SAME = 1
`, nil)
	apps, _ := ns.get("APPS")
	if _, ok := Holds(apps, func(v *Value) bool {
		ss, all := v.Strings()
		return all && slices.Contains(ss, "django.contrib.sessions")
	}); !ok {
		t.Errorf("APPS = %s: want the sessions app proved in every alternative", describe(apps))
	}
	if same, _ := ns.get("SAME"); describe(same) != "1" {
		t.Errorf("SAME = %s, want 1", describe(same))
	}
}
