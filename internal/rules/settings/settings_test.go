package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/testenv"
)

func scan(t *testing.T, dir string, in func(*analysis.Options), rules ...*analysis.Rule) *analysis.Result {
	t.Helper()
	opts := analysis.Options{Root: dir, Rules: rules}
	if in != nil {
		in(&opts)
	}
	if len(opts.Rules) == 0 {
		opts.Rules = Rules()
	}
	res, err := analysis.Scan(opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func messages(fs []report.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Location.String()+" "+f.Rule+" "+f.Message+" ["+f.Settings+"]")
	}
	return out
}

// TestCleanProject runs every settings rule on a project whose production
// settings get everything right, with every style of environment lookup and
// development settings that do not: nothing may be reported.
func TestCleanProject(t *testing.T) {
	res := scan(t, "testdata/integration/clean", nil)
	for _, m := range messages(res.Findings) {
		t.Errorf("unexpected finding: %s", m)
	}
	for _, p := range res.Problems {
		t.Errorf("unexpected problem: %s %s", p.Location, p.Message)
	}
}

// TestLookalikes runs every settings rule on the clean project with
// modules that look like settings and are not production ones: an app
// named settings, CI, docker-compose and test-suite settings told by their
// dotted name or docstring, and class-based settings that a custom loader
// installs. Nothing may be reported, and the class-based module gets one
// note.
func TestLookalikes(t *testing.T) {
	res := scan(t, "testdata/integration/lookalikes", nil)
	for _, m := range messages(res.Findings) {
		t.Errorf("unexpected finding: %s", m)
	}
	n := 0
	for _, note := range res.Notes {
		if strings.HasPrefix(note, "settings: could not evaluate legacy.settings") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got notes %q, want one saying legacy.settings could not be evaluated", res.Notes)
	}
}

// TestEnvInput checks that --env values replace environment lookups: the
// default no longer matters, and a finding holds with high confidence.
func TestEnvInput(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string // "" for no finding
		conf report.Confidence
	}{
		{nil, "DEBUG is True whenever DJANGO_DEBUG is unset", report.MediumConfidence},
		{map[string]string{"DJANGO_DEBUG": "False"}, "", 0},
		{map[string]string{"DJANGO_DEBUG": "True"}, "DEBUG is True", report.HighConfidence},
	}
	for _, tt := range tests {
		res := scan(t, "testdata/DJS101", func(o *analysis.Options) {
			o.Inputs.Env = tt.env
			o.Inputs.Settings = "proj.settings.production"
		}, DebugEnabled)
		var got []report.Finding
		got = append(got, res.Findings...)
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("env %v: got %v, want no finding", tt.env, messages(got))
		case tt.want != "" && (len(got) != 1 || got[0].Message != tt.want || got[0].Confidence != tt.conf):
			t.Errorf("env %v: got %v, want one finding %q with %s confidence", tt.env, messages(got), tt.want, tt.conf)
		}
	}
}

// TestSettingsFlag checks that --settings audits the module it names, even a
// development one.
func TestSettingsFlag(t *testing.T) {
	res := scan(t, "testdata/DJS101", func(o *analysis.Options) { o.Inputs.Settings = "proj.settings.local" }, DebugEnabled)
	if len(res.Findings) != 1 || res.Findings[0].Settings != "proj.settings.local" || !strings.HasPrefix(res.Findings[0].Location.Path, "proj/settings/local.py") {
		t.Errorf("got %v, want DEBUG = True of local.py", messages(res.Findings))
	}
	res = scan(t, "testdata/DJS101", func(o *analysis.Options) { o.Inputs.Settings = "proj.settings.nothere" }, DebugEnabled)
	if len(res.Findings) != 0 || !strings.Contains(strings.Join(res.Notes, "\n"), "proj.settings.nothere") {
		t.Errorf("got findings %v and notes %v, want a note about the missing module", messages(res.Findings), res.Notes)
	}
}

// TestOpaqueImport checks a module that star-imports something outside the
// project: what is set after it is proven and reported, what came before and
// what is missing is not, and a note says what djsec could not follow.
func TestOpaqueImport(t *testing.T) {
	res := scan(t, "testdata/integration/opaque", nil)
	got := messages(res.Findings)
	if len(got) != 1 || !strings.Contains(got[0], "DJS101 DEBUG is True") {
		t.Errorf("got %v, want only DEBUG = True", got)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "company_settings.defaults") {
		t.Errorf("notes %v do not name the import djsec could not follow", res.Notes)
	}
}

// TestSharedFinding checks that a problem of a base module reached from two
// entry modules is one finding naming both, and that a module with a syntax
// error is a problem, not a source of findings.
func TestSharedFinding(t *testing.T) {
	res := scan(t, "testdata/integration/shared", nil, AllowedHostsWildcard, DebugEnabled)
	got := messages(res.Findings)
	want := `proj/settings/base.py:1:18 DJS103 ALLOWED_HOSTS accepts any host ("*") [proj.settings.production, proj.settings.staging]`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %v, want [%s]", got, want)
	}
	if len(res.Problems) != 1 || res.Problems[0].Location.Path != "proj/settings/broken.py" {
		t.Errorf("problems: got %v, want one for broken.py", res.Problems)
	}
}

// TestCommittedDotenv checks that a .env file in the tree, which
// python-decouple reads whenever a variable is not set, counts as the
// default, and that the findings point into it.
func TestCommittedDotenv(t *testing.T) {
	res := scan(t, "testdata/integration/dotenv", nil, DebugEnabled, SecretKeyHardcoded)
	got := messages(res.Findings)
	want := []string{
		".env:2:1 DJS101 DEBUG is True whenever DEBUG is unset in the environment (the committed .env sets it) [proj.settings.production]",
		".env:3:1 DJS102 SECRET_KEY falls back to a literal whenever SECRET_KEY is unset in the environment (the committed .env sets it); the key is also weak: it has 7 characters, fewer than 50 [proj.settings.production]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWeakKeyFromEnv checks that a SECRET_KEY given with --env is judged
// like a literal one (security.W009), without ever printing it.
func TestWeakKeyFromEnv(t *testing.T) {
	tests := []struct {
		key, want string
	}{
		{"short-key", "SECRET_KEY from --env DJANGO_SECRET_KEY is weak: it has 9 characters, fewer than 50 (security.W009)"},
		{"django-insecure-" + strings.Repeat("k3y!", 12), "SECRET_KEY from --env DJANGO_SECRET_KEY is weak: it has the django-insecure- prefix of startproject (security.W009)"},
		{strings.Repeat("ab", 30), "SECRET_KEY from --env DJANGO_SECRET_KEY is weak: it has 2 distinct characters, fewer than 5 (security.W009)"},
		{"!", "SECRET_KEY from --env DJANGO_SECRET_KEY is weak: it has 1 character, fewer than 50 (security.W009)"},
		{strings.Repeat("#", 60), "SECRET_KEY from --env DJANGO_SECRET_KEY is weak: it has 1 distinct character, fewer than 5 (security.W009)"},
		{"q8Z#x1!mK2@pL9$vN3^bR7&cT4*dW6(eY0)fU5_gH-jS=kD+aF%", ""},
	}
	for _, tt := range tests {
		res := scan(t, "testdata/integration/envkey", func(o *analysis.Options) {
			o.Inputs.Env = map[string]string{"DJANGO_SECRET_KEY": tt.key}
		}, SecretKeyHardcoded)
		got := messages(res.Findings)
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("key %q: got %v, want no finding", tt.key, got)
		case tt.want != "" && (len(got) != 1 || res.Findings[0].Message != tt.want || res.Findings[0].Confidence != report.HighConfidence):
			t.Errorf("key %q: got %v, want %q with high confidence", tt.key, got, tt.want)
		}
		for _, f := range res.Findings {
			if strings.Contains(f.Message, tt.key) || strings.Contains(f.Fingerprint, tt.key) {
				t.Errorf("key %q appears in the finding", tt.key)
			}
		}
	}
}

// TestLocalDatabasePasswordIsLow checks that a literal fallback password
// for a database on localhost, or one the project's compose stack gives
// its database, is low, and one for a server is high.
func TestLocalDatabasePasswordIsLow(t *testing.T) {
	res := scan(t, "testdata/DJS401", nil, DatabasePasswordHardcoded)
	for _, f := range res.Findings {
		want := report.High
		switch {
		case strings.Contains(f.Message, "a development default"), strings.Contains(f.Message, "the project's own stack gives its service"):
			want = report.Low
		case strings.Contains(f.Message, "(a database on localhost)"):
			want = report.Medium
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Message, f.Severity, want)
		}
	}
}

