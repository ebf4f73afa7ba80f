package secrets

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/report"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			analysistest.Run(t, "testdata/"+r.ID, r)
		})
	}
}

// TestNoSecretInReport scans all testdata with every rule and checks that
// no finding carries a secret: no run of 12 or more key-like characters
// mixing letters and digits from the reported line appears in the
// finding's message, properties or fingerprint.
func TestNoSecretInReport(t *testing.T) {
	res, err := analysis.Scan(analysis.Options{Root: "testdata", Rules: Rules()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) < 100 {
		t.Fatalf("got %d findings on all testdata, want at least 100", len(res.Findings))
	}
	token := regexp.MustCompile(`[A-Za-z0-9+/_=-]{12,}`)
	letter, digit := regexp.MustCompile(`[A-Za-z]`), regexp.MustCompile(`[0-9]`)
	for _, f := range res.Findings {
		out, _ := json.Marshal(f)
		data, err := os.ReadFile(filepath.Join("testdata", f.Location.Path))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		if f.Location.Line > len(lines) {
			t.Fatalf("%s: line out of range", f.Location)
		}
		for _, tok := range token.FindAllString(lines[f.Location.Line-1], -1) {
			if strings.Contains(f.Message, "assigned to "+tok) {
				continue // the name of the variable, not its value
			}
			if letter.MatchString(tok) && digit.MatchString(tok) && strings.Contains(string(out), tok) {
				t.Errorf("%s: the report shows %q from the line", f.Location, tok)
			}
		}
	}
}

// TestOneFindingPerSecret checks that a secret is reported once, by the
// most specific rule: no two findings share a position.
func TestOneFindingPerSecret(t *testing.T) {
	res, err := analysis.Scan(analysis.Options{Root: "testdata", Rules: Rules()})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, f := range res.Findings {
		k := f.Location.String()
		if prev, ok := seen[k]; ok {
			t.Errorf("%s: reported by %s and %s", k, prev, f.Rule)
		}
		seen[k] = f.Rule
	}
}

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AKIAZ7QK3MXW5RT2LB4N", "AKIA…"}, // djsec: ignore[DJK101] a made-up key to redact
		{"abcd", "…"},
		{"", "…"},
		{"éèêëàâ", "éèêë…"},
	} {
		if got := redact(tc.in); got != tc.want {
			t.Errorf("redact(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	for _, tc := range []struct {
		in     string
		strict bool
		want   bool
	}{
		{"changeme", false, true},
		{"<your-api-key>", false, true},
		{"${DB_PASSWORD}", false, true},
		{"{{ vault_password }}", false, true},
		{"xxxxxxxxxxxxxxxx", false, true},
		{"AKIAXXXXXXXXXXXXXXXX", false, true},
		{"sk_live_xxx", false, true},
		{"sk_live_9fQ2xxx", false, false},
		{"sk_test_12345", false, true},            // a few digits: too short for a key
		{"rzp_live_Kq93nT0aZp12Lm", false, false}, // a key of its full length
		{"0000000000000000", false, true},
		{"1234567890abcdef", false, true},
		{"__SECRET__", false, true},
		{"your_token_here", false, true},
		{"ThisIsNotAPrivateSigningKey", false, true},          // says what it is not
		{"deadbeef-dead-beef-dead-beefdeadbeef", false, true}, // the hex word programmers write for a made-up value
		{"$API_TOKEN", true, true},
		{"%(password)s", true, true},
		{"my-test-password", true, true},
		{"Zq8vR3nT6wLxK2mP", false, false},
		{"Zq8vR3nT6wLxK2mP", true, false},
		{"sk_test_4eC39HqLyjWDarjt", false, false},     // djsec: ignore[DJK103] a made-up key, not a placeholder
		{"shjbalkfbdskjlbdskljbdskaljfb", false, true}, // fingers on the home row
		{"qwertyuiopqwrtyuopiqewr", false, true},       // on the top row
		{"asdfghjkl", false, true},
		{"hdkslajfqz", false, false},                 // too short to tell
		{"hfkqwbnzlxpvtgrmcjdsaeiuoy", false, false}, // letters from every row
		{"Hjkl3Asdf9Ghjk2Lsdf", false, false},        // digits: a generated key may hold these letters
	} {
		if got := isPlaceholder(tc.in, tc.strict); got != tc.want {
			t.Errorf("isPlaceholder(%q, %v): got %v, want %v", tc.in, tc.strict, got, tc.want)
		}
	}
}

func TestLooksLikeCode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"os.environ['X']", true},
		{"/run/secrets/db", true},
		{"password_reset_done", true},
		{"PasswordResetView", true},
		{"auth.User", true},
		{"https://auth.example.com/token", true},
		{"w8Kd!r2Qv#Lz9", false},
		{"aZ3kQp9LmX2v", false},
		{"window.ShopConfig.csrf", true},
		{"window.ShopConfig.csrf}", true},
		{"Kp3.xQ9vL2.mZ7wR", false}, // dots between random runs are no member chain
		{"new_credential_%s", true}, // a format template
		{"reset_token:{}", true},
		{"cache:%(user)s:token", true},
		{"Zq8%sVw2LmN4pR7tKx", false}, // a placeholder in random text is still random text
		{"%s", false},
	} {
		if got := looksLikeCode(tc.in); got != tc.want {
			t.Errorf("looksLikeCode(%q): got %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want pathClass
	}{
		{"shop/settings.py", normalPath},
		{"shop/tests/test_views.py", testPath},
		{"test_settings.py", testPath},
		{"docs/deploy.md", testPath},
		{"README.md", testPath},
		{"shop/locale/pt/LC_MESSAGES/django.po", testPath},
		{"shop/fixtures/users.json", testPath},
		{"ecommerce/fixtures.py", testPath}, // pytest fixtures: sample objects for the tests
		{"frontend/e2e/config.ts", testPath},
		{"ecommerce/fixtures_admin.py", normalPath},
		{"package-lock.json", skipPath},
		{"static/app.min.js", skipPath},
		{"poetry.lock", skipPath},
		{".env", normalPath},
		{"netbox/project-static/dist/netbox-external.css", assetPath},
		{"shop/static/vendor/chart.js", assetPath},
		{"frontend/node_modules/lib/index.js", assetPath},
		{"shop/dist/settings.py", normalPath}, // not an asset
		{"shop/static/js/app.js", normalPath},
		{"src/frontend/js/api/lms/dummy.ts", testPath},
		{"shop/mock_payments.py", testPath},
		{"shop/fake-server.js", testPath},
		{"shop/mockingbird.py", normalPath}, // a word that starts like one
		{"shop/stubborn.py", normalPath},
		{"cl/users/templates/includes/search_alert_webhook_dummy_v2.txt", testPath}, // an example payload a page shows
		{"shop/payments_fake.py", testPath},
		{"shop/dummyfield.py", normalPath},
		{"backend/pytest.ini", testPath},
		{"deploy/no-caddy/.env.testing", testPath},
		{"deploy/.env.production", normalPath},
		{"frontend/src/css/modules/base.scss", assetPath}, // a stylesheet anywhere: selectors, not assignments
	} {
		if got := classify(tc.in); got != tc.want {
			t.Errorf("classify(%q): got %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestLocalhostURIIsLow checks that a password in a URI to the developer's
// own machine, or in a file named for tests, is reported at low severity,
// and one to a server at the rule's severity.
func TestLocalhostURIIsLow(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/DJK106", CredentialsInConnectionURI) {
		local := strings.Contains(f.Message, "to localhost") || strings.Contains(f.Message, "its name says it is for tests")
		if local && f.Severity != report.Low || !local && f.Severity == report.Low {
			t.Errorf("%s: got severity %s for %q", f.Location, f.Severity, f.Message)
		}
	}
}

// TestAdvisoryKeysAreLow checks that a key kept in a folder named after a
// CVE (a check that tries the vendor's published key) is low, and that
// no other private key of the testdata is taken for one.
func TestAdvisoryKeysAreLow(t *testing.T) {
	advisory := 0
	for _, f := range analysistest.Run(t, "testdata/DJK104", PrivateKey) {
		inCVE := strings.Contains(f.Location.Path, "check_cve_2024_51234/")
		if inCVE {
			advisory++
		}
		if inCVE != (f.Severity == report.Low && strings.Contains(f.Message, "published vulnerability")) {
			t.Errorf("%s: got severity %s for %q", f.Location, f.Severity, f.Message)
		}
	}
	if advisory != 1 {
		t.Errorf("%d findings in the CVE's folder, want 1", advisory)
	}
	for rel, want := range map[string]string{
		"plugins/kat_cve_2023_34039/keys/id_rsa": "kat_cve_2023_34039",
		"exploits/CVE-2021-44228.py":             "CVE-2021-44228.py",
		"checks/cve2019_11043/run.sh":            "cve2019_11043",
		"deploy/recover-2023-1234/id_rsa":        "",
		"docs/cves/keys.pem":                     "",
	} {
		if got := advisoryPart(rel); got != want {
			t.Errorf("advisoryPart(%q) = %q, want %q", rel, got, want)
		}
	}
}

// TestLongLine checks that a secret deep inside a very long line (a
// minified bundle, a notebook output) is found at its column.
func TestLongLine(t *testing.T) {
	e, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	key := "ghp_Hs8aK2mQ9vX4zL7pR1tW6yB3nD5fJ0cE8gUi" // djsec: ignore[DJK102] a made-up token to find
	line := strings.Repeat("var a=1;", 10000) + `var t="` + key + `";` + strings.Repeat("var b=2;", 10000)
	hits := e.scan("static/app.js", []byte("first\n"+line+"\n"))
	if len(hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(hits))
	}
	if got, want := hits[0].line, 2; got != want {
		t.Errorf("line: got %d, want %d", got, want)
	}
	if got, want := hits[0].col, strings.Index(line, key)+1; got != want {
		t.Errorf("column: got %d, want %d", got, want)
	}
}

// TestExampleFileKeysAreLow checks that a key in an example file (copied
// and filled in by people) is low with a note, and that one in an example
// a script of the project copies as it is (by its name, or through a
// variable naming the file it is for) keeps the rule's severity.
func TestExampleFileKeysAreLow(t *testing.T) {
	low, kept := 0, 0
	for _, f := range analysistest.Run(t, "testdata/DJK105", DjangoSecretKeyLiteral) {
		switch {
		case strings.HasSuffix(f.Location.Path, "-example"), strings.HasSuffix(f.Location.Path, ".py.example"):
			low++
			if f.Severity != report.Low || !strings.Contains(f.Message, "is an example that people copy") {
				t.Errorf("%s: %s at %v, want low with the example note", f.Location, f.Message, f.Severity)
			}
		case strings.HasSuffix(f.Location.Path, "server.env.example"), strings.HasSuffix(f.Location.Path, "site.yml.example"):
			kept++
			if f.Severity != report.High {
				t.Errorf("%s: %s at %v, want high: the install script copies it", f.Location, f.Message, f.Severity)
			}
		}
	}
	if low != 2 || kept != 2 {
		t.Errorf("%d findings in examples and %d in the copied ones, want 2 and 2", low, kept)
	}
}

// TestDevSettingsSecretsAreLow checks that a key in a settings module for
// development that no production module reaches is low, and that the
// same key in the production settings keeps the rule's severity.
func TestDevSettingsSecretsAreLow(t *testing.T) {
	dev, kept := 0, 0
	for _, f := range analysistest.Run(t, "testdata/DJK108", JWTSecretOrToken) {
		switch {
		case strings.HasSuffix(f.Location.Path, "settings_devstack.py"):
			dev++
			if f.Severity != report.Low || !strings.Contains(f.Message, "look meant for development") {
				t.Errorf("%s: %s at %v, want low with the development note", f.Location, f.Message, f.Severity)
			}
		case f.Severity > report.Low:
			kept++
		}
	}
	if dev == 0 || kept == 0 {
		t.Errorf("%d findings in the development settings and %d kept elsewhere, want some of each", dev, kept)
	}
}
