package settings

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

func TestDiscover(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                   `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.local")`,
		"shop/__init__.py":            "",
		"shop/wsgi.py":                `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")`,
		"shop/settings/__init__.py":   "",
		"shop/settings/base.py":       "DEBUG = False\nTEMPLATES = [{'DIRS': [BASE_DIR / 'templates']}]\n",
		"shop/settings/production.py": "from .base import *\n",
		"shop/settings/staging.py":    "from .base import *\n",
		"shop/settings/local.py":      "from .base import *\nDEBUG = True\n",
		"shop/settings/ci.py":         "from .base import *\n",
		"shop/settings/live.py":       "from .base import *\n",
		"shop/settings/dev.py":        "from .base import *\n",
		"shop/settings/build.py":      "from .production import *\nSECRET_KEY = 'dummykeyforbuilding'\n",
		"devproject/__init__.py":      "",
		"devproject/settings.py":      "DEBUG = True\n",
		"Dockerfile":                  "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=shop.settings.live\n",
		"shop/celery.py":              "os.environ[\"DJANGO_SETTINGS_MODULE\"] = \"shop.settings.dev\"\n",
		"pytest.ini":                  "[pytest]\nDJANGO_SETTINGS_MODULE = shop.settings.ci\n",
		"blog/__init__.py":            "",
		"blog/settings.py":            "from django.conf import settings\nPAGE_SIZE = getattr(settings, 'BLOG_PAGE_SIZE', 10)\n",
	})
	s := loadDir(t, dir, nil)
	var prod, dev []string
	for _, e := range s.Entries {
		if e.Dev {
			dev = append(dev, e.Name)
		} else {
			prod = append(prod, e.Name)
		}
	}
	if want := []string{"shop.settings.live", "shop.settings.production", "shop.settings.staging"}; !reflect.DeepEqual(prod, want) {
		t.Errorf("production entries: got %v, want %v", prod, want)
	}
	if want := []string{"devproject.settings", "shop.settings.build", "shop.settings.ci", "shop.settings.dev", "shop.settings.local"}; !reflect.DeepEqual(dev, want) {
		t.Errorf("development entries: got %v, want %v", dev, want)
	}
}

// TestOverlayImportedFromGameFolder checks that a settings module another
// one imports by a name no source root holds, but that its own folders
// do (a launcher puts the game folder on sys.path), is no entry point:
// evennia's server/conf/secret_settings.py, which server/conf/settings.py
// imports, defines SECRET_KEY alone.
func TestOverlayImportedFromGameFolder(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"engine/__init__.py":                                  "",
		"engine/settings_default.py":                          "DEBUG = False\nMIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\n",
		"engine/game_template/server/__init__.py":             "",
		"engine/game_template/server/conf/__init__.py":        "",
		"engine/game_template/server/conf/settings.py":        "from engine.settings_default import *\ntry:\n    from server.conf.secret_settings import *\nexcept ImportError:\n    pass\n",
		"engine/game_template/server/conf/secret_settings.py": "SECRET_KEY = 'x'\n",
	})
	s := loadDir(t, dir, nil)
	for _, e := range s.Entries {
		if strings.HasSuffix(e.Name, "secret_settings") {
			t.Errorf("%s is an entry point; settings.py imports it", e.Name)
		}
	}
}

// TestProductionBuiltOnByBuild checks that a production module that only
// a build module imports (collectstatic with a dummy key) stays the
// production entry, and the build module a development one.
func TestProductionBuiltOnByBuild(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py":            "",
		"site/settings/__init__.py":   "",
		"site/settings/base.py":       "DEBUG = False\n",
		"site/settings/production.py": "from .base import *\nSECRET_KEY = os.environ['SECRET_KEY']\n",
		"site/settings/build.py":      "from .production import *\nSECRET_KEY = 'dummykeyforbuilding'\n",
	})
	s := loadDir(t, dir, nil)
	var names []string
	for _, e := range s.Entries {
		names = append(names, fmt.Sprintf("%s dev=%v", e.Name, e.Dev))
	}
	if want := []string{"site.settings.production dev=false", "site.settings.build dev=true"}; !reflect.DeepEqual(names, want) {
		t.Errorf("entries: got %v, want %v", names, want)
	}
}

// TestSettingsOfABuildStep checks that a module only a build step names
// (collectstatic in a Dockerfile's RUN) is not a production entry, and
// that one a server's entry point names too stays one.
func TestSettingsOfABuildStep(t *testing.T) {
	for _, c := range []struct {
		procfile string
		want     []string
	}{
		{"web: gunicorn site.wsgi\n", []string{"site.settings.production dev=false", "site.settings.static dev=true"}},
		{"web: DJANGO_SETTINGS_MODULE=site.settings.static gunicorn site.wsgi\n", []string{"site.settings.production dev=false", "site.settings.static dev=false"}},
	} {
		dir := testenv.Tree(t, map[string]string{
			"Dockerfile": "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=site.settings.production\n" +
				"RUN DJANGO_SETTINGS_MODULE=site.settings.static python manage.py collectstatic --noinput\n",
			"Procfile":                    c.procfile,
			"site/__init__.py":            "",
			"site/settings/__init__.py":   "",
			"site/settings/base.py":       "DEBUG = False\n",
			"site/settings/production.py": "from .base import *\nSECRET_KEY = os.environ['SECRET_KEY']\n",
			"site/settings/static.py":     "from .base import *\nSECRET_KEY = 'collecting'\n",
		})
		s := loadDir(t, dir, nil)
		var names []string
		for _, e := range s.Entries {
			names = append(names, fmt.Sprintf("%s dev=%v", e.Name, e.Dev))
		}
		slices.Sort(names)
		if !reflect.DeepEqual(names, c.want) {
			t.Errorf("with Procfile %q: got %v, want %v", c.procfile, names, c.want)
		}
	}
}