// TestAdministratorAccountSeverity checks that a database reached as an
// administrator account is medium on another machine, and low when the
// account is a variable's fallback or the database is local.
func TestAdministratorAccountSeverity(t *testing.T) {
	res := scan(t, "testdata/DJS402", nil, DatabaseDefaultCredentials)
	n := 0
	for _, f := range res.Findings {
		if !strings.Contains(f.Message, "administrator account") {
			continue
		}
		n++
		want := report.Medium
		if strings.Contains(f.Message, "whenever") || strings.Contains(f.Message, "on a database of this machine") {
			want = report.Low
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Message, f.Severity, want)
		}
	}
	if n < 3 {
		t.Errorf("got %d administrator-account findings, want 3", n)
	}
}

// TestMiddlewareWithoutSessions checks that CSRF and clickjacking middleware
// missing from settings without SessionMiddleware is low, and medium
// otherwise, and that a SessionMiddleware nothing needs is low.
func TestMiddlewareWithoutSessions(t *testing.T) {
	res := scan(t, "testdata/DJS201", nil, MiddlewareMissing)
	for _, f := range res.Findings {
		want := report.Medium
		if strings.Contains(f.Message, "no SessionMiddleware either") || strings.Contains(f.Message, "nothing depends on it yet") {
			want = report.Low
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Message, f.Severity, want)
		}
	}
}

// TestOwnLoginThrottle checks that a project that limits logins with its
// own code (a token bucket checked by authorize_login_password) is not told
// that nothing limits them, and that views merely named after logins or
// rate limits do not count.
func TestOwnLoginThrottle(t *testing.T) {
	if got := messages(scan(t, "testdata/integration/ownthrottle", nil, LoginThrottlingMissing).Findings); len(got) != 0 {
		t.Errorf("own throttle: got %v, want nothing", got)
	}
	if got := messages(scan(t, "testdata/integration/notthrottle", nil, LoginThrottlingMissing).Findings); len(got) != 1 {
		t.Errorf("look-alikes: got %v, want one finding", got)
	}
}

// TestDRFDefaultWhenEveryViewSetsItsOwn checks that DJS502 is low when every
// API view the URLconf routes sets its own permission_classes, checks a
// credential itself (a signed webhook) or only reads, or when the project
// defines none (also when its own base class of JSON views is named
// APIView, DRF installed for serializers), and stays medium when one that writes relies on the
// default, or when the code defines API views djsec does not see routed.
func TestDRFDefaultWhenEveryViewSetsItsOwn(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		want report.Severity
		says string
	}{
		{"testdata/integration/drfexplicit", report.Low, "every API view the URLconf routes (2) sets its own permission_classes"},
		{"testdata/integration/drfdefault", report.Medium, "DRF's AllowAny"},
		{"testdata/integration/drfreadonly", report.Low, "sets its own permission_classes, checks the user or a credential itself, or answers only GET, HEAD and OPTIONS (2)"},
		{"testdata/integration/drfwebhook", report.Low, "every API view the URLconf routes (2) sets its own permission_classes or checks the user or a credential itself"},
		{"testdata/integration/drfnone", report.Low, "the project defines no API view"},
		{"testdata/integration/drfownapi", report.Low, "the project defines no API view"},
		{"testdata/integration/drfunrouted", report.Medium, "DRF's AllowAny"},
	} {
		res := scan(t, tc.dir, nil, DRFAllowAny)
		if len(res.Findings) != 1 {
			t.Fatalf("%s: got %v, want one finding", tc.dir, messages(res.Findings))
		}
		if f := res.Findings[0]; f.Severity != tc.want || !strings.Contains(f.Message, tc.says) {
			t.Errorf("%s: got %s %q, want %s saying %q", tc.dir, f.Severity, f.Message, tc.want, tc.says)
		}
	}
}

// TestLocalConnectionStrings checks the severities of DJS403: a development
// default for a service on localhost is low, another literal password for
// one medium, a password for a server high.
func TestLocalConnectionStrings(t *testing.T) {
	res := scan(t, "testdata/DJS403", nil, ConnectionStringCredentials)
	for _, f := range res.Findings {
		want := report.High
		switch {
		case strings.Contains(f.Message, "a development default"):
			want = report.Low
		case strings.Contains(f.Message, "(a service on localhost)"):
			want = report.Medium
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Message, f.Severity, want)
		}
	}
}

