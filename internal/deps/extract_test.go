package deps

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// pkgString is a compact, comparable form of a package for table tests:
// "line name version spec flags".
func pkgString(p Package) string {
	s := fmt.Sprintf("%d %s %s %s", p.Location.Line, p.Name, orDash(p.Version), orDash(p.Specifier))
	if p.Locked {
		s += " locked"
	}
	if p.Constraint {
		s += " constraint"
	}
	if p.URL != "" {
		s += " url"
	}
	if len(p.Extras) > 0 {
		s += " [" + strings.Join(p.Extras, ",") + "]"
	}
	if p.Marker != "" {
		s += " ; " + p.Marker
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func pythonString(py PythonVersion) string {
	return fmt.Sprintf("%d %s %s", py.Location.Line, py.Source, py.Specifier)
}

func errorLines(errs []*ParseError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

type extractCase struct {
	name    string
	path    string
	content string
	pkgs    []string
	pythons []string
	errs    []string // substrings, one per error, "file:line: ..."
}

func runExtractCases(t *testing.T, x Extractor, cases []extractCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !x.FileRequired(tc.path) {
				t.Fatalf("FileRequired(%q) = false, want true", tc.path)
			}
			r := x.Extract(tc.path, []byte(tc.content))
			var got []string
			for _, p := range r.Packages {
				got = append(got, pkgString(p))
			}
			compareLists(t, "packages", got, tc.pkgs)
			got = nil
			for _, py := range r.Pythons {
				got = append(got, pythonString(py))
			}
			compareLists(t, "pythons", got, tc.pythons)
			errs := errorLines(r.Errors)
			if len(errs) != len(tc.errs) {
				t.Fatalf("got errors %q, want %d matching %q", errs, len(tc.errs), tc.errs)
			}
			for i := range errs {
				if !strings.Contains(errs[i], tc.errs[i]) {
					t.Errorf("error %d: got %q, want it to contain %q", i, errs[i], tc.errs[i])
				}
			}
		})
	}
}