func TestTemplateDirs(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "",
		"site/__init__.py": "",
		"site/settings.py": "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nDEBUG = False\nTEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [BASE_DIR / 'templates', BASE_DIR / 'site' / 'tpl']}]\n",
	})
	s := loadDir(t, dir, nil)
	got := TemplateDirs(s.l.proj)
	if want := []string{"site/tpl", "templates"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDjangoConfigurations(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\nos.environ.setdefault('DJANGO_CONFIGURATION', 'Dev')\n",
		"site/__init__.py": "",
		"site/settings.py": `from configurations import Configuration, values


class Base(Configuration):
    DEBUG = values.BooleanValue(True)
    SECRET_KEY = values.SecretValue()
    ALLOWED_HOSTS = ["*"]
    INSTALLED_APPS = ["django.contrib.auth"]

    def setup(cls):
        pass


class Dev(Base):
    pass


class Prod(Base):
    DEBUG = False
    DATABASES = values.DatabaseURLValue("postgres://u:p@db/x")


class Test(Base):
    pass


class ContinuousIntegration(Test):
    pass


class Checks(Test):
    pass


class ProductionInsecure(Prod):
    """A production-like setup without HTTPS, for trials behind a proxy."""
    SECURE_HSTS_SECONDS = 0


class ProductionReadOnlyInsecure(ProductionInsecure):
    pass
`,
	})
	s := loadDir(t, dir, nil)
	var names []string
	for _, e := range s.Entries {
		names = append(names, fmt.Sprintf("%s dev=%v", e.Name, e.Dev))
	}
	// ContinuousIntegration by its name, Checks because it derives from
	// Test; ProductionReadOnlyInsecure says it is no secure deployment, and
	// Prod, which only it derives from, stays an entry
	if want := []string{"site.settings.Prod dev=false", "site.settings.Checks dev=true", "site.settings.ContinuousIntegration dev=true", "site.settings.Dev dev=true",
		"site.settings.ProductionReadOnlyInsecure dev=true"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("entries: got %v, want %v", names, want)
	}
	prod := s.Production()[0]
	for name, want := range map[string]string{
		"DEBUG":         "False",
		"ALLOWED_HOSTS": "['*']",
		"SECRET_KEY":    "env(DJANGO_SECRET_KEY)-><required>",
	} {
		if got := describe(prod.Value(name)); got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
	}
	if c, ok := Resolve(prod.Value("DATABASES")); !ok || describe(c.V.Get("default").Get("PASSWORD")) != "'p'" || !c.FromEnv() {
		t.Errorf("DATABASES: got %s, want the parsed default URL whenever DATABASE_URL is unset", describe(prod.Value("DATABASES")))
	}
	dev := s.Entries[1]
	if got := describe(dev.Value("DEBUG")); got != "env(DJANGO_DEBUG)->True" {
		t.Errorf("Dev DEBUG: got %s, want env(DJANGO_DEBUG)->True", got)
	}
	if got := prod.Location().Line; got != 18 {
		t.Errorf("Prod is at line %d, want 18", got)
	}
}

// TestSettingsPackage checks a settings package whose __init__.py gathers
// the parts (PostHog's layout): the package is the one entry, and parts
// that nothing imports are helpers, not entries.
func TestSettingsPackage(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                   "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')",
		"app/__init__.py":             "",
		"app/settings/__init__.py":    "from app.settings.web import *\nfrom app.settings.data import *\n",
		"app/settings/web.py":         "DEBUG = False\nINSTALLED_APPS = ['shop']\n",
		"app/settings/data.py":        "DATABASES = {}\n",
		"app/settings/dynamic.py":     "CONSTANCE = {}\n",
		"app/settings/test_celery.py": "from app.settings import *\n",
		"app/settings/production.py":  "from .web import *\nDEBUG = False\n",
	})
	s := loadDir(t, dir, nil)
	var names []string
	for _, e := range s.Entries {
		names = append(names, fmt.Sprintf("%s dev=%v", e.Name, e.Dev))
	}
	if want := []string{"app.settings dev=false", "app.settings.production dev=false", "app.settings.test_celery dev=true"}; !reflect.DeepEqual(names, want) {
		t.Errorf("entries: got %v, want %v", names, want)
	}
}

func TestProjectHelpers(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
		"site/__init__.py": "",
		"site/urls.py":     "urlpatterns = []\n",
		"site/settings.py": "DEBUG = False\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = ['django.contrib.auth', 'shop']\n",
	})
	s := loadDir(t, dir, nil)
	var urls []string
	for _, f := range URLConfs(s.l.proj) {
		urls = append(urls, f.Path)
	}
	if want := []string{"site/urls.py"}; !reflect.DeepEqual(urls, want) {
		t.Errorf("URLConfs: got %v, want %v", urls, want)
	}
	if got, want := InstalledApps(s.l.proj), []string{"django.contrib.auth", "shop"}; !reflect.DeepEqual(got, want) {
		t.Errorf("InstalledApps: got %v, want %v", got, want)
	}
}

// productionNames returns the names of the production entry modules, in
// the order Production gives them.
func productionNames(s *Settings) []string {
	var out []string
	for _, e := range s.Production() {
		out = append(out, e.Name)
	}
	return out
}

// entryNames lists a load's entries as "name dev=bool".
func entryNames(s *Settings) []string {
	var names []string
	for _, e := range s.Entries {
		names = append(names, fmt.Sprintf("%s dev=%v", e.Name, e.Dev))
	}
	return names
}

func hasNote(s *Settings, prefix string) int {
	n := 0
	for _, note := range s.Notes {
		if strings.HasPrefix(note, prefix) {
			n++
		}
	}
	return n
}

// TestAppNamedSettings checks that an app that is merely named settings
// (site preferences kept in the database) is not a settings package.
func TestAppNamedSettings(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
		"site/__init__.py":                     "",
		"site/settings.py":                     "DEBUG = False\nINSTALLED_APPS = ['shop.settings']\n",
		"shop/__init__.py":                     "",
		"shop/settings/__init__.py":            "",
		"shop/settings/apps.py":                "from django.apps import AppConfig\nclass SettingsConfig(AppConfig):\n    name = 'shop.settings'\n",
		"shop/settings/models.py":              "from django.db import models\nclass SiteSettings(models.Model):\n    DEBUG_BANNER = models.BooleanField(default=True)\n",
		"shop/settings/defaults.py":            "DEBUG = True\nSECRET_KEY = 'not-a-settings-module'\n",
		"shop/settings/migrations/__init__.py": "",
	})
	s := loadDir(t, dir, nil)
	if want := []string{"site.settings dev=false"}; !reflect.DeepEqual(entryNames(s), want) {
		t.Errorf("entries: got %v, want %v", entryNames(s), want)
	}
}