func TestOwnLoginThrottleNames(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"class TokenBucket:\n    @staticmethod\n    def authorize_login_password(email):\n        pass\n", true},
		{"class LoginRateLimiter:\n    pass\n", true},
		{"async def throttle_signin(request):\n    pass\n", true},
		{"def login_view(request):\n    pass\n", false},
		{"def rate_limit_products(request):\n    pass\n", false},
		{"undef authorize_login_password = 1\n", false},
		{"# def authorize_login_password\n", true}, // a cheap reading: a comment counts
		{"", false},
	} {
		if got := ownLoginThrottle([]byte(tc.src)); got != tc.want {
			t.Errorf("ownLoginThrottle(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

// TestCommandOnlyAppIsLow checks that django_extensions, which serves
// nothing until a deployment runs runserver_plus, is low, and so is silk
// behind its login and permission settings or without its middleware,
// and that the apps that add
// views or middleware keep the rule's severity.
func TestCommandOnlyAppIsLow(t *testing.T) {
	res := scan(t, "testdata/DJS505", nil, DebugAppsInstalled)
	seen := 0
	for _, f := range res.Findings {
		want := report.Medium
		if strings.HasPrefix(f.Message, "django_extensions ") {
			want = report.Low
			seen++
		}
		if strings.Contains(f.Message, "SILKY_AUTHORISATION are on") || strings.Contains(f.Message, "so it records no request") {
			want = report.Low
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Message, f.Severity, want)
		}
	}
	if seen == 0 || len(res.Findings) == seen {
		t.Errorf("%d findings, %d of django_extensions: want both kinds", len(res.Findings), seen)
	}
}

// TestMediaFolderInPackageIsLow checks that a media folder of its own
// inside a package is low, and one that holds source keeps medium.
func TestMediaFolderInPackageIsLow(t *testing.T) {
	res := scan(t, "testdata/DJS408", nil, MediaRootUnsafe)
	seen := 0
	for _, f := range res.Findings {
		want := report.Medium
		if strings.Contains(f.Message, "a folder of its own") {
			want = report.Low
			seen++
		}
		if f.Severity != want {
			t.Errorf("%s: got severity %s, want %s", f.Message, f.Severity, want)
		}
	}
	if seen != 1 {
		t.Errorf("%d findings of a folder of its own, want 1", seen)
	}
}

// TestPasswordValidatorsWithoutPasswords checks that DJS302 is low on a
// project that takes no password (people log in through an identity
// provider) or only in the admin's login, or takes passwords but lets no
// visitor sign up (its staff make the accounts), and medium again as soon
// as visitors can choose one: a sign-up form, URL or app.
func TestPasswordValidatorsWithoutPasswords(t *testing.T) {
	const none = "; nothing in the project takes a password"
	const adminOnly = "; only the admin's login takes a password"
	const noSignUp = "; nothing in the project lets visitors sign up"
	const loginView = "from django.contrib.auth.views import LoginView\n"
	const admin = "portal/settings/production.py"
	const addAdmin = "INSTALLED_APPS.append(\"django.contrib.admin\")\n"
	tests := []struct {
		name  string
		files [][2]string
		note  string // the reason given with a low finding; "" for medium
	}{
		{"identity provider only", nil, none},
		{"admin installed", [][2]string{{admin, addAdmin}}, adminOnly},
		{"admin and a login view", [][2]string{{admin, addAdmin}, {"portal/auth/urls.py", loginView}}, noSignUp},
		{"Django's login view", [][2]string{{"portal/auth/urls.py", loginView}}, noSignUp},
		{"a password checked", [][2]string{{"portal/auth/api.py", "from django.contrib.auth import authenticate\n\n\ndef login(request):\n    return authenticate(request, username=request.POST[\"u\"], password=request.POST[\"p\"])\n"}}, noSignUp},
		{"a template's password input", [][2]string{{"portal/templates/portal/login.html", "<form method=\"post\"><input type=\"password\" name=\"p\"></form>\n"}}, noSignUp},
		{"a front end's password input", [][2]string{{"ui/src/Login.jsx", "export const Login = () => <input type=\"password\" name=\"p\" />;\n"}}, noSignUp},
		// visitors choose their own passwords
		{"a sign-up form", [][2]string{{"portal/auth/urls.py", loginView}, {"portal/auth/forms.py", "from django.contrib.auth.forms import UserCreationForm\n\n\nclass JoinForm(UserCreationForm):\n    pass\n"}}, ""},
		{"a register URL", [][2]string{{"portal/auth/urls.py", loginView + "urlpatterns = [path(\"register/\", join)]\n"}}, ""},
		{"allauth", [][2]string{{admin, "INSTALLED_APPS.append(\"allauth.account\")\n"}, {"portal/auth/urls.py", loginView}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/sso-only")
			for _, f := range tt.files {
				appendFile(t, dir, f[0], f[1])
			}
			res := scan(t, dir, nil, PasswordValidatorsWeak)
			if len(res.Findings) != 1 {
				t.Fatalf("got %v, want one DJS302 finding", messages(res.Findings))
			}
			f := res.Findings[0]
			low := f.Severity == report.Low
			if low != (tt.note != "") || tt.note != "" && !strings.Contains(f.Message, tt.note) ||
				tt.note == "" && (strings.Contains(f.Message, none) || strings.Contains(f.Message, adminOnly)) {
				t.Errorf("got %s %q, want note %q", f.Severity, f.Message, tt.note)
			}
		})
	}
}

// TestLoginThrottlingWithoutPasswords checks that DJS303 is low where
// nothing takes a password or only the admin's login does, and medium once
// the project has a login of its own.
func TestLoginThrottlingWithoutPasswords(t *testing.T) {
	const admin = "portal/settings/production.py"
	const addAdmin = "INSTALLED_APPS.append(\"django.contrib.admin\")\n"
	for _, tt := range []struct {
		name  string
		files [][2]string
		note  string // the reason given with a low finding; "" for medium
	}{
		{"identity provider only", nil, "; nothing in the project takes a password"},
		{"admin installed", [][2]string{{admin, addAdmin}}, "; only the admin's login takes a password"},
		{"admin and a login view", [][2]string{{admin, addAdmin}, {"portal/auth/urls.py", "from django.contrib.auth.views import LoginView\n"}}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/sso-only")
			appendFile(t, dir, admin, "AUTHENTICATION_BACKENDS.append(\"django.contrib.auth.backends.ModelBackend\")\n")
			for _, f := range tt.files {
				appendFile(t, dir, f[0], f[1])
			}
			res := scan(t, dir, nil, LoginThrottlingMissing)
			if len(res.Findings) != 1 {
				t.Fatalf("got %v, want one DJS303 finding", messages(res.Findings))
			}
			f := res.Findings[0]
			if (f.Severity == report.Low) != (tt.note != "") || !strings.Contains(f.Message, tt.note) {
				t.Errorf("got %s %q, want note %q", f.Severity, f.Message, tt.note)
			}
		})
	}
}

// TestPasswordMarkersPassTheFilter checks that the words a file is first
// searched for find every marker of a password, or a file holding only
// that marker would be skipped.
func TestPasswordMarkersPassTheFilter(t *testing.T) {
	for _, m := range append(passwordMarkers, "password=request") {
		if !mayTakePassword([]byte(m)) {
			t.Errorf("mayTakePassword misses %q", m)
		}
	}
}

// TestHSTSAddedByProxy checks that DJS203 is low when the project's nginx
// adds Strict-Transport-Security in a TLS server that proxies to Django,
// and keeps its severity when that server only serves files, or when the
// configuration is a development one.
func TestHSTSAddedByProxy(t *testing.T) {
	const proxied = "server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security \"max-age=31536000\" always;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}\n"
	const static = "server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security \"max-age=31536000\" always;\n    location / { root /srv/www; }\n}\n"
	for _, tc := range []struct {
		name, file, conf string
		low              bool
	}{
		{"nginx proxies and adds HSTS", "deploy/nginx.conf", proxied, true},
		{"behind a load balancer that ends TLS", "deploy/nginx.conf", strings.ReplaceAll(proxied, "listen 443 ssl;", "listen 8085;"), true},
		{"nginx only serves files", "deploy/nginx.conf", static, false},
		{"a development nginx", "dev/nginx.conf", proxied, false},
		{"nginx adds another header", "deploy/nginx.conf", strings.ReplaceAll(proxied, "Strict-Transport-Security \"max-age=31536000\"", "X-Frame-Options DENY"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS203")
			appendFile(t, dir, tc.file, tc.conf)
			res := scan(t, dir, nil, HSTSMissing)
			if len(res.Findings) == 0 {
				t.Fatal("no DJS203 finding")
			}
			for _, f := range res.Findings {
				if low := f.Severity == report.Low && strings.Contains(f.Message, "nginx adds Strict-Transport-Security"); low != tc.low {
					t.Errorf("%s: %s %q, want low with the proxy named: %v", f.Location, f.Severity, f.Message, tc.low)
				}
			}
		})
	}
}

// siteFindings scans a project of one app, site, whose settings module
// holds settings, with more files as path and content pairs, with rule.
func siteFindings(t *testing.T, settings string, rule *analysis.Rule, more ...string) []report.Finding {
	t.Helper()
	files := map[string]string{
		"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
		"site/__init__.py": "",
		"site/settings.py": settings,
	}
	for i := 0; i+1 < len(more); i += 2 {
		files[more[i]] = more[i+1]
	}
	return scan(t, testenv.Tree(t, files), nil, rule).Findings
}

// TestWildcardHostsWithoutHostUse checks that ALLOWED_HOSTS = ["*"] is
// low where nothing in the project builds a link from the request's host,
// and medium where a view does or an account app mails links.
func TestWildcardHostsWithoutHostUse(t *testing.T) {
	for _, tc := range []struct {
		name, apps, view string
		want             report.Severity
	}{
		{"no host use", "'site'", "return JsonResponse({'ok': True})", report.Low},
		{"an absolute link", "'site'", "return JsonResponse({'next': request.build_absolute_uri('/next/')})", report.Medium},
		{"allauth", "'site', 'allauth', 'allauth.account'", "return JsonResponse({'ok': True})", report.Medium},
	} {
		got := siteFindings(t, "DEBUG = False\nALLOWED_HOSTS = ['*']\nINSTALLED_APPS = ["+tc.apps+"]\n", AllowedHostsWildcard,
			"site/views.py", "from django.http import JsonResponse\n\n\ndef view(request):\n    "+tc.view+"\n")
		if len(got) != 1 || got[0].Severity != tc.want {
			t.Errorf("%s: %v, want one finding at %v", tc.name, messages(got), tc.want)
		}
	}
}

// TestInsecureCookieUnderHSTS checks that a session cookie without the
// Secure flag is low where the settings turn HSTS on, and keeps the rule's
// severity where they do not or only in some environments.
func TestInsecureCookieUnderHSTS(t *testing.T) {
	for hsts, want := range map[string]report.Severity{
		"SECURE_HSTS_SECONDS = 31536000\n": report.Low,
		"":                                 report.Medium,
		"SECURE_HSTS_SECONDS = int(os.environ.get('HSTS', '0'))\n": report.Medium,
	} {
		got := siteFindings(t, "import os\nDEBUG = False\nINSTALLED_APPS = ['django.contrib.sessions', 'site']\n"+hsts, SessionCookieInsecure)
		if len(got) != 1 || got[0].Severity != want {
			t.Errorf("%q: %v, want one finding at %v", hsts, messages(got), want)
		}
	}
}

// TestShortHSTSIsLow checks that HSTS set for less than a year is low
// (it is on, for less long) and HSTS turned off keeps the rule's severity.
func TestShortHSTSIsLow(t *testing.T) {
	for value, want := range map[string]report.Severity{"3600": report.Low, "0": report.Medium} {
		got := siteFindings(t, "DEBUG = False\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nSECURE_HSTS_SECONDS = "+value+"\n", HSTSMissing)
		if len(got) != 1 || got[0].Severity != want {
			t.Errorf("SECURE_HSTS_SECONDS = %s: %v, want one finding at %v", value, messages(got), want)
		}
	}
}

// TestHSTSUnsetWhereTheProjectEndsTLS checks that SECURE_HSTS_SECONDS left
// unset is low, unless the project's own nginx ends TLS in front of Django
// without adding the header (a development nginx does not count).
func TestHSTSUnsetWhereTheProjectEndsTLS(t *testing.T) {
	const edge = "server {\n    listen 443 ssl;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}\n"
	for _, tc := range []struct {
		name, file, conf string
		medium           bool
	}{
		{"no nginx in the repository", "", "", false},
		{"the project's nginx ends TLS without HSTS", "deploy/nginx.conf", edge, true},
		{"a development nginx ends TLS", "dev/nginx.conf", edge, false},
		{"the project's nginx serves plain HTTP", "deploy/nginx.conf", strings.ReplaceAll(edge, "listen 443 ssl;", "listen 80;"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS203")
			if tc.file != "" {
				appendFile(t, dir, tc.file, tc.conf)
			}
			res := scan(t, dir, nil, HSTSMissing)
			var unset *report.Finding
			for i, f := range res.Findings {
				if strings.Contains(f.Message, "is not set") {
					unset = &res.Findings[i]
				}
			}
			if unset == nil {
				t.Fatalf("no finding for the unset setting: %v", messages(res.Findings))
			}
			if medium := unset.Severity == report.Medium && strings.Contains(unset.Message, "ends TLS"); medium != tc.medium {
				t.Errorf("%s %q, want medium with the nginx server named: %v", unset.Severity, unset.Message, tc.medium)
			}
			if !tc.medium && !strings.Contains(unset.Message, "check that yours does") {
				t.Errorf("low finding %q does not say what to check", unset.Message)
			}
		})
	}
}

// TestFrameworkBaseSettingsAreLow checks that a finding on a setting of a
// framework's base settings is low, naming the template, when the project
// template that star-imports them sets that setting itself; one the
// template leaves alone, or a template importing another module, changes
// nothing.
func TestFrameworkBaseSettingsAreLow(t *testing.T) {
	for _, tc := range []struct {
		name, template string
		low            bool
	}{
		{"the template imports the settings and sets DEBUG", "from proj.settings.prod_literal import *  # noqa\n\nDEBUG = False\n", true},
		{"the template imports the settings and leaves DEBUG", "from proj.settings.prod_literal import *  # noqa\n\nTIME_ZONE = \"UTC\"\n", false},
		{"the template imports something else", "from proj.settings.base import *  # noqa\n\nDEBUG = False\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS101")
			appendFile(t, dir, "proj/conf/project_template/project_name/settings.py-tpl", tc.template)
			res := scan(t, dir, nil, DebugEnabled)
			seen := false
			for _, f := range res.Findings {
				if f.Location.Path != "proj/settings/prod_literal.py" {
					continue
				}
				seen = true
				if low := f.Severity == report.Low && strings.Contains(f.Message, "is the base that the project template proj/conf/project_template/project_name/settings.py-tpl imports, and the template sets DEBUG"); low != tc.low {
					t.Errorf("%s %q, want low naming the template: %v", f.Severity, f.Message, tc.low)
				}
			}
			if !seen {
				t.Fatal("no finding on proj/settings/prod_literal.py")
			}
		})
	}
}

