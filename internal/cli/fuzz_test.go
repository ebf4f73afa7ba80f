package cli

import (
	"bytes"
	"encoding/json"
	"github.com/djsec/djsec/internal/render"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// fuzzNames are the paths a fuzzed tree's files take: Python modules,
// settings, templates, dependency and lock files, deployment files and the
// configuration, so that the fuzzer mixes every reader of the scan.
var fuzzNames = []string{
	"manage.py", "shop/settings.py", "shop/settings/base.py", "shop/settings/production.py", "shop/views.py", "shop/urls.py",
	"shop/templates/shop/page.html", "shop/templates/base.html", "requirements.txt", "requirements/base.txt", "poetry.lock",
	"uv.lock", "Pipfile.lock", "pyproject.toml", "setup.cfg", ".env", ".djsec.toml", "Dockerfile", "docker-compose.yml",
	"nginx.conf", ".gitignore", "shop/__init__.py", "shop/settings/__init__.py", "gunicorn.conf.py", "uwsgi.ini",
}

// fuzzTree encodes files as the fuzz input: for each file a byte choosing
// its name, then its content, then a NUL.
func fuzzTree(files map[string]string) []byte {
	var b bytes.Buffer
	for i, n := range fuzzNames {
		if c, ok := files[n]; ok {
			b.WriteByte(byte(i))
			b.WriteString(c)
			b.WriteByte(0)
		}
	}
	return b.Bytes()
}

// writeFuzzTree writes the tree data encodes into dir.
func writeFuzzTree(t *testing.T, dir string, data []byte) {
	for _, part := range bytes.Split(data, []byte{0}) {
		if len(part) == 0 {
			continue
		}
		name := fuzzNames[int(part[0])%len(fuzzNames)]
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, part[1:], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzScan scans small random trees mixing Python, settings, templates,
// requirements, lock files and configuration: no input may crash a rule
// (a recovered panic becomes an "internal error" problem, which fails the
// target), and the report renders in every format.
func FuzzScan(f *testing.F) {
	f.Add(fuzzTree(map[string]string{
		"manage.py":                     "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
		"shop/settings.py":              "DEBUG = True\nSECRET_KEY = 'django-insecure-x'\nALLOWED_HOSTS = ['*']\nA = 'x'\nA = A + A\n",
		"shop/views.py":                 "from django.db import connection\ndef v(request):\n    connection.cursor().execute('select %s' % request.GET['q'])\n",
		"shop/templates/shop/page.html": "{% extends 'base.html' %}{% block b %}<a href=\"{{ u }}\">{{ x|safe }}</a>{% endblock %}",
		"requirements.txt":              "django==2.0\n-r requirements/base.txt\n",
		"requirements/base.txt":         "requests>=2\n",
	}))
	f.Add(fuzzTree(map[string]string{
		"shop/settings/base.py":       "import os\nDEBUG = os.environ.get('DEBUG', 'True') == 'True'\nMIDDLEWARE = []\n",
		"shop/settings/production.py": "from .base import *\nDEBUG = False\nSESSION_COOKIE_SECURE = True\n",
		"poetry.lock":                 "[[package]]\nname = \"django\"\nversion = \"3.2.0\"\n",
		"pyproject.toml":              "[tool.poetry.dependencies]\npython = \"^3.8\"\ndjango = \"^3.2\"\n",
		".djsec.toml":                 "disable = [\"DJS101\"]\nexclude = [\"legacy/**\"]\n",
		".env":                        "SECRET_KEY=abcdefghijklmnopqrstuvwxyz0123456789\n",
	}))
	f.Add(fuzzTree(map[string]string{
		"Pipfile.lock":       "{\"default\": {\"django\": {\"version\": \"==3.2.0\"}}}",
		"Dockerfile":         "FROM python:3.6\nENV DJANGO_SETTINGS_MODULE=shop.settings\n",
		"docker-compose.yml": "services:\n  web:\n    environment:\n      - DEBUG=1\n",
		"nginx.conf":         "server { listen 80; location / { proxy_pass http://app; } }\n",
		"shop/urls.py":       "from django.urls import path\nfrom . import views\nurlpatterns = [path('x/', views.v)]\n",
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		dir := t.TempDir()
		writeFuzzTree(t, dir, data)
		sf := scanFlags{outputFlags: outputFlags{format: "json"}, jobs: 1}
		r, enabled, _, err := scan(&env{stdout: io.Discard, stderr: io.Discard}, dir, &sf)
		if err != nil {
			// A configuration that does not parse stops the scan with one
			// line, by design; nothing else may.
			if strings.Contains(err.Error(), ".djsec.toml") || strings.Contains(err.Error(), "config") {
				return
			}
			t.Fatalf("scan failed: %v", err)
		}
		for _, p := range r.Problems {
			if strings.Contains(p.Message, "internal error") {
				t.Fatalf("%s: %s", p.Location, p.Message)
			}
		}
		checkFormats(t, r, enabled)
	})
}

// checkFormats renders r in every format; the JSON must read back.
func checkFormats(t *testing.T, r *report.Report, enabled []*analysis.Rule) {
	t.Helper()
	for _, format := range []string{"text", "json", "sarif", "html"} {
		var out bytes.Buffer
		if err := writeReport(&env{stdout: &out}, r, enabled, &outputFlags{format: format}, render.SARIFOptions{}); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if out.Len() == 0 {
			t.Fatalf("%s: empty report", format)
		}
		if format == "json" {
			var back report.Report
			if err := json.Unmarshal(out.Bytes(), &back); err != nil {
				t.Fatalf("json report does not read back: %v", err)
			}
		}
	}
}