// TestDevSettingsRecognised checks that development, test, CI and compose
// settings are told by any part of their dotted name and by their
// docstring, and that the words startproject writes into every settings
// module ("Quick-start development settings - unsuitable for production")
// do not make one a development module.
func TestDevSettingsRecognised(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                                                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
		"site/__init__.py":                                         "",
		"site/settings.py":                                         "\"\"\"Django settings for the site project.\n\nQuick-start development settings - unsuitable for production\nSee https://docs.djangoproject.com/en/1.8/howto/deployment/checklist/\n\"\"\"\nDEBUG = False\n",
		"tests/__init__.py":                                        "",
		"ci/__init__.py":                                           "",
		"ci/settings.py":                                           "from site.settings import *\nDEBUG = True\n",
		"site/settings_docker_compose.py":                          "from site.settings import *\nDEBUG = True\n",
		"site/sandbox_settings.py":                                 "\"\"\"Settings for running the test suite against SQLite.\"\"\"\nfrom site.settings import *\nDEBUG = True\n",
		"site/quick_settings.py":                                   "\"\"\"Quick settings: never use these in production.\"\"\"\nfrom site.settings import *\nDEBUG = True\n",
		"site/dev_settings.py":                                     "from site.settings import *\nDEBUG = True\n",
		"site/settings_devel.py":                                   "from site.settings import *\nDEBUG = True\n",
		"site/developer.py":                                        "from site.settings import *\nDEBUG = True\n",
		"developer/__init__.py":                                    "",
		"developer/settings.py":                                    "DEBUG = False\nINSTALLED_APPS = ['portal']\n",
		"site/settings_loadtest.py":                                "from site.settings import *\nSESSION_COOKIE_SECURE = False\n",
		"site/settings_travis.py":                                  "from site.settings import *\nDEBUG = True\n",
		"site/unittests.py":                                        "from site.settings import *\nDEBUG = True\n",
		"site/settings_testcrawl.py":                               "from site.settings import *\nDEBUG = True\n",
		"site/devstack.py":                                         "from site.settings import *\nDEBUG = True\n",
		"site/collectstatic_settings.py":                           "from site.settings import *\nCACHES = {}\n",
		"site/migration_production_settings.py":                    "from site.settings import *\nDATABASES = {}\n",
		"site/not_production_settings.py":                          "from site.settings import *\nDEBUG = True\n",
		"site/settings_sphinx.py":                                  "\"\"\"Django configuration for the sphinx build.\"\"\"\nDEBUG = False\nINSTALLED_APPS = ['news']\n",
		"site/settings_secret_template.py":                         "SECRET_KEY = 'replace me'\n",
		"site/docker_settings.py":                                  "from site.dev_settings import *\nDATABASES = {}\n",
		"local_news/__init__.py":                                   "",
		"local_news/settings.py":                                   "DEBUG = False\nINSTALLED_APPS = ['news']\n",
		"ci_scripts/__init__.py":                                   "",
		"ci_scripts/base_settings.py":                              "DEBUG = False\nINSTALLED_APPS = ['news']\n",
		"dev_env/__init__.py":                                      "",
		"dev_env/settings.py":                                      "DEBUG = False\nINSTALLED_APPS = ['news']\n",
		"dev_portal/__init__.py":                                   "",
		"dev_portal/settings.py":                                   "DEBUG = False\nINSTALLED_APPS = ['portal']\n",
		"kit/shop_project_template/__init__.py":                    "",
		"kit/shop_project_template/project_name/__init__.py":       "",
		"kit/shop_project_template/project_name/settings.py":       "DEBUG = False\nROOT_URLCONF = '{{ project_name }}.urls'\n",
		"web/__init__.py":                                          "",
		"web/settings.py":                                          "from .base import DockerBaseSettings\n\nclass WebDevSettings(DockerBaseSettings):\n    DONT_HIT_DB = False\n\nWebDevSettings.load_settings(__name__)\n",
		"docs/__init__.py":                                         "",
		"docs/django_settings.py":                                  "SECRET_KEY = 'docs'\nINSTALLED_APPS = ['cms']\n",
		"kit/__init__.py":                                          "",
		"kit/project_template/__init__.py":                         "",
		"kit/project_template/project_name/__init__.py":            "",
		"kit/project_template/project_name/settings/__init__.py":   "",
		"kit/project_template/project_name/settings/production.py": "DEBUG = False\nROOT_URLCONF = '{{ project_name }}.urls'\n",
	})
	s := loadDir(t, dir, nil)
	want := []string{"dev_portal.settings dev=false", "developer.settings dev=false", "local_news.settings dev=false", "site.settings dev=false", "ci.settings dev=true",
		"ci_scripts.base_settings dev=true", "dev_env.settings dev=true", "docs.django_settings dev=true",
		"kit.project_template.project_name.settings.production dev=true", "kit.shop_project_template.project_name.settings dev=true",
		"site.collectstatic_settings dev=true", "site.developer dev=true", "site.devstack dev=true",
		"site.docker_settings dev=true", "site.migration_production_settings dev=true", "site.not_production_settings dev=true",
		"site.quick_settings dev=true", "site.sandbox_settings dev=true", "site.settings_devel dev=true", "site.settings_docker_compose dev=true",
		"site.settings_loadtest dev=true", "site.settings_secret_template dev=true", "site.settings_sphinx dev=true",
		"site.settings_testcrawl dev=true", "site.settings_travis dev=true", "site.unittests dev=true", "web.settings dev=true"}
	if got := entryNames(s); !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestClassSettingsCustomLoader checks that settings kept as class
// attributes and installed by the project's own loader give one note and
// no entry, rather than an empty namespace every rule would judge.
func TestClassSettingsCustomLoader(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
		"site/__init__.py": "",
		"site/loader.py":   "def install(cls, namespace):\n    for k in dir(cls):\n        if k.isupper():\n            namespace[k] = getattr(cls, k)\n",
		"site/settings.py": `from site.loader import install


class Base:
    DEBUG = False
    SECRET_KEY = "x"
    INSTALLED_APPS = ["shop"]


class Production(Base):
    ALLOWED_HOSTS = ["shop.example.com"]


install(Production, vars())
`,
	})
	s := loadDir(t, dir, nil)
	// vars() makes the namespace opaque: the rules see unknown values, not
	// missing ones, and stay silent.
	if p := s.Production(); len(p) != 1 || p[0].Value("SECURE_HSTS_SECONDS").IsKnown() {
		t.Errorf("got production entries %v, want one whose settings are unknown", entryNames(s))
	}
	// Without it, the class note is the only note and there is no entry.
	dir2 := testenv.Tree(t, map[string]string{
		"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
		"site/__init__.py": "",
		"site/settings.py": "from site.conf import load\n\nclass Base:\n    DEBUG = False\n    SECRET_KEY = 'x'\n\nclass Production(Base):\n    ALLOWED_HOSTS = ['a']\n\nload(Production)\n",
		"site/conf.py":     "def load(cls):\n    pass\n",
	})
	s = loadDir(t, dir2, nil)
	if len(s.Production()) != 0 || hasNote(s, "could not evaluate site.settings: its settings are attributes of classes (Base, Production)") != 1 ||
		hasNote(s, "no production settings") != 0 {
		t.Errorf("got entries %v and notes %q; want none and one note naming Base and Production", entryNames(s), s.Notes)
	}
}

// TestNoProductionSettings checks that a Django tree without settings says
// so once.
func TestNoProductionSettings(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":             "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'deploy.settings')",
		"shop/__init__.py":      "",
		"shop/views.py":         "def index(request):\n    pass\n",
		"shop/templates/a.html": "<p>hi</p>\n",
	})
	s := loadDir(t, dir, nil)
	if n := hasNote(s, "no production settings module in the scanned tree"); n != 1 {
		t.Errorf("got notes %q, want one saying there are no production settings", s.Notes)
	}
}

// TestLeftoverSettings checks that a settings module no entry point names,
// whose ROOT_URLCONF names a module the tree does not hold, is left alone
// as an example's while manage.py and wsgi.py name another, and that one
// whose URLconf the tree holds is still audited.
func TestLeftoverSettings(t *testing.T) {
	for _, tc := range []struct {
		urlconf string
		want    []string
	}{
		{"example_project.urls", []string{"files.settings dev=true", "site.settings dev=false"}},
		{"files.urls", []string{"files.settings dev=false", "site.settings dev=false"}},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":         "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
			"site/__init__.py":  "",
			"site/wsgi.py":      "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
			"site/settings.py":  "DEBUG = False\nROOT_URLCONF = 'site.urls'\n",
			"site/urls.py":      "urlpatterns = []\n",
			"files/__init__.py": "",
			"files/settings.py": "DEBUG = True\nSECRET_KEY = 'x'\nROOT_URLCONF = '" + tc.urlconf + "'\n",
			"files/urls.py":     "urlpatterns = []\n",
		})
		s := loadDir(t, dir, nil)
		got := entryNames(s)
		sort.Strings(got)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ROOT_URLCONF %s: entries %v, want %v", tc.urlconf, got, tc.want)
		}
	}
}