// TestDefaultSetByDeployment checks that a finding about a default used
// whenever a variable is unset is low when a production deployment file
// sets that variable (a ConfigMap, a container's env, also in a Helm chart's
// or an OpenShift Template's manifest, a compose service, the image's ENV),
// and keeps its severity when only a development file
// does, or the compose file passes the host's value on (${VAR}).
func TestDefaultSetByDeployment(t *testing.T) {
	const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\ndata:\n  DJANGO_DEBUG: \"False\"\n"
	for _, tc := range []struct {
		name, file, content string
		low                 bool
	}{
		{"a ConfigMap sets it", "k8s/config.yaml", configMap, true},
		{"a container's env sets it", "k8s/web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: shop\n          env:\n            - name: DJANGO_DEBUG\n              value: \"False\"\n", true},
		{"the image's ENV sets it", "Dockerfile.web", "FROM python:3.12-slim\nENV DJANGO_DEBUG=False\nCMD [\"gunicorn\", \"proj.wsgi\"]\n", true},
		{"a Helm chart's template sets it", "charts/shop/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: \"{{ .Values.image }}\"\n          env:\n            {{- if .Values.debug }}\n            - name: EXTRA\n              value: \"1\"\n            {{- end }}\n            - name: DJANGO_DEBUG\n              valueFrom:\n                secretKeyRef:\n                  name: {{ .Release.Name }}-settings\n                  key: debug\n", true},
		{"an OpenShift Template sets it", "openshift/templates/web-dc.yaml", "kind: Template\napiVersion: template.openshift.io/v1\nobjects:\n- kind: DeploymentConfig\n  apiVersion: apps.openshift.io/v1\n  spec:\n    template:\n      spec:\n        containers:\n        - name: web\n          env:\n          - name: DJANGO_DEBUG\n            value: ${DEBUG}\n", true},
		{"a development chart sets it", "dev/charts/shop/templates/deployment.yaml", "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: DJANGO_DEBUG\n              value: \"{{ .Values.debug }}\"\n", false},
		{"a development manifest sets it", "dev/k8s/config.yaml", configMap, false},
		{"compose passes the host's value on", "docker-compose.yml", "services:\n  web:\n    build: .\n    environment:\n      DJANGO_DEBUG: ${DJANGO_DEBUG}\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS101")
			appendFile(t, dir, tc.file, tc.content)
			res := scan(t, dir, nil, DebugEnabled)
			seen := false
			for _, f := range res.Findings {
				if !strings.Contains(f.Message, "whenever DJANGO_DEBUG is unset") {
					continue
				}
				seen = true
				if low := f.Severity == report.Low && strings.Contains(f.Message, "the project's deployment sets DJANGO_DEBUG ("+tc.file+":"); low != tc.low {
					t.Errorf("%s %q, want low naming %s: %v", f.Severity, f.Message, tc.file, tc.low)
				}
			}
			if !seen {
				t.Fatal("no finding about DJANGO_DEBUG's default")
			}
		})
	}
}

