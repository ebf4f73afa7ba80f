package secrets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/report"
)

// startprojectKey is a made-up key in the form startproject writes.
const startprojectKey = `SECRET_KEY = "django-insecure-7k#q2!vz@m0x$w5p^r8t&y3u*i6o(l9s-d4f=g1h+j2k)e"` + "\n"

// TestKeyReplacedInProductionIsLow checks that a key in a base settings
// module is low when the production module that imports it sets its own,
// and keeps its severity when production inherits it or djsec cannot tell.
func TestKeyReplacedInProductionIsLow(t *testing.T) {
	for _, tc := range []struct {
		name, production string
		want             report.Severity
		note             bool
	}{
		{"replaced", "from .base import *\nimport os\nSECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\n", report.Low, true},
		{"replaced on both branches", "from .base import *\nimport os, random, string\nif \"DJANGO_SECRET_KEY\" in os.environ:\n    SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\nelse:\n    SECRET_KEY = \"\".join([random.SystemRandom().choice(string.printable) for i in range(50)])\n", report.Low, true},
		{"inherited", "from .base import *\nDEBUG = False\n", report.High, false},
		{"fallback", "from .base import *\nimport os\nSECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", SECRET_KEY)\n", report.High, false},
		{"generated", "from .base import *\nfrom django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n", report.Low, true},
		{"unknown", "from .base import *\nfrom .vault import read\nSECRET_KEY = read(\"django\")\n", report.High, false},
		{"read from a file", "from .base import *\nimport os\nwith open(os.path.join(\"data\", \"secretkey.txt\")) as f:\n    SECRET_KEY = f.read().strip()\n", report.Low, true},
		{"read through another with", "from .base import *\nfrom .vault import session\nwith session() as s:\n    SECRET_KEY = s.get(\"django\")\n", report.High, false},
		{"computed from it", "from .base import *\nSECRET_KEY = SECRET_KEY.strip()\n", report.High, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(rel, text string) {
				p := filepath.Join(dir, rel)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings.production\")\n")
			write("shop/__init__.py", "")
			write("shop/settings/__init__.py", "")
			write("shop/settings/base.py", "DEBUG = True\n"+startprojectKey)
			write("shop/settings/production.py", tc.production)
			res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{DjangoSecretKeyLiteral}, Now: analysistest.Now})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.Location.Path != "shop/settings/base.py" {
					continue
				}
				got = append(got, f.Message)
				if f.Severity != tc.want {
					t.Errorf("severity %v, want %v: %s", f.Severity, tc.want, f.Message)
				}
				if has := strings.Contains(f.Message, "shop.settings.production) set SECRET_KEY otherwise"); has != tc.note {
					t.Errorf("note in %q: %v, want %v", f.Message, has, tc.note)
				}
			}
			if len(got) != 1 {
				t.Errorf("findings in base.py: %q, want one", got)
			}
		})
	}
}