// TestEmptySettingsModuleSkipped checks that a settings module that sets
// nothing (a package's bare __init__.py, named by DJANGO_SETTINGS_MODULE
// while the real name is built at run time) is left out with a note, and
// the module that does set the settings is audited.
func TestEmptySettingsModuleSkipped(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"app/__init__.py":            "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.%s' % os.environ.get('MODE', 'production'))\n",
		"app/asgi.py":                "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\n",
		"app/settings/__init__.py":   "# Copyright the app's authors.\n",
		"app/settings/defaults.py":   "DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nINSTALLED_APPS = ['shop']\n",
		"app/settings/production.py": "from .defaults import *\nALLOWED_HOSTS = ['app.example.com']\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"app.settings.production dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
	if hasNote(s, "app.settings (DJANGO_SETTINGS_MODULE in app/asgi.py) sets nothing") != 1 {
		t.Errorf("no note about the empty module in %q", s.Notes)
	}
}

// TestOptionalLocalSettings checks that settings ending with
// try: from settings_local import * / except ImportError: pass are
// evaluated as written when settings_local is not in the tree (with a
// note), while the same import outside a try leaves every setting unknown;
// and that packages of a src layout import each other by their names.
func TestOptionalLocalSettings(t *testing.T) {
	for _, tc := range []struct {
		name, tail string
		known      bool
	}{
		{"in try", "try:\n    from settings_local import *\nexcept ImportError:\n    pass\n", true},
		{"in contextlib.suppress", "import contextlib\nwith contextlib.suppress(ImportError):\n    from settings_local import *\n", true},
		{"bare", "from settings_local import *\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testenv.Tree(t, map[string]string{
				"site/manage.py":          "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n",
				"site/settings.py":        "from shopkit.defaults import *\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n" + tc.tail,
				"src/shopkit/__init__.py": "",
				"src/shopkit/defaults.py": "SHOPKIT_NAME = 'Shop'\n",
			})
			s := loadDir(t, dir, nil)
			if len(s.Entries) != 1 {
				t.Fatalf("entries %v", entryNames(s))
			}
			e := s.Entries[0]
			debug, name := e.Value("DEBUG"), e.Value("SHOPKIT_NAME")
			known := debug != nil && debug.Kind == Bool && name != nil && name.Kind == Str && name.S == "Shop"
			if known != tc.known {
				t.Errorf("DEBUG %v, SHOPKIT_NAME %v: known %v, want %v", debug, name, known, tc.known)
			}
			took := false
			for _, n := range s.Notes {
				took = took || strings.HasPrefix(n, "`from settings_local import *` at site/settings.py:") && strings.Contains(n, "names a module that is not in the scanned tree")
			}
			if got := took; got != tc.known {
				t.Errorf("note about the missing module: %v, want %v (notes %q)", got, tc.known, s.Notes)
			}
		})
	}
}

// TestHelperInSettingsPackage checks that a module of a settings package
// that sets no setting (a storage class kept beside the settings) is not
// taken for a settings module, while one that sets any is.
func TestHelperInSettingsPackage(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production')\n",
		"app/__init__.py":             "",
		"app/settings/__init__.py":    "",
		"app/settings/common.py":      "DEBUG = False\nINSTALLED_APPS = ['shop']\n",
		"app/settings/production.py":  "from .common import *\nALLOWED_HOSTS = ['app.example.com']\n",
		"app/settings/storage.py":     "import boto3\nfrom storages.backends.s3boto3 import S3Boto3Storage\n\n\nclass S3Storage(S3Boto3Storage):\n    pass\n",
		"app/settings/celery_conf.py": "BROKER_POOL_LIMIT = 4\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"app.settings.celery_conf dev=false", "app.settings.production dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestHelperImportingFromProduction checks that a helper module in the
// settings package, which takes a few names from the production module
// for its classes and sets no setting itself, neither hides production
// (as a module that builds on it would) nor is audited in its place.
func TestHelperImportingFromProduction(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\n",
		"app/__init__.py":          "",
		"app/settings/__init__.py": "",
		"app/settings/common.py":   "DEBUG = False\nINSTALLED_APPS = ['shop']\n",
		"app/settings/prod.py":     "from .common import *\nMEDIA_LOCATION = 'media'\n",
		"app/settings/dev.py":      "from .common import *\nDEBUG = True\n",
		"app/settings/storages.py": "from storages.backends.s3boto3 import S3Boto3Storage\n\nfrom .prod import MEDIA_LOCATION\n\n\nclass MediaStorage(S3Boto3Storage):\n    location = MEDIA_LOCATION\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"app.settings.prod dev=false", "app.settings.dev dev=true"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestFallbackToDevelopment checks that a settings package that runs the
// server's own settings.py, which the repository leaves out, and falls
// back to development settings without it is development, while the
// production module beside it stays production.
func TestFallbackToDevelopment(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                     "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\n",
		"app/__init__.py":               "",
		"app/settings/__init__.py":      "try:\n    from .settings import *\nexcept ImportError:\n    from .settings_dev import *\n",
		"app/settings/base.py":          "DEBUG = False\nINSTALLED_APPS = ['shop']\n",
		"app/settings/settings_dev.py":  "from .base import *\nDEBUG = True\nSECRET_KEY = 'dev'\n",
		"app/settings/settings_prod.py": "from .base import *\nSECRET_KEY = 'x'\n",
	})
	s := loadDir(t, dir, nil)
	prod := productionNames(s)
	if want := []string{"app.settings.settings_prod"}; !reflect.DeepEqual(prod, want) {
		t.Errorf("production entries: got %v, want %v", prod, want)
	}
}

// TestDispatcherToDevelopment checks that a module manage.py names which
// only picks, by an environment variable, among development and test
// modules (and raises otherwise) is development settings, while one that
// may pick a production module, or sets settings of its own beside its
// choice, stays production.
func TestDispatcherToDevelopment(t *testing.T) {
	modules := map[string]string{
		// every choice is for development, anything else raises
		"proxy": "import os\n\nAPPENV = os.environ.get('APPENV', 'develop')\nif APPENV == 'develop':\n    from site.develop.settings import *\nelif APPENV == 'test':\n    from site.develop.test import *\nelse:\n    raise ValueError(APPENV)\n",
		// looks alike: production is one of the choices
		"chooser": "import os\n\nAPPENV = os.environ.get('APPENV', 'develop')\nif APPENV == 'develop':\n    from site.develop.settings import *\nelif APPENV == 'test':\n    from site.develop.test import *\nelse:\n    from site.production.settings import *\n",
		// looks alike: settings of its own, development ones laid over them on request
		"overlay": "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nif os.environ.get('LOCAL'):\n    from site.develop.settings import *\nelif os.environ.get('CI'):\n    from site.develop.test import *\n",
	}
	for name, want := range map[string][]string{
		"proxy":   {"site.production.settings"},
		"chooser": {"site.chooser"},
		"overlay": {"site.overlay", "site.production.settings"},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site." + name + "')\n",
			"site/__init__.py":            "",
			"site/" + name + ".py":        modules[name],
			"site/develop/__init__.py":    "",
			"site/develop/settings.py":    "DEBUG = True\nSECRET_KEY = 'dev'\n",
			"site/develop/test.py":        "from site.develop.settings import *\n",
			"site/production/__init__.py": "",
			"site/production/settings.py": "import os\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n",
		})
		s := loadDir(t, dir, nil)
		prod := productionNames(s)
		sort.Strings(prod)
		if !reflect.DeepEqual(prod, want) {
			t.Errorf("%s: production entries: got %v, want %v", name, prod, want)
		}
	}
}