// TestDefaultLackedByCompose checks that a default used whenever a variable
// is unset keeps its severity, naming the service, when a production
// compose service runs the settings without the variable, even though a
// ConfigMap sets it: the service is built from the project's Python image
// and sets another variable the settings read. A namesake in another
// compose file or an env_file that may set it, an extends, a proxy's
// image, or variables the settings do not read leave it low.
func TestDefaultLackedByCompose(t *testing.T) {
	const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\ndata:\n  DJANGO_DEBUG: \"False\"\n"
	const web = "services:\n  web:\n    build: .\n    environment:\n      - DB_HOST=db\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		lacks bool
	}{
		{"the service lacks it", map[string]string{"docker-compose.yml": web}, true},
		{"the service sets it", map[string]string{"docker-compose.yml": web + "      - DJANGO_DEBUG=False\n"}, false},
		{"the service reads an env_file", map[string]string{"docker-compose.yml": web + "    env_file: .env.production\n"}, false},
		{"an override file sets it", map[string]string{"docker-compose.yml": web,
			"docker-compose.search.yml": "services:\n  web:\n    environment:\n      - DJANGO_DEBUG=False\n"}, false},
		{"the service extends another", map[string]string{"docker-compose.yml": web + "    extends:\n      file: base.yml\n      service: app\n"}, false},
		{"a proxy's image", map[string]string{"docker-compose.yml": "services:\n  proxy:\n    build: ./proxy\n    environment:\n      - DB_HOST=db\n",
			"proxy/Dockerfile": "FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n"}, false},
		{"variables the settings do not read", map[string]string{"docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n      - WORKERS=4\n"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS101")
			appendFile(t, dir, "proj/settings/base.py", "DATABASE_HOST = os.environ.get(\"DB_HOST\", \"localhost\")\n")
			appendFile(t, dir, "k8s/config.yaml", configMap)
			for name, content := range tc.files {
				appendFile(t, dir, name, content)
			}
			res := scan(t, dir, nil, DebugEnabled)
			seen := false
			for _, f := range res.Findings {
				if f.Location.Path != "proj/settings/base.py" || !strings.Contains(f.Message, "whenever DJANGO_DEBUG is unset") {
					continue // the file that reads DB_HOST
				}
				seen = true
				lacks := f.Severity != report.Low && strings.Contains(f.Message, "compose service web (docker-compose.yml:2:3) runs these settings without DJANGO_DEBUG")
				if lacks != tc.lacks || !lacks && f.Severity != report.Low {
					t.Errorf("%s %q, want the service named: %v, else low", f.Severity, f.Message, tc.lacks)
				}
			}
			if !seen {
				t.Fatal("no finding about DJANGO_DEBUG's default")
			}
		})
	}
}

// TestSingleSignOnBackends checks that DJS302 and DJS303 are low where no
// backend of AUTHENTICATION_BACKENDS checks a password (a single sign-on
// backend of the project, RemoteUserBackend, or none: an empty list), the
// admin installed or not,
// and keep their severity once ModelBackend is listed or a project
// backend mentions passwords.
func TestSingleSignOnBackends(t *testing.T) {
	const sso = "from uaa_client.authentication import UaaBackend\n\n\nclass SSOBackend(UaaBackend):\n    pass\n"
	const ldapish = "class SSOBackend:\n    def authenticate(self, request, username=None, password=None):\n        return None\n"
	for _, tc := range []struct {
		name, backends, module string
		low                    bool
	}{
		{"a single sign-on backend of the project", `["portal.auth.sso.SSOBackend"]`, sso, true},
		{"RemoteUserBackend", `["django.contrib.auth.backends.RemoteUserBackend"]`, sso, true},
		{"ModelBackend too", `["portal.auth.sso.SSOBackend", "django.contrib.auth.backends.ModelBackend"]`, sso, false},
		{"a project backend that takes a password", `["portal.auth.sso.SSOBackend"]`, ldapish, false},
		{"no backend at all", `[]`, sso, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"manage.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings')\n",
				"portal/__init__.py":          "",
				"portal/auth/__init__.py":     "",
				"portal/auth/sso.py":          tc.module,
				"portal/settings.py":          "DEBUG = False\nROOT_URLCONF = 'portal.urls'\nINSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth']\nAUTHENTICATION_BACKENDS = " + tc.backends + "\n",
				"portal/templates/login.html": "<form method=\"post\"><input type=\"password\" name=\"p\"></form>\n",
			}
			for name, content := range files {
				appendFile(t, dir, name, content)
			}
			res := scan(t, dir, nil, PasswordValidatorsWeak, LoginThrottlingMissing)
			if len(res.Findings) != 2 {
				t.Fatalf("got %v, want a DJS302 and a DJS303 finding", messages(res.Findings))
			}
			for _, f := range res.Findings {
				if low := f.Severity == report.Low && strings.Contains(f.Message, "no backend of AUTHENTICATION_BACKENDS checks a password"); low != tc.low {
					t.Errorf("%s %s: %s %q, want low: %v", f.Rule, f.Location, f.Severity, f.Message, tc.low)
				}
			}
		})
	}
}

// copyTestdata copies a testdata tree into a folder of the test's own,
// for a test that adds files to it.
func copyTestdata(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// appendFile adds content at the end of the file at name (a slash path)
// under dir, making the file and its folders when they are missing.
func appendFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(content); err != nil {
		t.Fatal(err)
	}
}

// TestSilencedCheckIsLow checks that a finding naming a check --deploy
// warning the settings silence (SILENCED_SYSTEM_CHECKS) is low with the
// place that silences it, and that silencing another warning changes
// nothing.
func TestSilencedCheckIsLow(t *testing.T) {
	for _, tc := range []struct {
		name, silence string
		low           bool
	}{
		{"HSTS warning silenced", `SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008"]`, true},
		{"another warning silenced", `SILENCED_SYSTEM_CHECKS = ["security.W008"]`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS203")
			appendFile(t, dir, "proj/settings/prod_missing.py", "\n"+tc.silence+"\n")
			res := scan(t, dir, nil, HSTSMissing)
			seen := false
			for _, f := range res.Findings {
				if f.Location.Path != "proj/settings/prod_missing.py" {
					continue
				}
				seen = true
				if low := f.Severity == report.Low && strings.Contains(f.Message, "the settings silence security.W004 (SILENCED_SYSTEM_CHECKS, proj/settings/prod_missing.py:"); low != tc.low {
					t.Errorf("%s: %s %q, want low with the silencing named: %v", f.Location, f.Severity, f.Message, tc.low)
				}
			}
			if !seen {
				t.Fatalf("no DJS203 finding on prod_missing.py: %v", res.Findings)
			}
		})
	}
}

