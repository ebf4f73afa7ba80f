package settings

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/djsec/djsec/internal/project"
)

func loadDir(t testing.TB, dir string, env map[string]string) *Settings {
	t.Helper()
	files, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return Load(project.New(abs, files, project.Inputs{Env: env}))
}

// TestShopfront evaluates the example project's split settings and logs
// every value (go test -v shows them).
func TestShopfront(t *testing.T) {
	s := loadDir(t, "../../examples/shopfront", nil)
	prod := s.Production()
	if len(prod) != 1 || prod[0].Name != "shopfront.settings.production" {
		t.Fatalf("production entries: got %v, want shopfront.settings.production", prod)
	}
	e := prod[0]
	checks := map[string]string{
		"DEBUG":               "True", // from local.py, which production.py imports
		"SECRET_KEY":          "env(DJANGO_SECRET_KEY)->'django-insecure-7f#k2m!x9q@w3e$r5t^y&u*i(o)p_a+s=d'",
		"SECURE_HSTS_SECONDS": "3600",
		"MEDIA_ROOT":          "Path('/media')",
	}
	for name, want := range checks {
		if got := describe(e.Value(name)); got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
	}
	if got := e.Value("DEBUG").Origin.String(); got != "shopfront/settings/local.py:2" {
		t.Errorf("DEBUG set at %s, want shopfront/settings/local.py:2", got)
	}
	names := e.Names()
	sort.Strings(names)
	for _, n := range names {
		v := e.Value(n)
		t.Logf("%s = %s  [%s] %s", n, describe(v), v.Origin, v.Why)
	}
}