// TestReusableAppTestSettings checks that the settings module a reusable
// app's tox.ini names, in a tree with no manage.py, wsgi.py or asgi.py,
// is its tests' and not audited as production; in a project that has a
// manage.py, a module nothing imports stays production whatever names it.
func TestReusableAppTestSettings(t *testing.T) {
	for _, tc := range []struct {
		files map[string]string
		want  []string
	}{
		{map[string]string{
			"tox.ini":             "[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = settings\n",
			"settings.py":         "SECRET_KEY = 'test'\nDEBUG = True\nINSTALLED_APPS = ['widgets']\n",
			"widgets/__init__.py": "",
		}, nil},
		{map[string]string{
			"tox.ini":             "[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = settings\n",
			"settings.py":         "SECRET_KEY = 'test'\nDEBUG = True\nINSTALLED_APPS = ['widgets']\n",
			"widgets/__init__.py": "",
			"site/__init__.py":    "",
			"site/settings.py":    "DEBUG = False\nINSTALLED_APPS = ['widgets']\n",
			"manage.py":           "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
		}, []string{"settings", "site.settings"}},
	} {
		s := loadDir(t, testenv.Tree(t, tc.files), nil)
		prod := productionNames(s)
		if !reflect.DeepEqual(prod, tc.want) {
			t.Errorf("production entries: got %v, want %v", prod, tc.want)
		}
	}
}

// TestReadmeOfTheFolder checks that a folder's README that says what the
// folder holds is not for production makes its settings development
// settings, while the same words on a command in a fenced code block
// ("# Reset migrations (development only)") say nothing of the folder.
func TestReadmeOfTheFolder(t *testing.T) {
	for _, tc := range []struct {
		readme string
		want   []string
	}{
		{"# Demo\n\nThis project is for local development only.\n", nil},
		{"# TLS material\n\nThe files in this directory are provided as examples. DO NOT USE THEM IN PRODUCTION!!!\n", nil},
		{"# Backend\n\nUse them in production behind a proxy.\n", []string{"crm.settings"}},
		{"# Backend\n\nRun it:\n\n```bash\n# Reset migrations (development only)\npython manage.py migrate --fake app zero\n```\n", []string{"crm.settings"}},
	} {
		dir := testenv.Tree(t, map[string]string{
			"backend/README.md":       tc.readme,
			"backend/manage.py":       "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'crm.settings')\n",
			"backend/crm/__init__.py": "",
			"backend/crm/settings.py": "import os\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n",
		})
		s := loadDir(t, dir, nil)
		prod := productionNames(s)
		if !reflect.DeepEqual(prod, tc.want) {
			t.Errorf("README %q: production entries: got %v, want %v", tc.readme, prod, tc.want)
		}
	}
}

// TestBaseNamedByDefault checks a layout where manage.py and wsgi.py name
// a base module outside any settings folder, which gathers fragments from
// config/settings/ and which a production module beside it builds on:
// the fragments are read through the base, not audited alone; production
// is found beside the base and audited; the base is the development
// default. A deployment that names a production-named module keeps it
// production even when another module builds on it.
func TestBaseNamedByDefault(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.django.base')\n",
		"config/__init__.py":               "",
		"config/wsgi.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.django.base')\n",
		"config/django/__init__.py":        "",
		"config/django/base.py":            "DEBUG = True\nSECRET_KEY = 'dev'\nfrom config.settings.cors import *\nfrom config.settings.sessions import *\n",
		"config/django/production.py":      "import os\nfrom .base import *\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n",
		"config/django/test.py":            "from .base import *\n",
		"config/settings/cors.py":          "CORS_ALLOW_ALL_ORIGINS = True\n",
		"config/settings/sessions.py":      "SESSION_COOKIE_AGE = 3600\n",
		"replica/wsgi.py":                  "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.django.prod_eu')\n",
		"config/django/prod_eu.py":         "from .production import *\n",
		"config/django/prod_eu_replica.py": "from .prod_eu import *\n",
	})
	s := loadDir(t, dir, nil)
	want := []string{"config.django.prod_eu dev=false", "config.django.prod_eu_replica dev=false", "config.django.base dev=true", "config.django.test dev=true"}
	if got := entryNames(s); !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestConfigurationBases checks what a configuration class reads from its
// bases: the first base wins over the next, a chain of classes is followed
// through its bases without copying them, and a chain longer than djsec
// follows leaves the class unknown, saying why.
func TestConfigurationBases(t *testing.T) {
	chain := func(depth int) string {
		var b strings.Builder
		b.WriteString("from configurations import Configuration\n\nclass C0(Configuration):\n    DEBUG = False\n    ALLOWED_HOSTS = ['a']\n")
		for i := range depth {
			fmt.Fprintf(&b, "\nclass C%d(C%d):\n    X%d = %d\n", i+1, i, i, i)
		}
		b.WriteString("\nclass Loud(Configuration):\n    DEBUG = True\n\nclass Prod(Loud, C0):\n    pass\n")
		return b.String()
	}
	for _, c := range []struct {
		depth   int
		chosen  string
		want    map[string]string
		unknown string
	}{
		{depth: 20, chosen: "C20", want: map[string]string{"DEBUG": "False", "ALLOWED_HOSTS": "['a']", "X19": "19", "X0": "0"}},
		{depth: 20, chosen: "Prod", want: map[string]string{"DEBUG": "True", "ALLOWED_HOSTS": "['a']"}},
		{depth: 40, chosen: "C40", unknown: "more than 32 configuration classes"},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\nos.environ.setdefault('DJANGO_CONFIGURATION', '" + c.chosen + "')\n",
			"site/__init__.py": "",
			"site/settings.py": chain(c.depth),
		})
		s := loadDir(t, dir, nil)
		var e *Entry
		for _, x := range s.Entries {
			if x.Name == "site.settings."+c.chosen {
				e = x
			}
		}
		if e == nil {
			t.Fatalf("depth %d: no entry for %s", c.depth, c.chosen)
		}
		for name, want := range c.want {
			if got := describe(e.Value(name)); got != want {
				t.Errorf("depth %d, %s.%s: got %s, want %s", c.depth, c.chosen, name, got, want)
			}
		}
		if c.unknown != "" {
			if v := e.Value("DEBUG"); v.Kind != Unknown || !strings.Contains(v.Why, c.unknown) {
				t.Errorf("depth %d, %s.DEBUG: got %s (%s), want unknown: %s", c.depth, c.chosen, describe(v), v.Why, c.unknown)
			}
		}
	}
}