// TestHiddenToolbarIsLow checks that debug_toolbar is low where DEBUG is
// off and no SHOW_TOOLBAR_CALLBACK replaces the toolbar's own test
// (testdata/toolbar-hidden), and keeps the rule's severity where a
// callback decides (testdata/DJS505's base).
func TestHiddenToolbarIsLow(t *testing.T) {
	for dir, want := range map[string]report.Severity{"testdata/toolbar-hidden": report.Low, "testdata/DJS505": report.Medium} {
		n := 0
		for _, f := range scan(t, dir, nil, DebugAppsInstalled).Findings {
			if !strings.HasPrefix(f.Message, "debug_toolbar ") {
				continue
			}
			n++
			if f.Severity != want {
				t.Errorf("%s: %s: got %s, want %s", dir, f.Message, f.Severity, want)
			}
		}
		if n == 0 {
			t.Errorf("%s: no debug_toolbar finding", dir)
		}
	}
}

// TestToolbarWhereDebugDepends checks that debug_toolbar is low where
// production's DEBUG is on only in some environments (DJS101's finding),
// and medium where DEBUG is on whatever the environment holds.
func TestToolbarWhereDebugDepends(t *testing.T) {
	for debug, want := range map[string]report.Severity{
		"os.environ.get('ENVIRONMENT', 'development') != 'production'": report.Low,
		"True": report.Medium,
	} {
		var got []report.Finding
		settings := "import os\nDEBUG = " + debug + "\nINSTALLED_APPS = ['django.contrib.auth', 'debug_toolbar']\nINTERNAL_IPS = ['127.0.0.1']\n"
		for _, f := range siteFindings(t, settings, DebugAppsInstalled) {
			if strings.HasPrefix(f.Message, "debug_toolbar ") {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Severity != want {
			t.Errorf("DEBUG = %s: %v, want one finding at %s", debug, messages(got), want)
		}
	}
}

// TestToolbarCallbackNeedingDebug checks that a SHOW_TOOLBAR_CALLBACK of
// the project whose every return needs DEBUG (return DEBUG and
// DEBUG_TOOLBAR) keeps the toolbar's own test, so that the finding is low
// where DEBUG depends on the environment, and that a callback showing the
// toolbar otherwise (to staff) keeps the rule's severity.
func TestToolbarCallbackNeedingDebug(t *testing.T) {
	for callback, want := range map[string]report.Severity{
		"def show_toolbar(request):\n    return DEBUG and TOOLBAR\n":     report.Low,
		"def show_toolbar(request):\n    return request.user.is_staff\n": report.Medium,
	} {
		var got []report.Finding
		settings := "import os\nDEBUG = os.environ.get('ENVIRONMENT', 'development') != 'production'\nTOOLBAR = os.environ.get('TOOLBAR') == '1'\n" +
			"INSTALLED_APPS = ['django.contrib.auth', 'debug_toolbar']\n" +
			"DEBUG_TOOLBAR_CONFIG = {'SHOW_TOOLBAR_CALLBACK': 'site.settings.show_toolbar'}\n\n\n" + callback
		for _, f := range siteFindings(t, settings, DebugAppsInstalled) {
			if strings.HasPrefix(f.Message, "debug_toolbar ") {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Severity != want || want == report.Low && !strings.Contains(got[0].Message, "site.settings.show_toolbar, shows it only while DEBUG is on") {
			t.Errorf("%q: %v, want one finding at %s", callback, messages(got), want)
		}
	}
}

// TestRawEnvDebug checks that DEBUG given an environment variable's text
// as it is (os.getenv("DEBUG", False), where "False" is a true string) is
// reported, and that the same lookup compared with "True" is not.
func TestRawEnvDebug(t *testing.T) {
	for dir, want := range map[string]int{"testdata/rawdebug": 1, "testdata/castdebug": 0} {
		n := 0
		for _, f := range scan(t, dir, nil, DebugEnabled).Findings {
			if strings.Contains(f.Message, "which Python takes as true, so debug is on") && f.Severity == report.Medium {
				n++
			}
		}
		if n != want {
			t.Errorf("%s: %d findings of DEBUG's raw text, want %d", dir, n, want)
		}
	}
}

// TestLocalOverride checks settings that end by running a local settings
// file the tree does not hold (exec of local_settings.py): they are
// audited as they stand, every finding low and saying where the file runs,
// rather than dropped.
func TestLocalOverride(t *testing.T) {
	res := scan(t, "testdata/integration/overlay", nil)
	if len(res.Findings) == 0 {
		t.Fatal("no findings: the settings were not audited")
	}
	named := 0
	for _, f := range res.Findings {
		if f.Severity > report.Low {
			t.Errorf("%s %s %s: want low", f.Severity, f.Rule, f.Message)
		}
		if strings.Contains(f.Message, "local settings file at proj/settings.py:19") {
			named++
		}
	}
	// the rules that lower for a reason of their own (no password is
	// taken, for the validators and for the login limits; the redirect to
	// HTTPS left to a proxy) give that reason instead
	if named < len(res.Findings)-3 {
		t.Errorf("%d of %d findings name the local settings file", named, len(res.Findings))
	}
}

// TestUserModelWithoutPassword checks that a project whose user model
// removes the password field (password = None) gets its password rules
// low: nothing can log in with a password there.
func TestUserModelWithoutPassword(t *testing.T) {
	res := scan(t, "testdata/integration/ssouser", nil, PasswordValidatorsWeak, LoginThrottlingMissing)
	if len(res.Findings) != 2 {
		t.Fatalf("got %v, want DJS302 and DJS303", messages(res.Findings))
	}
	for _, f := range res.Findings {
		if f.Severity != report.Low || !strings.Contains(f.Message, "the user model accounts.Person removes the password field") {
			t.Errorf("%s %s %s: want low, naming the user model", f.Severity, f.Rule, f.Message)
		}
	}
}

// TestSettingsTemplate checks that settings the install copies from a
// template (app/settings.py.sample to app/settings.py, which the tree
// does not hold) are audited from the template.
func TestSettingsTemplate(t *testing.T) {
	res := scan(t, "testdata/integration/template", nil, AllowedHostsWildcard)
	got := messages(res.Findings)
	if len(got) != 1 || !strings.HasPrefix(got[0], "app/settings.py.sample:6") {
		t.Errorf("got %v, want ALLOWED_HOSTS at app/settings.py.sample:6", got)
	}
}

// TestSharedMissingSetting checks that a setting missing from two entry
// modules that both import one base is one finding, at the top of the
// base, naming both: setting it there fixes them.
func TestSharedMissingSetting(t *testing.T) {
	res := scan(t, "testdata/integration/shared", nil, HSTSMissing)
	got := messages(res.Findings)
	if len(got) != 1 || !strings.HasPrefix(got[0], "proj/settings/base.py:1:1 DJS203") ||
		!strings.HasSuffix(got[0], "[proj.settings.production, proj.settings.staging]") {
		t.Errorf("got %v, want one DJS203 at proj/settings/base.py:1 for production and staging", got)
	}
}

// TestSSLRedirectUnsetIsLow checks that SECURE_SSL_REDIRECT left unset is
// low, with the proxy to check named, and set to False medium.
func TestSSLRedirectUnsetIsLow(t *testing.T) {
	unset, off := 0, 0
	for _, f := range scan(t, "testdata/DJS206", nil, SSLRedirectDisabled).Findings {
		switch {
		case strings.Contains(f.Message, "is not set"):
			unset++
			if f.Severity != report.Low || !strings.Contains(f.Message, "at a proxy, ingress or platform") {
				t.Errorf("%s: %s at %v, want low with the proxy to check", f.Location, f.Message, f.Severity)
			}
		default:
			off++
			if f.Severity != report.Medium {
				t.Errorf("%s: %s at %v, want medium", f.Location, f.Message, f.Severity)
			}
		}
	}
	if unset == 0 || off == 0 {
		t.Errorf("%d unset and %d set to False, want some of each", unset, off)
	}
}

// TestMiddlewareOrderSeverity checks that AuthenticationMiddleware before
// SessionMiddleware is medium, and that the orders which concern only the
// responses earlier middleware gives itself are low.
func TestMiddlewareOrderSeverity(t *testing.T) {
	medium, low := 0, 0
	for _, f := range scan(t, "testdata/DJS202", nil, MiddlewareMisordered).Findings {
		want := report.Low
		if strings.HasPrefix(f.Message, "AuthenticationMiddleware comes before") {
			want = report.Medium
			medium++
		} else {
			low++
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	if medium == 0 || low == 0 {
		t.Errorf("%d medium and %d low, want some of each", medium, low)
	}
}

// TestIgnoredCSPSettingsAllowNothing checks that the CSP_* settings that
// django-csp 4 ignores are not read as a policy: 'unsafe-inline' there is
// no finding of DJS214 (DJS213 says no policy is sent).
func TestIgnoredCSPSettingsAllowNothing(t *testing.T) {
	res := scan(t, "testdata/DJS213", nil, CSPUnsafeSource)
	for _, f := range res.Findings {
		t.Errorf("%s: %s", f.Location, f.Message)
	}
}

// TestDRFDefaultBehindGate checks that DRF's AllowAny default is low when
// a middleware of the project turns away every request that has not
// logged in (a single sign-on proxy's header), and medium without it.
func TestDRFDefaultBehindGate(t *testing.T) {
	files := map[string]string{
		"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
		"proj/__init__.py": "",
		"proj/urls.py":     "from django.urls import path\n\nfrom . import views\n\nurlpatterns = [path('notes/', views.NoteList.as_view())]\n",
		"proj/views.py":    "from rest_framework import generics\n\n\nclass NoteList(generics.ListCreateAPIView):\n    pass\n",
		"proj/sso.py": "from django.http import HttpResponse\n\n\nclass SSOMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n" +
			"    def __call__(self, request):\n        email = request.META.get('HTTP_X_EMAIL')\n        if email is None:\n            return HttpResponse('log in', status=401)\n" +
			"        request.user = lookup(email)\n        return self.get_response(request)\n",
	}
	settings := "SECRET_KEY = 'x'\nDEBUG = False\nROOT_URLCONF = 'proj.urls'\nINSTALLED_APPS = ['django.contrib.auth', 'rest_framework']\n"
	for _, tc := range []struct {
		middleware string
		want       report.Severity
	}{
		{"MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'proj.sso.SSOMiddleware']\n", report.Low},
		{"MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n", report.Medium},
	} {
		dir := t.TempDir()
		files["proj/settings.py"] = settings + tc.middleware
		for name, body := range files {
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res := scan(t, dir, nil, DRFAllowAny)
		if len(res.Findings) != 1 || res.Findings[0].Severity != tc.want {
			t.Errorf("%s: got %v, want one finding of severity %s", tc.middleware, res.Findings, tc.want)
		}
	}
}

// TestHSTSWithoutSecurityMiddleware checks that a short HSTS is left to
// DJS201 when MIDDLEWARE lacks SecurityMiddleware, which alone sends the
// header, and reported when the middleware is there.
func TestHSTSWithoutSecurityMiddleware(t *testing.T) {
	for _, tc := range []struct {
		middleware string
		want       int
	}{
		{`"django.contrib.sessions.middleware.SessionMiddleware"`, 0},
		{`"django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"`, 1},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
			"shop/__init__.py": "",
			"shop/settings.py": "DEBUG = False\nMIDDLEWARE = [" + tc.middleware + "]\nSECURE_HSTS_SECONDS = 3600\n",
		})
		if n := len(scan(t, dir, nil, HSTSMissing).Findings); n != tc.want {
			t.Errorf("MIDDLEWARE [%s]: %d findings, want %d", tc.middleware, n, tc.want)
		}
	}
}

// TestNoDatabaseKeepsNoPasswords checks that the password rules are low on
// settings whose DATABASES is empty (the site logs people in through
// another service's API) and keep their severity with a database.
func TestNoDatabaseKeepsNoPasswords(t *testing.T) {
	for _, tc := range []struct {
		databases string
		want      report.Severity
	}{
		{"DATABASES = {}\n", report.Low},
		{"DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'shop'}}\n", report.Medium},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
			"shop/__init__.py": "",
			"shop/settings.py": "DEBUG = False\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.sessions', 'djoser', 'shop']\n" +
				"AUTHENTICATION_BACKENDS = ['shop_api.backends.ApiBackend']\n" + tc.databases,
		})
		res := scan(t, dir, nil, LoginThrottlingMissing, PasswordValidatorsWeak)
		if len(res.Findings) != 2 {
			t.Fatalf("%s: %d findings, want 2: %v", tc.databases, len(res.Findings), messages(res.Findings))
		}
		for _, f := range res.Findings {
			if f.Severity != tc.want {
				t.Errorf("%s: %s at %v, want %v", tc.databases, f.Message, f.Severity, tc.want)
			}
		}
	}
}

// TestAuthMiddlewareNobodyAsksFor checks that a missing
// AuthenticationMiddleware is low in a Django project (the folder of its
// manage.py) whose code and templates never ask who the requester is, and
// keeps its severity once a view does, or the admin is installed.
func TestAuthMiddlewareNobodyAsksFor(t *testing.T) {
	const settings = "DEBUG = False\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware', " +
		"'django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware']\n"
	for _, tc := range []struct {
		name, apps, view string
		want             report.Severity
	}{
		{"token login", "['django.contrib.auth', 'django.contrib.sessions', 'login']", "return JsonResponse({'token': issue(request)})", report.Low},
		{"a view asks", "['django.contrib.auth', 'django.contrib.sessions', 'login']", "return JsonResponse({'who': request.user.pk})", report.Medium},
		{"admin", "['django.contrib.admin', 'django.contrib.auth', 'django.contrib.sessions', 'login']", "return JsonResponse({'token': issue(request)})", report.Medium},
	} {
		dir := testenv.Tree(t, map[string]string{
			"login/manage.py":         "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'login.settings')\n",
			"login/login/__init__.py": "",
			"login/login/settings.py": settings + "INSTALLED_APPS = " + tc.apps + "\n",
			"login/login/views.py":    "from django.http import JsonResponse\n\nfrom .tokens import issue\n\n\ndef token(request):\n    " + tc.view + "\n",
			// another Django project of the tree asks: not this one's
			"portal/manage.py":       "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings')\n",
			"portal/portal/views.py": "from django.contrib.auth.decorators import login_required\n",
		})
		var got []report.Finding
		for _, f := range scan(t, dir, nil, MiddlewareMissing).Findings {
			if strings.Contains(f.Message, "AuthenticationMiddleware") {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Severity != tc.want {
			t.Errorf("%s: %v, want one finding at %v", tc.name, messages(got), tc.want)
		}
	}
}

// TestSessionMiddlewareNobodyUses checks that a missing SessionMiddleware
// is low on a site with no login (neither django.contrib.auth nor the
// admin installed) whose code never uses the session, and keeps its
// severity once a view does, or auth is installed.
func TestSessionMiddlewareNobodyUses(t *testing.T) {
	const settings = "DEBUG = False\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware', " +
		"'django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware']\n"
	for _, tc := range []struct {
		name, apps, view string
		want             report.Severity
	}{
		{"finder", "['django.contrib.sessions', 'django.contrib.messages', 'finder']", "return render(request, 'finder.html', {'q': q})", report.Low},
		{"a view keeps a basket", "['django.contrib.sessions', 'finder']", "request.session['q'] = q", report.Medium},
		{"auth", "['django.contrib.auth', 'django.contrib.sessions', 'finder']", "return render(request, 'finder.html', {'q': q})", report.Medium},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":          "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'finder.settings')\n",
			"finder/__init__.py": "",
			"finder/settings.py": settings + "INSTALLED_APPS = " + tc.apps + "\n",
			"finder/views.py":    "from django.shortcuts import render\n\n\ndef search(request):\n    q = request.GET.get('q', '')\n    " + tc.view + "\n",
		})
		var got []report.Finding
		for _, f := range scan(t, dir, nil, MiddlewareMissing).Findings {
			if strings.Contains(f.Message, "SessionMiddleware") {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Severity != tc.want {
			t.Errorf("%s: %v, want one finding at %v", tc.name, messages(got), tc.want)
		}
	}
}

// TestMiddlewareWithoutBackends checks that missing AuthenticationMiddleware
// and SessionMiddleware are low where AUTHENTICATION_BACKENDS is empty
// (an API whose gateway identifies the caller: Django logs no one in),
// the SessionMiddleware only while nothing uses the session, and keep
// their severity where Django's default backend logs people in.
func TestMiddlewareWithoutBackends(t *testing.T) {
	const settings = "DEBUG = False\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.sessions', 'api']\n" +
		"MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.middleware.csrf.CsrfViewMiddleware', " +
		"'django.middleware.clickjacking.XFrameOptionsMiddleware', 'api.middleware.GatewayUser']\n"
	for _, tc := range []struct {
		name, backends, view string
		auth, session        report.Severity
	}{
		{"no backend", "AUTHENTICATION_BACKENDS = []\n", "return JsonResponse({'who': request.user.pk})", report.Low, report.Low},
		{"no backend, a session kept", "AUTHENTICATION_BACKENDS = []\n", "request.session['seen'] = True", report.Low, report.Medium},
		{"Django's backend", "", "return JsonResponse({'who': request.user.pk})", report.Medium, report.Medium},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":       "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'api.settings')\n",
			"api/__init__.py": "",
			"api/settings.py": settings + tc.backends,
			"api/views.py":    "from django.http import JsonResponse\n\n\ndef me(request):\n    " + tc.view + "\n",
		})
		got := map[string]report.Severity{}
		for _, f := range scan(t, dir, nil, MiddlewareMissing).Findings {
			for m, path := range map[string]string{"AuthenticationMiddleware": authMiddleware, "SessionMiddleware": sessionMiddlewarePath} {
				if strings.Contains(f.Message, "lacks "+path) {
					got[m] = f.Severity
				}
			}
		}
		if got["AuthenticationMiddleware"] != tc.auth || got["SessionMiddleware"] != tc.session {
			t.Errorf("%s: AuthenticationMiddleware %v, SessionMiddleware %v; want %v, %v", tc.name,
				got["AuthenticationMiddleware"], got["SessionMiddleware"], tc.auth, tc.session)
		}
	}
}

// TestValidatorsBeforeDjango19 checks that missing password validators are
// low in a project that installs a Django older than 1.9, which has none,
// and keep their severity with a Django that has them.
func TestValidatorsBeforeDjango19(t *testing.T) {
	for _, tc := range []struct {
		django string
		want   report.Severity
	}{{"1.8.19", report.Low}, {"4.2.20", report.Medium}} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
			"requirements.txt": "Django==" + tc.django + "\n",
			"shop/__init__.py": "",
			"shop/settings.py": "DEBUG = False\nINSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth', 'django.contrib.sessions', 'shop']\n",
			// people sign up with a password of their own
			"shop/forms.py": "from django.contrib.auth.forms import UserCreationForm\n\n\nclass SignUpForm(UserCreationForm):\n    pass\n",
		})
		res := scan(t, dir, nil, PasswordValidatorsWeak)
		if len(res.Findings) != 1 || res.Findings[0].Severity != tc.want {
			t.Errorf("Django %s: %v, want one finding at %v", tc.django, messages(res.Findings), tc.want)
		}
	}
}