func compareLists(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n\t%s\nwant\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestRequirements(t *testing.T) {
	runExtractCases(t, Requirements{}, []extractCase{{
		name: "syntax",
		path: "requirements.txt",
		content: `# comment
Django==4.2.16  # pinned
djangorestframework>=3.14,<4
celery[redis,sqs] ~= 5.3.0 ; python_version >= "3.10"
requests (==2.32.3)
whitenoise===6.7.0
redis==5.*
Pillow==10.4.0 \
    --hash=sha256:aaaa \
    --hash=sha256:bbbb
gunicorn
--index-url https://pypi.org/simple
--extra-index-url=https://example.com/simple
-r base.txt
--requirement=more/extra.txt
-c constraints.txt
-e git+https://github.com/org/lib.git@v1.0#egg=private-lib
-e .
./local/pkg
https://files.example.com/Flask-3.0.3-py3-none-any.whl
shop @ https://example.com/shop-1.0.tar.gz ; sys_platform == "linux"
url#fragment==1.0
`,
		pkgs: []string{
			"2 Django 4.2.16 ==4.2.16",
			"3 djangorestframework - >=3.14,<4",
			`4 celery - ~=5.3.0 [redis,sqs] ; python_version >= "3.10"`,
			"5 requests 2.32.3 ==2.32.3",
			"6 whitenoise 6.7.0 ===6.7.0",
			"7 redis - ==5.*",
			"8 Pillow 10.4.0 ==10.4.0",
			"11 gunicorn - -",
			"17 private-lib - - url",
			"20 Flask 3.0.3 - url",
			`21 shop - - url ; sys_platform == "linux"`,
		},
		errs: []string{"requirements.txt:22: invalid requirement \"url#fragment==1.0\""},
	}, {
		name:    "constraints file",
		path:    "constraints.txt",
		content: "django==5.2.8\r\n# a comment ending in a backslash \\\r\nsqlparse==0.5.1\r\n",
		pkgs:    []string{"1 django 5.2.8 ==5.2.8 constraint", "3 sqlparse 0.5.1 ==0.5.1 constraint"},
	}, {
		name:    "bad lines do not stop the file",
		path:    "requirements/prod.txt",
		content: "django>=>4\n-r\nrequests==2.32.3\n",
		pkgs:    []string{"3 requests 2.32.3 ==2.32.3"},
		errs:    []string{"requirements/prod.txt:1: invalid requirement", "requirements/prod.txt:2: -r needs a file name"},
	}})
}

func TestRequirementsIncludes(t *testing.T) {
	r := Requirements{}.Extract("requirements/prod.txt", []byte("-r base.txt\n-c ../constraints.txt\n-r https://example.com/r.txt\n-r dev\\extra.txt\n"))
	var got []string
	for _, in := range r.Includes {
		got = append(got, fmt.Sprintf("%d %s %v", in.Location.Line, in.Path, in.Constraint))
	}
	compareLists(t, "includes", got, []string{"1 requirements/base.txt false", "2 constraints.txt true", "4 requirements/dev/extra.txt false"})
}

func TestRequirementsFileRequired(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"requirements.txt", true},
		{"requirements-dev.txt", true},
		{"requirements_test.txt", true},
		{"app/requirements.txt", true},
		{"requirements/base.txt", true},
		{"constraints.txt", true},
		{"requirements.in", false},
		{"requirements/base.pip", true},
		{"requirements-prod.pip", true},
		{"setup.pip", false},
		{"docs/README.txt", false},
		{"requirements/README.md", false},
		{"templates/requirements.html", false},
	}
	for _, tt := range tests {
		if got := (Requirements{}).FileRequired(tt.path); got != tt.want {
			t.Errorf("FileRequired(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestPipfileLock(t *testing.T) {
	runExtractCases(t, PipfileLock{}, []extractCase{{
		name: "sections and meta",
		path: "Pipfile.lock",
		content: `{
    "_meta": {
        "requires": {
            "python_version": "3.8"
        }
    },
    "default": {
        "django": {
            "hashes": ["sha256:aaaa"],
            "version": "==3.2.0"
        },
        "asgiref": {"version": "==3.8.1"}
    },
    "develop": {
        "pytest": {
            "version": "==8.3.3"
        }
    }
}`,
		pkgs:    []string{"12 asgiref 3.8.1 - locked", "10 django 3.2.0 - locked", "16 pytest 8.3.3 - locked"},
		pythons: []string{"4 Pipfile.lock ==3.8.*"},
	}, {
		name:    "malformed",
		path:    "Pipfile.lock",
		content: "{\n  \"default\": {\n    \"django\": {\"version\": \"==3.2.0\",}\n  }\n}\n",
		errs:    []string{"Pipfile.lock:3: invalid JSON"},
	}})
}

func TestPoetryLock(t *testing.T) {
	runExtractCases(t, PoetryLock{}, []extractCase{{
		name: "packages",
		path: "poetry.lock",
		content: `# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.

[[package]]
name = "asgiref"
version = "3.8.1"
description = "ASGI specs"
optional = false
python-versions = ">=3.8"
files = [
    {file = "asgiref-3.8.1-py3-none-any.whl", hash = "sha256:aaaa"},
]

[[package]]
name = "Django"
version = "3.2.0"
description = "A high-level Python web framework"

[package.dependencies]
asgiref = ">=3.3.2,<4"

[package.extras]
argon2 = ["argon2-cffi (>=19.1.0)"]

[[package]]
name = "private"
version = "1.0.0"
description = ""

[package.source]
type = "git"
url = "https://github.com/org/private.git"
reference = "v1"

[metadata]
lock-version = "2.0"
python-versions = "^3.8"
`,
		pkgs: []string{"5 asgiref 3.8.1 - locked", "15 Django 3.2.0 - locked", "26 private 1.0.0 - locked url"},
	}, {
		name:    "malformed",
		path:    "sub/poetry.lock",
		content: "[[package]]\nname = \"django\"\nversion = 3.2.0\n",
		errs:    []string{"sub/poetry.lock:3: invalid TOML"},
	}})
}

func TestUVLock(t *testing.T) {
	runExtractCases(t, UVLock{}, []extractCase{{
		name: "the project itself is skipped",
		path: "uv.lock",
		content: `version = 1
requires-python = ">=3.12"

[[package]]
name = "django"
version = "5.2.8"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "asgiref" },
]

[[package]]
name = "shop"
version = "0.1.0"
source = { virtual = "." }

[[package]]
name = "lib"
version = "1.0.0"
source = { editable = "lib" }

[[package]]
name = "sqlparse"
version = "0.5.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "forked"
version = "1.0.0"
source = { git = "https://github.com/org/forked?rev=abc#abc" }
`,
		pkgs: []string{"6 django 5.2.8 - locked", "24 sqlparse 0.5.1 - locked", "29 forked 1.0.0 - locked url"},
	}})
}

func TestPDMLock(t *testing.T) {
	runExtractCases(t, PDMLock{}, []extractCase{{
		name: "packages",
		path: "pdm.lock",
		content: `# This file is @generated by PDM.
[metadata]
groups = ["default"]
lock_version = "4.4.1"

[[package]]
name = "django"
version = "4.2.16"
requires_python = ">=3.8"
summary = "A high-level Python web framework"
dependencies = [
    "asgiref<4,>=3.6.0",
]
files = [
    {file = "Django-4.2.16-py3-none-any.whl", hash = "sha256:aaaa"},
]

[[package]]
name = "mylib"
version = "0.1.0"
path = "./mylib"
`,
		pkgs: []string{"8 django 4.2.16 - locked", "20 mylib 0.1.0 - locked url"},
	}})
}

func TestPyLock(t *testing.T) {
	runExtractCases(t, PyLock{}, []extractCase{{
		name: "packages",
		path: "pylock.toml",
		content: `lock-version = "1.0"
environments = ["sys_platform == 'linux'"]
requires-python = ">=3.12"
created-by = "mousebender"

[[packages]]
name = "attrs"
version = "25.1.0"
requires-python = ">=3.8"
wheels = [
  {name = "attrs-25.1.0-py3-none-any.whl", upload-time = 2025-01-25T11:30:10.164985+00:00, url = "https://files.pythonhosted.org/attrs-25.1.0-py3-none-any.whl", size = 63152, hashes = {sha256 = "aaaa"}},
]

[[packages]]
name = "local-lib"
directory = { path = "./lib", editable = true }

[tool.mousebender]
command = ["."]
`,
		pkgs: []string{"8 attrs 25.1.0 - locked", "15 local-lib - - locked url"},
	}})
	for _, p := range []string{"pylock.toml", "pylock.dev.toml", "sub/pylock.prod.toml"} {
		if !(PyLock{}).FileRequired(p) {
			t.Errorf("FileRequired(%q) = false, want true", p)
		}
	}
	if (PyLock{}).FileRequired("pylock.a.b.toml") {
		t.Errorf("FileRequired(pylock.a.b.toml) = true, want false")
	}
}

func TestPyProject(t *testing.T) {
	runExtractCases(t, PyProject{}, []extractCase{{
		name: "PEP 621 and PEP 735",
		path: "pyproject.toml",
		content: `[build-system]
requires = ["setuptools>=61"]

[project]
name = "shop"
version = "1.0"
requires-python = ">=3.10"
dependencies = [
    "Django>=4.2,<5",
    "psycopg[binary]==3.2.3",
    'gunicorn',
]

[project.optional-dependencies]
redis = ["django-redis==5.4.0"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
lint = ["ruff==0.6.9"]
`,
		pkgs: []string{
			"9 Django - >=4.2,<5",
			"10 psycopg 3.2.3 ==3.2.3 [binary]",
			"11 gunicorn - -",
			"15 django-redis 5.4.0 ==5.4.0",
			"19 ruff 0.6.9 ==0.6.9",
			"18 pytest - >=8",
		},
		pythons: []string{"7 requires-python >=3.10"},
	}, {
		name: "Poetry",
		path: "pyproject.toml",
		content: `[tool.poetry]
name = "shop"

[tool.poetry.dependencies]
python = "^3.9"
Django = "^4.2"
celery = { version = "~5.3", extras = ["redis"] }
requests = "2.32.3"
private = { git = "https://github.com/org/private.git", tag = "v1" }
"django-environ" = ">=0.11,<1"

[tool.poetry.group.dev.dependencies]
pytest = "*"
`,
		pkgs: []string{
			"6 Django - >=4.2,<5",
			"7 celery - >=5.3,<5.4 [redis]",
			"10 django-environ - >=0.11,<1",
			"9 private - - url",
			"8 requests 2.32.3 ==2.32.3",
			"13 pytest - -",
		},
		pythons: []string{"5 tool.poetry.dependencies.python >=3.9,<4"},
	}, {
		name:    "bad requirement",
		path:    "pyproject.toml",
		content: "[project]\ndependencies = [\n  \"django>=>4\",\n]\n",
		errs:    []string{"pyproject.toml:3: invalid requirement"},
	}})
}

func TestPoetryConstraint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"^1.2.3", ">=1.2.3,<2"},
		{"^1.2", ">=1.2,<2"},
		{"^1", ">=1,<2"},
		{"^0.2.3", ">=0.2.3,<0.3"},
		{"^0.0.3", ">=0.0.3,<0.0.4"},
		{"^0.0", ">=0.0,<0.1"},
		{"^0", ">=0,<1"},
		{"~1.2.3", ">=1.2.3,<1.3"},
		{"~1.2", ">=1.2,<1.3"},
		{"~1", ">=1,<2"},
		{"~=1.2", "~=1.2"},
		{"1.2.*", "==1.2.*"},
		{"*", ""},
		{"1.2.3", "==1.2.3"},
		{"=4.2.9", "==4.2.9"}, // a single = is Poetry's exact version too
		{"= 4.2.9", "==4.2.9"},
		{">= 1.2, < 1.5", ">=1.2,<1.5"},
		{">=1.2 <1.5", ">=1.2,<1.5"},
		{"^2.7 || ^3.6", ">=2.7,<3 || >=3.6,<4"},
	}
	for _, tt := range tests {
		got, err := PoetryConstraint(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("PoetryConstraint(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestPythonVersionFiles(t *testing.T) {
	runExtractCases(t, RuntimeTxt{}, []extractCase{
		{name: "patch", path: "runtime.txt", content: "python-3.8.10\n", pythons: []string{"1 runtime.txt ==3.8.10"}},
		{name: "minor", path: "runtime.txt", content: "python-3.12\n", pythons: []string{"1 runtime.txt ==3.12.*"}},
		{name: "any patch", path: "runtime.txt", content: "python-3.9.x\n", pythons: []string{"1 runtime.txt ==3.9.*"}},
		{name: "bad", path: "runtime.txt", content: "3.8\n", errs: []string{"runtime.txt:1: unrecognized runtime"}},
	})
	runExtractCases(t, PythonVersionFile{}, []extractCase{{
		name:    "pyenv",
		path:    ".python-version",
		content: "3.9.18\n3.12\nsystem\npypy3.10-7.3.12\n3.13t\n",
		pythons: []string{"1 .python-version ==3.9.18", "2 .python-version ==3.12.*", "5 .python-version ==3.13.*"},
	}})
	runExtractCases(t, Dockerfile{}, []extractCase{{
		name: "FROM lines",
		path: "docker/Dockerfile.prod",
		content: `ARG PY=3.11
FROM python:${PY}-slim AS base
FROM --platform=linux/amd64 python:3.8.18-bookworm
FROM index.docker.io/library/python:3.10@sha256:aaaa
FROM base
FROM python:latest
FROM mypython:3.6
FROM python:3
FROM python:${UNSET:-3.9}-alpine
FROM python:$PY
`,
		pythons: []string{"2 Dockerfile ==3.11.*", "3 Dockerfile ==3.8.18", "4 Dockerfile ==3.10.*", "9 Dockerfile ==3.9.*", "10 Dockerfile ==3.11.*"},
	}})
}

func TestCollectIncludes(t *testing.T) {
	files := map[string]string{
		"requirements.txt":      "-r requirements/base.txt\n-c constraints/pins.txt\ndjango\n",
		"requirements/base.txt": "-r ../requirements.txt\nsqlparse>=0.4\n-r missing.txt\n",
		"constraints/pins.txt":  "django==5.2.8\n",
		"sub/poetry.lock":       "[[package]]\nname = \"x\"\nversion = \"1\"\n",
		"sub/pyproject.toml":    "[project]\ndependencies = [\"x>=1\", \"y\"]\n",
		"templates/other.html":  "",
	}
	read := func(p string) ([]byte, error) {
		s, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("no such file")
		}
		return []byte(s), nil
	}
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	inv := Collect(paths, read)
	var got []string
	for _, p := range inv.Packages {
		got = append(got, p.Location.Path+":"+pkgString(p)+fmt.Sprintf(" covered=%v", inv.Covered(p)))
	}
	compareLists(t, "packages", got, []string{
		"requirements.txt:3 django - - covered=true",
		"requirements/base.txt:2 sqlparse - >=0.4 covered=false",
		"constraints/pins.txt:1 django 5.2.8 ==5.2.8 constraint covered=true",
		"sub/poetry.lock:3 x 1 - locked covered=true",
		"sub/pyproject.toml:2 x - >=1 covered=true",
		"sub/pyproject.toml:2 y - - covered=false",
	})
	compareLists(t, "errors", errorLines(inv.Errors), []string{"requirements/base.txt:3: reading requirements/missing.txt: no such file"})
	compareLists(t, "files", inv.Files, []string{"constraints/pins.txt", "requirements.txt", "requirements/base.txt", "sub/poetry.lock", "sub/pyproject.toml"})
}

// TestCollectOneErrorPerFile checks that a file that fails on many lines
// (prose in a file named requirements.txt) is one error, at its first
// line, with the count of the rest, and that what it does name is kept.
func TestCollectOneErrorPerFile(t *testing.T) {
	files := map[string]string{
		"docs/requirements.txt": "============\nRequirements\n============\n\nAll deployment methods need 2 GB\n",
		"requirements.txt":      "django==5.2.8\nbad line here\n",
	}
	read := func(p string) ([]byte, error) { return []byte(files[p]), nil }
	inv := Collect([]string{"docs/requirements.txt", "requirements.txt"}, read)
	compareLists(t, "errors", errorLines(inv.Errors), []string{
		`docs/requirements.txt:1: invalid requirement "============": no project name (and 2 more errors)`,
		`requirements.txt:2: invalid requirement "bad line here": specifier "line here" has no operator`,
	})
	if len(inv.Packages) != 2 {
		t.Errorf("packages: want Requirements and django, got %d", len(inv.Packages))
	}
}

// TestCollectRepeatedEntries checks that an entry a file repeats is
// listed once, at its first line, while entries that differ in version or
// marker stay apart.
func TestCollectRepeatedEntries(t *testing.T) {
	lock := strings.Repeat("[[package]]\nname = \"django\"\nversion = \"1.11\"\n\n", 3) +
		"[[package]]\nname = \"Django\"\nversion = \"4.2.16\"\n"
	files := map[string]string{
		"poetry.lock":      lock,
		"requirements.txt": "django==4.2.16\ndjango==4.2.16\ndjango==4.2.16 ; python_version < \"3.10\"\n",
	}
	read := func(p string) ([]byte, error) { return []byte(files[p]), nil }
	inv := Collect([]string{"poetry.lock", "requirements.txt"}, read)
	var got []string
	for _, p := range inv.Packages {
		got = append(got, p.Location.Path+":"+pkgString(p))
	}
	compareLists(t, "packages", got, []string{
		"poetry.lock:3 django 1.11 - locked",
		"poetry.lock:15 Django 4.2.16 - locked",
		"requirements.txt:1 django 4.2.16 ==4.2.16",
		`requirements.txt:3 django 4.2.16 ==4.2.16 ; python_version < "3.10"`,
	})
}

func TestPipfile(t *testing.T) {
	runExtractCases(t, Pipfile{}, []extractCase{{
		name: "packages and requires",
		path: "Pipfile",
		content: `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
django = "==4.2.16"
djangorestframework = "*"
celery = {version = ">=5.3", extras = ["redis"]}
private = {git = "https://github.com/org/private.git", ref = "v1"}

[dev-packages]
pytest = "~=8.3"

[requires]
python_version = "3.9"
`,
		pkgs: []string{
			"9 celery - >=5.3",
			"7 django 4.2.16 ==4.2.16",
			"8 djangorestframework - -",
			"10 private - - url",
			"13 pytest - ~=8.3",
		},
		pythons: []string{"16 Pipfile ==3.9.*"},
	}})
}

func TestExtractorChoice(t *testing.T) {
	tests := map[string]string{
		"requirements.txt":         "requirements",
		"requirements/dev.txt":     "requirements",
		"Pipfile":                  "Pipfile",
		"Pipfile.lock":             "Pipfile.lock",
		"poetry.lock":              "poetry.lock",
		"svc/uv.lock":              "uv.lock",
		"pdm.lock":                 "pdm.lock",
		"pylock.toml":              "pylock.toml",
		"pyproject.toml":           "pyproject.toml",
		"runtime.txt":              "runtime.txt",
		".python-version":          ".python-version",
		"deploy/Dockerfile":        "Dockerfile",
		"web.dockerfile":           "Dockerfile",
		"Containerfile":            "Dockerfile",
		"setup.py":                 "",
		"docs/index.txt":           "",
		"templates/Pipfile.html":   "",
		"package-lock.json":        "",
		"requirements-dev.txt.bak": "",
	}
	for p, want := range tests {
		got := ""
		for _, x := range Extractors() {
			if x.FileRequired(p) {
				got = x.Name()
				break
			}
		}
		if got != want || Required(p) != (want != "") {
			t.Errorf("%s: got extractor %q (Required %v), want %q", p, got, Required(p), want)
		}
	}
}

// TestAssignsKey checks the hand-written match of a key's assignment
// against the expression it stands for.
func TestAssignsKey(t *testing.T) {
	lines := []string{"version = \"1.0\"", "  version=1", "\"version\" = 1", "'version'\t= 1", "versions = 1",
		"version", "\"version = 1", "'version\" = 1", "name = \"x\"", "# version = 1", "\fversion\r= 2", "\"version\"x = 1", ""}
	for _, key := range []string{"version", "name", "requires-python", "a.b"} {
		re := regexp.MustCompile(`^\s*(?:` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `"|'` + regexp.QuoteMeta(key) + `')\s*=`)
		for _, l := range lines {
			if got, want := assignsKey(l, key), re.MatchString(l); got != want {
				t.Errorf("assignsKey(%q, %q): got %v, want %v", l, key, got, want)
			}
		}
	}
}