// TestOverlayReadByTests checks that a settings module that cannot serve a
// site alone (no ROOT_URLCONF, INSTALLED_APPS or MIDDLEWARE) and that
// another module star-imports over its base is an overlay, not a settings
// module of its own; one that nothing imports still is.
func TestOverlayReadByTests(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py":        "",
		"site/settings.py":        "DEBUG = False\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = []\nMIDDLEWARE = []\n",
		"site/settings_docker.py": "import os\nDEBUG = os.environ['DJANGO_DEBUG'] == '1'\nALLOWED_HOSTS = os.environ['HOSTS'].split()\n",
		"site/settings_extra.py":  "DEBUG = True\nALLOWED_HOSTS = ['*']\n",
		"tests/__init__.py":       "",
		"tests/test_settings.py":  "import os\nfrom site.settings import *\nif os.environ.get('DOCKER'):\n    from site.settings_docker import *\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"site.settings dev=false", "site.settings_extra dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestCommentedOutSettingsModule checks that a settings module named in a
// comment of wsgi.py, manage.py or an ini file is not read as one the
// file uses.
func TestCommentedOutSettingsModule(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"# os.environ[\"DJANGO_SETTINGS_MODULE\"] = \"old.settings\"\n", true},
		{"import os\n    #DJANGO_SETTINGS_MODULE=old.settings\n", true},
		{"[pytest]\n; DJANGO_SETTINGS_MODULE = old.settings\n", true},
		{"os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")  # the default\n", false},
		{"ENV DJANGO_SETTINGS_MODULE=site.settings\n", false},
	} {
		i := strings.Index(tt.src, "DJANGO_SETTINGS_MODULE")
		if got := commentedOut([]byte(tt.src), i); got != tt.want {
			t.Errorf("%q: commentedOut %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestToolSettingsLeftAlone checks that the minimal settings a command
// or tool configures Django with (no ROOT_URLCONF, no MIDDLEWARE, an
// empty INSTALLED_APPS), which nothing names, are not audited as a
// site's, while the site's own are.
func TestToolSettingsLeftAlone(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py":                  "",
		"site/settings.py":                  "DEBUG = False\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = ['shop']\n",
		"site/extract/__init__.py":          "",
		"site/extract/messages/__init__.py": "",
		"site/extract/messages/settings.py": "import os\nSECRET_KEY = 'x'\nUSE_I18N = True\nINSTALLED_APPS: list[str] = []\nLOCALE_PATHS = [os.environ['LOCALE_PATH']]\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"site.settings dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
	if hasNote(s, "left alone site.extract.messages.settings: it sets no ROOT_URLCONF") != 1 {
		t.Errorf("no note about the tool's settings in %q", s.Notes)
	}
}

// TestHelperPackageInitNotAudited checks that a settings package's
// __init__.py that holds only paths and helpers, named by wsgi.py while
// the real module is chosen by the environment, is not audited: Django
// cannot start with it.
func TestHelperPackageInitNotAudited(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py":          "",
		"site/wsgi.py":              "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
		"site/settings/__init__.py": "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n\ndef env_bool(name):\n    return False\n",
		"site/settings/base.py":     "from . import *\nSECRET_KEY = 'x'\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = ['shop']\n",
		"site/settings/prod.py":     "from .base import *\nDEBUG = False\n",
	})
	s := loadDir(t, dir, nil)
	for _, e := range s.Entries {
		if e.Name == "site.settings" {
			t.Errorf("site.settings, a package of helpers, is audited (entries %v)", entryNames(s))
		}
	}
	if hasNote(s, "site.settings (DJANGO_SETTINGS_MODULE in site/wsgi.py) sets none of") != 1 {
		t.Errorf("no note about the helper package in %q", s.Notes)
	}
}

// TestDataModuleNamedBySettingLeftAlone checks that a module of the
// settings package that a setting names as data (SYNONYMS_MODULE =
// "site.settings.synonyms") is not audited as settings.
func TestDataModuleNamedBySettingLeftAlone(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py":            "",
		"site/settings/__init__.py":   "",
		"site/settings/base.py":       "SECRET_KEY = 'x'\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = ['shop']\nSYNONYMS_MODULE = 'site.settings.synonyms'\n",
		"site/settings/production.py": "from .base import *\nDEBUG = False\n",
		"site/settings/synonyms.py":   "SYNONYMS = (\n    'MIT, MITx',\n)\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"site.settings.production dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
	if hasNote(s, "left alone site.settings.synonyms: SYNONYMS_MODULE") != 1 {
		t.Errorf("no note about the data module in %q", s.Notes)
	}
}

// TestDevOnlyByName checks that a development module no entry names (a
// devstack.py that only another development module imports) counts as
// development.
func TestDevOnlyByName(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py":               "",
		"site/settings/__init__.py":      "",
		"site/settings/base.py":          "SECRET_KEY = 'x'\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = ['shop']\n",
		"site/settings/production.py":    "from .base import *\n",
		"site/settings/devstack.py":      "from .production import *\nDEBUG = True\nJWT_KEY = 'lms-secret'\n",
		"site/settings/devstack_test.py": "from .devstack import *\n",
		"site/wsgi.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.production')\n",
	})
	s := loadDir(t, dir, nil)
	if !s.DevOnly("site/settings/devstack.py") {
		t.Errorf("devstack.py, imported only by devstack_test.py, is not development only (entries %v)", entryNames(s))
	}
}

// TestConfigInstalledUnderEtc checks that a partial settings file a
// Dockerfile installs under /etc, where the settings of an application
// installed as a package read it, is left alone with a note, and that
// the same file copied into the application's own tree stays an entry.
func TestConfigInstalledUnderEtc(t *testing.T) {
	overlay := "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\nCONTENT_ORIGIN = 'https://hub.example'\n"
	for dest, want := range map[string][]string{
		"/etc/hub/settings.py":     nil,
		"/app/hub/local_config.py": {"docker.etc.settings dev=false"},
	} {
		dir := testenv.Tree(t, map[string]string{
			"docker/__init__.py":     "",
			"docker/etc/__init__.py": "",
			"docker/etc/settings.py": overlay,
			"Dockerfile":             "FROM python:3.12-slim\nRUN install -Dm 0644 /app/docker/etc/settings.py " + dest + " && \\\n    true\n",
		})
		s := loadDir(t, dir, nil)
		if got := entryNames(s); !reflect.DeepEqual(got, want) {
			t.Errorf("installed as %s: entries %v, want %v", dest, got, want)
		}
		if want == nil && !slices.ContainsFunc(s.Notes, func(n string) bool { return strings.Contains(n, "installs it as "+dest) }) {
			t.Errorf("installed as %s: no note saying so in %q", dest, s.Notes)
		}
	}
}

// TestComposedSettingsPackage checks that a settings package assembled
// from many pieces, one of them named for tests (from .project.testing
// import *), stays the production module the entry points name.
func TestComposedSettingsPackage(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                           "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cl.settings')",
		"cl/__init__.py":                      "",
		"cl/settings/__init__.py":             "from .django import *\nfrom .misc import *\nfrom .project.testing import *\nfrom .third_party.aws import *\n",
		"cl/settings/django.py":               "DEBUG = False\nINSTALLED_APPS = ['cl']\nROOT_URLCONF = 'cl.urls'\n",
		"cl/settings/misc.py":                 "SITE_NAME = 'cl'\n",
		"cl/settings/project/__init__.py":     "",
		"cl/settings/project/testing.py":      "TEST_RUNNER = 'cl.tests.runner.TestRunner'\n",
		"cl/settings/third_party/__init__.py": "",
		"cl/settings/third_party/aws.py":      "AWS_STORAGE_BUCKET_NAME = 'cl'\n",
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"cl.settings dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestEmptyConfigurationSubclasses checks that configuration classes that
// only rename a production class for another host (Staging(Production):
// a docstring) make that class the one entry, audited once, and that a
// subclass that sets something stays an entry of its own.
func TestEmptyConfigurationSubclasses(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"site/__init__.py": "",
		"site/settings.py": `from configurations import Configuration


class Base(Configuration):
    SECRET_KEY = "x"
    INSTALLED_APPS = ["django.contrib.auth"]


class Production(Base):
    DEBUG = False


class Feature(Production):
    """Feature branches."""


class Staging(Production):
    """Staging."""

    pass


class Edge(Production):
    ALLOWED_HOSTS = ["edge.example.com"]
`,
	})
	s := loadDir(t, dir, nil)
	if got, want := entryNames(s), []string{"site.settings.Edge dev=false", "site.settings.Production dev=false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
}