// TestSameSiteNoneBefore31IsLow checks that SESSION_COOKIE_SAMESITE =
// None is low where the project installs Django older than 3.1, which
// writes no SameSite attribute for it, and keeps its severity on later
// versions and for the string "None".
func TestSameSiteNoneBefore31IsLow(t *testing.T) {
	for _, tc := range []struct {
		name, django, value string
		low                 bool
	}{
		{"None on 2.2", "django==2.2.28", "None", true},
		{"None on 4.2", "django==4.2.16", "None", false},
		{"the string on 2.2", "django==2.2.28", `"None"`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyTestdata(t, "testdata/DJS207")
			appendFile(t, dir, "requirements.txt", tc.django+"\n")
			appendFile(t, dir, "proj/settings/production.py", "\nSESSION_COOKIE_SAMESITE = "+tc.value+"\n")
			seen := false
			for _, f := range scan(t, dir, nil, SessionCookieInsecure).Findings {
				if f.Location.Path != "proj/settings/production.py" || !strings.HasPrefix(f.Message, "SESSION_COOKIE_SAMESITE") {
					continue
				}
				seen = true
				if low := f.Severity == report.Low && strings.Contains(f.Message, "writes no SameSite attribute"); low != tc.low {
					t.Errorf("%s: %s %q, want low: %v", f.Location, f.Severity, f.Message, tc.low)
				}
			}
			if !seen {
				t.Fatal("no SameSite finding on production.py")
			}
		})
	}
}