// TestFragmentBesideCompleteSettings checks that a module of DATABASES
// alone that nothing imports, beside a production module that sets
// ROOT_URLCONF and INSTALLED_APPS, is a fragment, and that without such a
// module it is not.
func TestFragmentBesideCompleteSettings(t *testing.T) {
	fragment := "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'x'}}\n"
	for _, complete := range []bool{true, false} {
		files := map[string]string{
			"site/__init__.py":    "",
			"site/db_settings.py": fragment,
		}
		if complete {
			files["site/settings.py"] = "DEBUG = False\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = []\n"
		}
		s := loadDir(t, testenv.Tree(t, files), nil)
		for _, e := range s.Entries {
			if e.Name == "site.db_settings" && e.Fragment() != complete {
				t.Errorf("beside a complete module %v: Fragment() = %v", complete, e.Fragment())
			}
		}
	}
}

// TestConfigFileLoadedOverSettings checks that a star import of a module
// whose namespace takes a configuration file's keys (vars().update(yaml))
// leaves the values set before it unknown, but for the settings that name
// the site's code, and that what is set after it stays known.
func TestConfigFileLoadedOverSettings(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                 "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.production')",
		"site/__init__.py":          "",
		"site/settings/__init__.py": "",
		"site/settings/base.py":     "SECRET_KEY = 'YOUR_SECRET_KEY_HERE'\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware']\nROOT_URLCONF = 'site.urls'\n",
		"site/settings/yaml_config.py": "import yaml\nwith open('/etc/site.yml') as f:\n    config_from_yaml = yaml.safe_load(f)\n" +
			"vars().update(config_from_yaml)\n",
		"site/settings/production.py": "from site.settings.base import *\nfrom site.settings.yaml_config import *\nALLOWED_HOSTS = ['*']\n",
	})
	s := loadDir(t, dir, nil)
	prod := s.Production()
	if len(prod) != 1 {
		t.Fatalf("production entries: %v", entryNames(s))
	}
	e := prod[0]
	for name, want := range map[string]string{
		"SECRET_KEY":    "<unknown>",
		"MIDDLEWARE":    "['django.middleware.common.CommonMiddleware']",
		"ALLOWED_HOSTS": "['*']",
	} {
		if got := describe(e.Value(name)); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
}

// TestDockerfileSettingsFromArg checks that a Dockerfile's
// DJANGO_SETTINGS_MODULE built from an ARG's default
// (site.settings.${CONFIGURATION}) names that module.
func TestDockerfileSettingsFromArg(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"Dockerfile":                  "FROM python:3.12-slim\nARG CONFIGURATION=\"production\"\nENV DJANGO_SETTINGS_MODULE=\"site.settings.${CONFIGURATION}\"\n",
		"site/__init__.py":            "",
		"site/settings/__init__.py":   "",
		"site/settings/base.py":       "DEBUG = False\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = []\n",
		"site/settings/production.py": "from .base import *\nALLOWED_HOSTS = ['shop.example.com']\n",
		"site/settings/staging.py":    "from .base import *\nALLOWED_HOSTS = ['staging.example.com']\n",
	})
	s := loadDir(t, dir, nil)
	for _, e := range s.Entries {
		if e.Name == "site.settings.production" {
			if !strings.Contains(e.Reason, "DJANGO_SETTINGS_MODULE in Dockerfile") {
				t.Errorf("production found by %q, want the Dockerfile", e.Reason)
			}
			return
		}
	}
	t.Errorf("entries %v: no site.settings.production", entryNames(s))
}

// TestManageDefaultForDevelopers checks that the module only manage.py (and
// a Dockerfile named for development) names is for development when a
// server's entry point names another, and stays production when none does.
func TestManageDefaultForDevelopers(t *testing.T) {
	files := map[string]string{
		"manage.py":                  "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
		"Dockerfile-dev":             "ENV DJANGO_SETTINGS_MODULE=site.settings\n",
		"site/__init__.py":           "",
		"site/settings/__init__.py":  "from site.settings.base import *\nDEBUG = True\n",
		"site/settings/base.py":      "SECRET_KEY = 'x'\nINSTALLED_APPS = ['shop']\n",
		"site/settings/container.py": "from .base import *\nALLOWED_HOSTS = ['.example.org']\n",
		"site/wsgi.py":               "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.container')",
	}
	s := loadDir(t, testenv.Tree(t, files), nil)
	want := []string{"site.settings.container dev=false", "site.settings dev=true"}
	if got := entryNames(s); !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %v, want %v", got, want)
	}
	delete(files, "site/wsgi.py")
	s = loadDir(t, testenv.Tree(t, files), nil)
	if got := entryNames(s); len(got) == 0 || got[0] != "site.settings dev=false" {
		t.Errorf("without a server's entry point: got %v, want site.settings for production", got)
	}
}

// TestConfigurationMethodSettings checks that a django-configurations
// setting written as a method (def MIDDLEWARE(self): ...), which the
// library calls, replaces what a base sets; other methods set nothing.
func TestConfigurationMethodSettings(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\nos.environ.setdefault('DJANGO_CONFIGURATION', 'Prod')\n",
		"site/__init__.py": "",
		"site/settings.py": "from configurations import Configuration\n\n" +
			"class Core(Configuration):\n    MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n    DEBUG = False\n\n" +
			"class Prod(Core):\n    EXTRA = ['django.contrib.sessions.middleware.SessionMiddleware']\n\n" +
			"    def MIDDLEWARE(self):\n        return Core.MIDDLEWARE + self.EXTRA\n\n" +
			"    def setup(self):\n        pass\n",
	})
	s := loadDir(t, dir, nil)
	for _, e := range s.Entries {
		if e.Name != "site.settings.Prod" {
			continue
		}
		if v := e.Value("MIDDLEWARE"); v.Kind != Unknown || !strings.Contains(v.Why, "computed by the method Prod.MIDDLEWARE") {
			t.Errorf("MIDDLEWARE: got %s (%s), want unknown: computed by the method", describe(v), v.Why)
		}
		if got := describe(e.Value("DEBUG")); got != "False" {
			t.Errorf("DEBUG: got %s, want False", got)
		}
		if v := e.Value("setup"); v != nil {
			t.Errorf("setup: got %s, want absent", describe(v))
		}
		return
	}
	t.Fatal("no entry for site.settings.Prod")
}