// TestCSPWithoutMiddleware checks that an unsafe source is reported only
// when a policy goes out: MIDDLEWARE holds a CSP middleware, or the
// project's own code reads the setting to send the header.
func TestCSPWithoutMiddleware(t *testing.T) {
	base := "SECRET_KEY = 'x'\nDEBUG = False\nROOT_URLCONF = 'proj.urls'\nCSP_DEFAULT_SRC = (\"'self'\", \"'unsafe-eval'\")\n"
	for _, tc := range []struct {
		name, settings, extra string
		want                  int
	}{
		{"django-csp's middleware", "MIDDLEWARE = ['csp.middleware.CSPMiddleware']\n", "", 1},
		{"no CSP middleware", "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n", "", 0},
		{"no MIDDLEWARE", "", "", 0},
		{"the project's own middleware reads the setting", "MIDDLEWARE = ['proj.headers.PolicyMiddleware']\n",
			"from django.conf import settings\n\n\nclass PolicyMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n" +
				"    def __call__(self, request):\n        response = self.get_response(request)\n" +
				"        response['Content-Security-Policy'] = 'default-src ' + ' '.join(settings.CSP_DEFAULT_SRC)\n        return response\n", 1},
		{"a MIDDLEWARE djsec cannot read", "import os\nMIDDLEWARE = os.environ['MIDDLEWARE'].split(',')\n", "", 1},
	} {
		dir := t.TempDir()
		files := map[string]string{
			"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
			"proj/__init__.py": "",
			"proj/settings.py": base + tc.settings,
			"proj/urls.py":     "urlpatterns = []\n",
			"proj/headers.py":  tc.extra,
		}
		for name, body := range files {
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res := scan(t, dir, nil, CSPUnsafeSource)
		if len(res.Findings) != tc.want {
			t.Errorf("%s: %d findings %v, want %d", tc.name, len(res.Findings), res.Findings, tc.want)
		}
	}
}