// TestEntryPointsInSettingsPackage checks that the server's entry points
// kept in the settings package (settings/wsgi.py, settings/asgi.py, which
// name settings.settings and may set a constant of their own) are not
// audited as settings modules.
func TestEntryPointsInSettingsPackage(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"backend/manage.py":            `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.settings")`,
		"backend/settings/__init__.py": "",
		"backend/settings/settings.py": "DEBUG = False\nROOT_URLCONF = 'settings.urls'\nINSTALLED_APPS = []\nMIDDLEWARE = []\n",
		"backend/settings/urls.py":     "urlpatterns = []\n",
		"backend/settings/asgi.py":     "import os\nCONFIG_FILE = os.environ.get('CONFIG_FILE', '/etc/site.yaml')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings.settings')\n",
		"backend/settings/wsgi.py":     "import os\nCONFIG_FILE = os.environ.get('CONFIG_FILE', '/etc/site.yaml')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings.settings')\n",
	})
	s := loadDir(t, dir, nil)
	var names []string
	for _, e := range s.Entries {
		names = append(names, e.Name)
	}
	if want := []string{"settings.settings"}; !reflect.DeepEqual(names, want) {
		t.Errorf("entries: got %v, want %v", names, want)
	}
}

// TestAppsFolderOnSysPath checks that a settings module that puts its apps
// folder on sys.path (sys.path.insert(0, root("apps"))) reads a module of
// an app there by the app's own name, and that without the insert the
// import is one djsec cannot follow.
func TestAppsFolderOnSysPath(t *testing.T) {
	for _, insert := range []bool{true, false} {
		base := "import sys\nfrom os.path import abspath, dirname, join\n\n\ndef root(*path):\n    return abspath(join(dirname(__file__), \"..\", *path))\n\n\n"
		if insert {
			base += "sys.path.insert(0, root(\"apps\"))\n"
		}
		base += "SECRET_KEY = \"k\"\nROOT_URLCONF = \"site.urls\"\nMIDDLEWARE = [\"django.middleware.csrf.CsrfViewMiddleware\"]\nfrom extras.settings import *\n"
		dir := testenv.Tree(t, map[string]string{
			"manage.py":                    `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.base")`,
			"site/__init__.py":             "",
			"site/settings/__init__.py":    "",
			"site/settings/base.py":        base,
			"site/apps/extras/__init__.py": "",
			"site/apps/extras/settings.py": "EXTRA_FIELDS = [\"email\"]\n",
		})
		s := loadDir(t, dir, nil)
		prod := s.Production()
		if len(prod) != 1 {
			t.Fatalf("insert %v: production entries %d, want 1", insert, len(prod))
		}
		mw := prod[0].Value("MIDDLEWARE")
		if known := mw != nil && mw.Kind != Unknown; known != insert {
			t.Errorf("insert %v: MIDDLEWARE known %v (%s)", insert, known, describe(mw))
		}
	}
}

// TestEnvFileNamesSettings checks that an environment file a deployment
// starts Django with (or its template) names a production module that
// another one star-imports, which is then audited too; a development env
// file names a development module.
func TestEnvFileNamesSettings(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                     "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n",
		"settings/__init__.py":          "",
		"settings/common.py":            "DEBUG = False\nROOT_URLCONF = 'urls'\nINSTALLED_APPS = []\n",
		"settings/prod.py":              "from .common import *\nALLOWED_HOSTS = ['example.org']\n",
		"settings/staging.py":           "from .prod import *\nALLOWED_HOSTS = ['staging.example.org']\n",
		"settings/dev.py":               "from .common import *\nDEBUG = True\n",
		"deploy/production.env.example": "DJANGO_SETTINGS_MODULE=settings.prod\nSECRET_KEY=\n",
		"deploy/dev/docker.env":         "DJANGO_SETTINGS_MODULE=settings.dev\n",
	})
	s := loadDir(t, dir, nil)
	found := map[string]*Entry{}
	for _, e := range s.Entries {
		found[e.Name] = e
	}
	prod := found["settings.prod"]
	if prod == nil || prod.Dev || !strings.Contains(prod.Reason, "production.env.example") {
		t.Errorf("settings.prod: %+v, want a production entry named by the env file; entries %v", prod, entryNames(s))
	}
	if dev := found["settings.dev"]; dev != nil && !dev.Dev {
		t.Errorf("settings.dev is a production entry (%s)", dev.Reason)
	}
}

// TestDeclaredPackageRoot checks that a folder the packaging declares as
// the packages' root (where = ["python"] in pyproject.toml) is one: the
// settings there import the project's modules by their own names, and
// ModuleFile finds a context processor's module, while without the
// declaration neither is found.
func TestDeclaredPackageRoot(t *testing.T) {
	for _, declared := range []bool{true, false} {
		files := map[string]string{
			"python/nav/django/manage.py":             "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'nav.django.settings')\n",
			"python/nav/__init__.py":                  "",
			"python/nav/django/__init__.py":           "",
			"python/nav/django/defaults.py":           "SITE_NAME = 'NAV'\n",
			"python/nav/django/settings.py":           "from nav.django.defaults import *\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n",
			"python/nav/django/context_processors.py": "def footer(request):\n    return {}\n",
			"pyproject.toml":                          "[project]\nname = \"nav\"\n",
		}
		if declared {
			files["pyproject.toml"] += "\n[tool.setuptools.packages.find]\nwhere = [\"python\"]\n"
		}
		s := loadDir(t, testenv.Tree(t, files), nil)
		if len(s.Entries) != 1 {
			t.Fatalf("declared %v: entries %v", declared, entryNames(s))
		}
		name := s.Entries[0].Value("SITE_NAME")
		if got := name != nil && name.Kind == Str && name.S == "NAV"; got != declared {
			t.Errorf("declared %v: SITE_NAME %v", declared, name)
		}
		if got := s.ModuleFile("nav.django.context_processors") != nil; got != declared {
			t.Errorf("declared %v: ModuleFile found %v", declared, got)
		}
	}
}

// TestBuildsOnDev checks that a settings module is told to build on
// development settings by its first star import, also from a package's
// __init__, and that a star import of local settings after the base is an
// override that says nothing.
func TestBuildsOnDev(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":                   "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.base')",
		"site/__init__.py":            "",
		"site/settings/__init__.py":   "",
		"site/settings/base.py":       "DEBUG = False\nINSTALLED_APPS = ['shop']\n",
		"site/settings/dev.py":        "from .base import *\nDEBUG = True\n",
		"site/settings/docker.py":     "from .dev import *\nDATABASES = {}\n",
		"site/settings/server.py":     "from .base import *\nfrom .local import *\n",
		"site/settings/local.py":      "ALLOWED_HOSTS = ['shop.example.com']\n",
		"stack/__init__.py":           "from site.settings.dev import *\nDATABASES = {}\n",
		"stack/settings_elsewhere.py": "from site.settings.base import *\n",
	})
	s := loadDir(t, dir, nil)
	for name, want := range map[string]bool{
		"site.settings.docker": true, "stack": true,
		"site.settings.server": false, "site.settings.base": false, "stack.settings_elsewhere": false, "site.settings.missing": false,
	} {
		if got := s.BuildsOnDev(name); got != want {
			t.Errorf("BuildsOnDev(%q) = %v, want %v", name, got, want)
		}
	}
}
