package access

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

func load(t *testing.T, dir string) *Model {
	t.Helper()
	root := filepath.Join("testdata", dir)
	files, _, err := project.Walk(root, project.WalkOptions{Exclude: &project.Ignore{}, MaxFileSize: project.DefaultMaxFileSize})
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	return Analyze(project.New(abs, files, project.Inputs{}))
}

type want struct {
	auth, where, perm, csrf, throttle string
}

func check(t *testing.T, m *Model, cases map[string]want) {
	t.Helper()
	got := map[string]*Route{}
	for _, r := range m.Routes {
		got[r.Pattern] = r
	}
	for pattern, w := range cases {
		t.Run(pattern, func(t *testing.T) {
			r := got[pattern]
			if r == nil {
				t.Fatalf("no route %s; have %d routes", pattern, len(m.Routes))
			}
			if r.Auth.Value != w.auth || Where(r.Auth.Where) != w.where {
				t.Errorf("authentication: got %s at %q (%s), want %s at %q", r.Auth.Value, Where(r.Auth.Where), r.Auth.Detail, w.auth, w.where)
			}
			if w.perm != "" && r.Permission.Value != w.perm {
				t.Errorf("permission: got %s (%s), want %s", r.Permission.Value, r.Permission.Detail, w.perm)
			}
			if w.csrf != "" && r.CSRF.Value != w.csrf {
				t.Errorf("csrf: got %s (%s), want %s", r.CSRF.Value, r.CSRF.Detail, w.csrf)
			}
			if w.throttle != "" && r.Throttle.Value != w.throttle {
				t.Errorf("throttling: got %s, want %s", r.Throttle.Value, w.throttle)
			}
		})
	}
}

func TestSite(t *testing.T) {
	m := load(t, "site")
	if m.Gate != nil {
		t.Errorf("gate %+v, want none", m.Gate)
	}
	check(t, m, map[string]want{
		// nothing restricts these
		"/":                {auth: "none", perm: "none", csrf: "enforced", throttle: "none"},
		"/pages/about/":    {auth: "none"}, // include() of a module-level list (all routes: one stays put when [path("__debug__/", ...), *urlpatterns] is put first)
		"/shop/catalogue/": {auth: "none"}, // a project decorator that turns no one away
		// Django's decorators and mixins, in the view and in the URLconf
		"/orders/(?P<pk>\\d+)/": {auth: "login", where: "site/urls.py:25", perm: "none"},
		"/legal/terms/":         {auth: "none"},                                    // include(pkg.urls) after import pkg.urls
		"/private/notes/":       {auth: "login", where: "shop/private_urls.py:14"}, // a helper wraps the whole urlpatterns
		"/shop/profile/":        {auth: "login", where: "shop/views.py:48", csrf: "not needed"},
		"/shop/danger/":         {auth: "login", where: "shop/views.py:53", perm: "superuser"},
		"/shop/kw/danger/":      {auth: "login", where: "shop/views.py:53", perm: "superuser"}, // path(route=..., view=...)
		"/shop/kw/catalogue/":   {auth: "none"},
		"/staff/dashboard/":     {auth: "login", where: "site/urls.py:20", perm: "staff"}, // decorator_include
		// the project's own guards, recognised by what they do
		"/shop/hook/":                        {auth: "credential", where: "shop/views.py:36", csrf: "exempt"},
		"/shop/orders/<int:pk>/edit/":        {auth: "login", where: "shop/access/mixins.py:7", perm: "permission"},
		"/shop/inline/":                      {auth: "login", where: "shop/views.py:65", perm: "staff"},
		"/shop/reports/":                     {auth: "login", where: "shop/views.py:76", perm: "staff"},      // a check the handler calls on self
		"/shop/orders/<int:pk>/cancel/":      {auth: "login", where: "shop/views.py:98", perm: "permission"}, // a helper given request.user that raises PermissionDenied
		"/shop/orders/<int:pk>/reorder/":     {auth: "none"},
		"/shop/imports/<str:owner>/":         {auth: "login", where: "shop/views.py:170", perm: "permission"}, // a helper's check of the request it is given
		"/shop/imports/<str:owner>/offline/": {auth: "none", perm: "none"},                                    // the same helper, its request=None left out
		"/shop/vouchers/redeem/":             {auth: "credential", where: "shop/views.py:113"},                // a row found by the token the client sends
		"/shop/vouchers/redeem-by-name/":     {auth: "none"},                                                  // found by a name anyone can guess                                                 // a helper given request.user that raises only Http404
		"/shop/vouchers/redeem-own/":         {auth: "none"},                                                  // the token is the requesting user's own, not one the client sent
		"/shop/nodes/config/":                {auth: "credential", where: "shop/views.py:143"},                // a wrapper that answers by itself when the token is wrong
		"/shop/nodes/status/":                {auth: "none"},                                                  // a wrapper that only logs a wrong token
		"/shop/orders/<int:pk>/notes/":       {auth: "login", where: "shop/views.py:153", perm: "permission"}, // a bare factory whose refusal is a redirect or PermissionDenied
		"/shop/orders/<int:pk>/tags/":        {auth: "none"},                                                  // the same, where one way of refusing only logs
		// a third-party decorator with an access-sounding name
		"/shop/audit/": {auth: "unknown", where: "shop/views.py:59"},
		// DRF: defaults from REST_FRAMEWORK, classes on the view
		"/api/v1/orders/":  {auth: "login", where: "site/settings.py:12", csrf: "not needed", throttle: "yes"},
		"/api/v1/health/":  {auth: "public", where: "api/views.py:25"},
		"/api/v1/open/":    {auth: "public", where: "api/views.py:39"},
		"/api/v1/report/":  {auth: "login", where: "api/views.py:32", perm: "staff"},
		"/api/v1/stats/":   {auth: "login", where: "api/views.py:46", perm: "staff"},
		"/api/v1/banners/": {auth: "login", where: "api/views.py:52", perm: "staff"},  // every action sets permission_classes
		"/api/v1/notices/": {auth: "login", where: "site/settings.py:12"},             // one action takes the defaults
		"/api/v1/coupons/": {auth: "login", where: "api/coupons.py:5", perm: "staff"}, // registered by a helper given the router
	})
}

// TestDevelopmentRoutes checks that URL patterns added only when DEBUG or
// TEST is on are not among the routes, and those added only when DEBUG is
// off are.
func TestDevelopmentRoutes(t *testing.T) {
	m := load(t, "site")
	have := map[string]bool{}
	for _, r := range m.Routes {
		have[r.Pattern] = true
	}
	if have["/test/reset/"] {
		t.Error("/test/reset/, added under if settings.DEBUG or settings.TEST, is a route")
	}
	if !have["/status/"] {
		t.Error("/status/, added under if not settings.DEBUG, is not a route")
	}
}

func TestLoginRequiredMiddleware(t *testing.T) {
	m := load(t, "gated")
	if m.Gate == nil || m.Gate.What != "LoginRequiredMiddleware" {
		t.Fatalf("gate %+v, want LoginRequiredMiddleware", m.Gate)
	}
	check(t, m, map[string]want{
		"/":         {auth: "login", where: "proj/settings.py:6"},
		"/welcome/": {auth: "public", where: "app/views.py:9"},
	})
}

// TestGateOfEverySettingsModule checks that, with no production settings
// in the tree, a gate that every settings module installs (development and
// tests, both built on one base) is the project's gate, and that one only
// development installs is not.
func TestGateOfEverySettingsModule(t *testing.T) {
	m := load(t, "gated-base")
	if m.Gate == nil || !strings.HasPrefix(m.Gate.What, "LoginRequiredMiddleware (no production settings") {
		t.Fatalf("gate %+v, want LoginRequiredMiddleware from every settings module", m.Gate)
	}
	check(t, m, map[string]want{
		"/":         {auth: "login", where: "proj/settings/base.py:8"},
		"/welcome/": {auth: "public", where: "app/views.py:9"},
	})
	if m := load(t, "gated-dev-only"); m.Gate != nil {
		t.Errorf("gate %+v, want none: only the development settings install it", m.Gate)
	}
}

// TestLoginRedirect checks that a mixin whose dispatch sends requests
// without a session's token to the login page asks for a login, and that
// one sending them elsewhere asks for nothing; and that a decorator
// answering 401 to requests without a token asks for a login, while a
// view answering 401 to a bad signature asks for a credential.
func TestLoginRedirect(t *testing.T) {
	check(t, load(t, "tokenlogin"), map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "app/mixins.py:13"},
		"/checkout/":              {auth: "none"},
		// a decorator factory's wrapper that answers 401 to requests
		// without a token or a session's identity
		"/api/posts/<int:pk>/bookmark/": {auth: "login", where: "app/api.py:14"},
		// a signature checked, answering 401 otherwise: a credential
		"/hooks/deploy/": {auth: "credential", where: "app/api.py:21"},
		// the owner compared with the requester's profile: no one else,
		// anonymous visitors included, gets past it
		"/bios/<int:pk>/delete/": {auth: "login", where: "app/api.py:29", perm: "permission"},
		// compared with what the session remembers: anyone's session
		"/bios/<int:pk>/rename/": {auth: "none"},
	})
}

func TestProjectMiddlewareGate(t *testing.T) {
	m := load(t, "walled")
	requireGate(t, m, "MembersOnly")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/middleware.py:14", csrf: "off"},
	})
}

// TestFlaggedMiddlewareGate checks a middleware that keeps its decision
// in a flag and answers at the end (if not allow: return redirect(login),
// else: return self.get_response(request)), and that one whose else hands
// on a response it got before checking anything is no gate.
func TestFlaggedMiddlewareGate(t *testing.T) {
	requireGate(t, load(t, "flagged"), "MembersOnly")
	if m := load(t, "tidied"); m.Gate != nil {
		t.Errorf("gate %+v, want none", m.Gate)
	}
}

// TestMaintenanceMiddlewareNoGate checks that a middleware that turns
// all but staff away only while a flag of the database is on is no gate.
func TestMaintenanceMiddlewareNoGate(t *testing.T) {
	if m := load(t, "maintenance"); m.Gate != nil {
		t.Errorf("gate %+v, want none", m.Gate)
	}
}

// TestNestedCheckDeniedAfter checks a decorator whose check of the user
// sits inside another if, with the refusal after the outer one (if
// request.user: if request.user.is_staff: return view(...); then
// deny_access(request), a helper that raises); and that without the
// refusal the check guards nothing beyond the login of the decorator on
// its wrapper.
func TestNestedCheckDeniedAfter(t *testing.T) {
	check(t, load(t, "layered-roles"), map[string]want{
		"/a/": {auth: "login", perm: "staff", where: "app/views.py:6"},
		"/b/": {auth: "login", perm: "none", where: "app/views.py:12"},
		"/c/": {auth: "login", perm: "none", where: "app/views.py:18"},
	})
}

func TestNoURLConf(t *testing.T) {
	m := load(t, "../../../examples/shopfront/shop/migrations")
	if len(m.Routes) != 0 {
		t.Errorf("got %d routes, want none", len(m.Routes))
	}
	var b strings.Builder
	if err := m.WriteText(&b, "x"); err != nil || !strings.Contains(b.String(), "no URL patterns found") {
		t.Errorf("text %q, err %v: want a note that no URL patterns were found", b.String(), err)
	}
}

// TestTextEscapesControlCharacters checks that the routes text prints the
// project's strings escaped: no escape sequence reaches the terminal and no
// line break in a pattern forges a route.
func TestTextEscapesControlCharacters(t *testing.T) {
	m := load(t, "escapes")
	var b strings.Builder
	if err := m.WriteText(&b, "escapes"); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for i, c := range []byte(text) {
		if c < 0x20 && c != '\n' {
			t.Fatalf("control character %#x at byte %d of:\n%s", c, i, text)
		}
	}
	for _, want := range []string{`/notes/\x1b[2J\x1b]0;owned\x07 (notes\u202e)`, `/inbox/\n/admin/ (admin)  GET\n  authentication  login`} {
		if !strings.Contains(text, want) {
			t.Errorf("no line shows %s:\n%s", want, text)
		}
	}
}

func TestStateChange(t *testing.T) {
	root := filepath.Join("testdata", "changes")
	files, _, err := project.Walk(root, project.WalkOptions{Exclude: &project.Ignore{}, MaxFileSize: project.DefaultMaxFileSize})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(root)
	prog := taint.Load(project.New(abs, files, project.Inputs{}))
	n := 0
	for _, f := range prog.Funcs {
		name := f.Name
		c, ok := StateChange(f.Module, f.Def().Body)
		switch {
		case strings.HasPrefix(name, "write_"):
			n++
			doc, _ := constString(f.Def().Body[0].(*python.ExprStmt).Value)
			if !ok || c.What != doc {
				t.Errorf("%s: got %q (%v), want %q", name, c.What, ok, doc)
			}
		case strings.HasPrefix(name, "safe_"):
			n++
			if ok {
				t.Errorf("%s: got a state change %q at %s, want none", name, c.What, f.Module.Text(c.Node))
			}
		}
	}
	if n < 20 {
		t.Errorf("checked %d functions, want the whole file", n)
	}
}

// TestCycles: class hierarchies, decorators and includes that refer to
// themselves end, with an answer.
func TestCycles(t *testing.T) {
	m := load(t, "cycles")
	if len(m.Routes) < 3 {
		t.Errorf("got %d routes, want at least 3", len(m.Routes))
	}
}

// TestOddPython: the parser's test files (invalid code, every grammar
// corner) go through the whole model without a panic.
func TestOddPython(t *testing.T) {
	load(t, "../../python/testdata")
	load(t, "../../rules/code/testdata")
}

// TestMixinAfterView checks that an access mixin listed after the view
// class guards nothing, since the view's dispatch answers first, and that
// permission_required names nothing checked when its mixin never runs.
func TestMixinAfterView(t *testing.T) {
	m := load(t, "../../rules/code/testdata/DJC224")
	check(t, m, map[string]want{
		"/reports/":          {auth: "none", where: ""},
		"/reports/<int:pk>/": {auth: "none", where: ""},
		"/reports/count/":    {auth: "none", where: ""},
		"/dashboard/":        {auth: "login", where: "reports/views.py:42"},
		"/totals/":           {auth: "login", where: "reports/mixins.py:9"},
	})
}

// TestLaterStrongerCheck checks that a decorator that first turns away
// anonymous users and then lets through only those with a permission (the
// view called inside try and with blocks) is a permission check, and one
// that checks the login alone stays a login check.
func TestLaterStrongerCheck(t *testing.T) {
	m := load(t, "layered")
	check(t, m, map[string]want{
		"/panel/":  {auth: "login", where: "app/views.py:6", perm: "permission"},
		"/lounge/": {auth: "login", where: "app/views.py:11", perm: "none"},
	})
}

// TestMiddlewareThatLetsLoggedInUsersThrough checks a project middleware
// whose process_view passes logged-in users on first (return None) and
// sends everyone else to the login page, but for the views its own
// decorator exempts.
func TestMiddlewareThatLetsLoggedInUsersThrough(t *testing.T) {
	m := load(t, "gatekept")
	requireGate(t, m, "RequireLogin")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/middleware.py:20"},
		"/welcome/":               {auth: "public", where: "app/views.py:13"}, // @no_login_required, the middleware's exemption
	})
}

// TestMiddlewareExemptPrefixes checks that a project's login middleware
// lets through, before its check, the paths under the literal prefixes it
// lists (in a loop, after the script prefix, or in an if of their own),
// and keeps the others, a prefix whose branch only logs among them.
func TestMiddlewareExemptPrefixes(t *testing.T) {
	m := load(t, "gate-exempt")
	requireGate(t, m, "RequireLogin")
	if got := m.Gate.Except; !slices.Equal(got, []string{"/api", "/accounts", "/status/"}) {
		t.Errorf("exempt prefixes %q, want /api, /accounts and /status/", got)
	}
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/":     {auth: "login", where: "proj/middleware.py:23"},
		"/reports/<int:pk>/delete/":   {auth: "login", where: "proj/middleware.py:23"},
		"/api/notes/<int:pk>/delete/": {auth: "none", where: ""},
	})
}

// TestMiddlewareThatPassesThenLogsIn checks a project middleware whose
// process_view hands the request on only when the session holds its
// single sign-on token (or for the login paths), and otherwise ends by
// sending it to the login page: a login gate. One that ends by sending it
// to another page is not.
func TestMiddlewareThatPassesThenLogsIn(t *testing.T) {
	m := load(t, "sessiongate")
	requireGate(t, m, "SSOMiddleware")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/middleware.py:17"},
	})
	if m := load(t, "sessiongate-other"); m.Gate != nil {
		t.Errorf("gate %+v, want none: the middleware sends no one to log in", m.Gate)
	}
}

// TestGatewayDecorator checks that apigw-manager's apigw_require, which
// refuses requests its middleware found no gateway-signed token on, is a
// credential check, while a library decorator djsec does not know stays
// unknown.
func TestGatewayDecorator(t *testing.T) {
	m := load(t, "gateway")
	check(t, m, map[string]want{
		"/api/tasks/": {auth: "credential", where: "app/views.py:6"},
		"/api/notes/": {auth: "unknown", where: "app/views.py:11"},
	})
}

// TestProxyHeaderLogin checks that a middleware that authenticates by a
// header its proxy sets (named in the settings), turns away requests
// without it and sets request.user is a login gate; one that logs in the
// owner of an API key only when a request sends one is not.
func TestProxyHeaderLogin(t *testing.T) {
	m := load(t, "proxied")
	requireGate(t, m, "ProxyLogin")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/middleware.py:15"},
	})
	if m := load(t, "keyed"); m.Gate != nil {
		t.Errorf("gate %+v, want none: a key checked only when sent leaves the others anonymous", m.Gate)
	}
}

// TestTokenMiddlewareDeniesByDefault checks a middleware that refuses
// every request at its end but those it set request.user for and the
// paths a setting exempts: a login gate. One that lets a request without
// a token through anonymous is not.
func TestTokenMiddlewareDeniesByDefault(t *testing.T) {
	m := load(t, "tokengate")
	requireGate(t, m, "TokenAuth")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/middleware.py:26"},
	})
	if m := load(t, "tokengate-open"); m.Gate != nil {
		t.Errorf("gate %+v, want none: requests without a token go on anonymous", m.Gate)
	}
}

// TestSignatureMiddlewareGate checks a middleware that refuses every
// request its check of a signed header turns down: a credential gate for
// every view but those its own decorator exempts. One that checks a
// signature only when a request carries one is no gate.
func TestSignatureMiddlewareGate(t *testing.T) {
	m := load(t, "signedgate")
	requireGate(t, m, "SignatureRequired")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "credential", where: "proj/middleware.py:27"},
		"/hooks/mail/":            {auth: "none"},
	})
	for _, dir := range []string{"signedgate-optional", "signedgate-lenient"} {
		if m := load(t, dir); m.Gate != nil {
			t.Errorf("%s: gate %+v, want none: unsigned requests go on", dir, m.Gate)
		}
	}
}

// TestStronghold checks django-stronghold's middleware, which requires a
// login of every view but those marked @public.
func TestStronghold(t *testing.T) {
	m := load(t, "stronghold")
	requireGate(t, m, "django-stronghold")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/settings.py:5"},
		"/welcome/":               {auth: "public", where: "app/views.py:12"},
	})
}

// TestLibraryLoginMiddleware checks a library's middleware that sends
// every request without a login to sign in (django-staff-sso-client's),
// and that a library's middleware djsec does not know is no gate.
func TestLibraryLoginMiddleware(t *testing.T) {
	m := load(t, "staffsso")
	requireGate(t, m, "authbroker_client's ProtectAllViewsMiddleware")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/settings.py:5"},
	})
	if m := load(t, "staffsso-other"); m.Gate != nil {
		t.Errorf("gate %+v, want none from another middleware of the library", m.Gate)
	}
}

// TestMiddlewareAskingAHelper checks a middleware that asks a helper of
// the project, which answers False when a permission check fails, and
// sends whoever it refuses to the login page: a gate.
func TestMiddlewareAskingAHelper(t *testing.T) {
	m := load(t, "privileged")
	requireGate(t, m, "PathPrivileges")
	check(t, m, map[string]want{
		"/notes/<int:pk>/delete/": {auth: "login", where: "proj/middleware.py:24"},
	})
}

// TestBulkViewSet checks that django-rest-framework-bulk's viewsets are
// DRF views, under DRF's default permission classes, and so is a viewset
// a router registers whose DRF base comes from a library djsec does not
// hold.
func TestBulkViewSet(t *testing.T) {
	m := load(t, "bulk")
	var got []string
	for _, r := range m.Routes {
		got = append(got, r.Pattern+" "+r.Auth.Value)
		if r.Auth.Value != "login" {
			t.Errorf("%s: authentication %s (%s), want login from DEFAULT_PERMISSION_CLASSES", r.Pattern, r.Auth.Value, r.Auth.Detail)
		}
	}
	if len(got) != 4 {
		t.Fatalf("routes %q, want the list and detail routes of two viewsets", got)
	}
}

// TestPermissionRequiredUnread checks that permission_required guards a
// view only when something reads it: PermissionRequiredMixin or the
// project's own check, not a plain View.
func TestPermissionRequiredUnread(t *testing.T) {
	m := load(t, "unchecked")
	check(t, m, map[string]want{
		"/notes/<int:pk>/link/":    {auth: "none", where: "", perm: "none"},
		"/notes/<int:pk>/pin/":     {auth: "login", where: "app/views.py:19", perm: "permission"},
		"/notes/<int:pk>/archive/": {auth: "login", where: "app/views.py:36", perm: "permission"},
	})
}

// requireGate stops the test unless the model's gate is the middleware
// whose description starts with what.
func requireGate(t *testing.T, m *Model, what string) {
	t.Helper()
	if m.Gate == nil || !strings.HasPrefix(m.Gate.What, what) {
		t.Fatalf("gate %+v, want %s", m.Gate, what)
	}
}

// TestDefaultsOfTheCompleteSettings checks that REST_FRAMEWORK's defaults
// are read from the complete settings module, not from a fragment of a
// few settings whose name sorts before it.
func TestDefaultsOfTheCompleteSettings(t *testing.T) {
	check(t, load(t, "fragmented"), map[string]want{
		"/vouchers/": {auth: "login", where: "proj/settings/production.py:9"},
	})
}

// TestHorizonPanels checks that the views of a Horizon panel require a
// login, which the dashboard's require_auth adds at run time, unless the
// dashboard is public.
func TestHorizonPanels(t *testing.T) {
	check(t, load(t, "horizon"), map[string]want{
		"/project/instances/(?P<instance_id>[^/]+)/update": {auth: "login", where: "dashboards/project/instances/panel.py:1"},
		"/status/health/": {auth: "none", where: ""},
		"/admin/instances/(?P<instance_id>[^/]+)/update": {auth: "login", where: "dashboards/admin/instances/panel.py:1"},
	})
}

// TestPathGate checks a middleware that keeps the paths under some
// prefixes to users who pass a check, answering the others with an error
// in a 200: a guard of the routes under those prefixes only. One that
// notes the visit and lets it go on guards nothing.
func TestPathGate(t *testing.T) {
	m := load(t, "pathgate")
	if m.Gate != nil {
		t.Errorf("gate %+v, want none: the middleware guards some paths only", m.Gate)
	}
	check(t, m, map[string]want{
		"/api/console/board/":         {auth: "login", where: "proj/middleware.py:16", perm: "permission"},
		"/api/notes/<int:pk>/delete/": {auth: "none"},
	})
	check(t, load(t, "pathgate-logonly"), map[string]want{
		"/api/console/board/": {auth: "none"},
	})
}

// TestClassDecorator checks a decorator written as a class whose
// __call__ runs the view only when a method of the subclass says yes; a
// look-alike that runs the view whatever the method says guards nothing.
func TestClassDecorator(t *testing.T) {
	check(t, load(t, "pathgate"), map[string]want{
		"/api/settings/": {auth: "login", where: "app/views.py:21"},
		"/api/stats/":    {auth: "none"},
	})
}

// TestObjectGuard checks a get_object that turns away users who neither
// own the object nor hold a permission: a guard of a generic update,
// delete or detail view, whose every handler runs it, and of nothing
// else (a create view, a view whose own post skips it). Mixins that look
// the permission up in request.user.get_all_permissions() guard too.
func TestObjectGuard(t *testing.T) {
	check(t, load(t, "objectguard"), map[string]want{
		"/claims/<int:pk>/edit/":       {auth: "login", where: "app/mixins.py:11", perm: "permission"},
		"/claims/<int:pk>/delete/":     {auth: "login", where: "app/mixins.py:11"},
		"/claims/new/":                 {auth: "none"},
		"/claims/<int:pk>/approve/":    {auth: "none"},
		"/layers/new/":                 {auth: "login", where: "app/mixins.py:21", perm: "permission"},
		"/teams/<slug:team>/settings/": {auth: "login", where: "app/mixins.py:29", perm: "permission"},
	})
}

// TestDevOnlyViews checks that a view that refuses to answer unless
// settings.DEBUG is on, from its first statement, is no route of the
// production site, and that a view behind a feature switch, or one that
// looks at DEBUG only after it has done its work, is.
func TestDevOnlyViews(t *testing.T) {
	have := map[string]bool{}
	for _, r := range load(t, "devonly").Routes {
		have[r.Pattern] = true
	}
	for pattern, want := range map[string]bool{
		"/uploads/<int:pk>/local/": false, "/uploads/store/": false,
		"/uploads/<int:pk>/beta/": true, "/uploads/<int:pk>/": true,
	} {
		if have[pattern] != want {
			t.Errorf("%s: a route %v, want %v", pattern, have[pattern], want)
		}
	}
}

// TestDRFPermissionsDjsecCannotRead checks that a view behind a login gate
// whose DRF permission classes come from settings djsec cannot read has an
// unknown permission, not none; and that a permission class of the
// project that checks a login itself, then calls DjangoModelPermissions'
// has_permission, asks for a model permission.
func TestDRFPermissionsDjsecCannotRead(t *testing.T) {
	check(t, load(t, "drfperms"), map[string]want{
		"/notes/<pk>/": {auth: "login", where: "proj/middleware.py:9", perm: "unknown"},
		"/tags/<pk>/":  {auth: "login", where: "proj/middleware.py:9", perm: "permission"},
	})
}

// TestImportedURLPatterns checks that a root URLconf that imports another
// module's urlpatterns and extends them (from front.urls import
// urlpatterns, then urlpatterns += [...]) routes that module's entries too,
// and that one that assigns urlpatterns anew does not.
func TestImportedURLPatterns(t *testing.T) {
	m := load(t, "borrowed")
	check(t, m, map[string]want{
		"/accounts/":         {auth: "login", where: "front/views.py:5"},
		"/about/":            {auth: "none"},
		"/legacy/old-about/": {auth: "none"},
		"/help/":             {auth: "none"},
	})
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/borrowed")); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "proj", "urls.py")
	data, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("urlpatterns += ["), []byte("urlpatterns = ["), 1)
	if err := os.WriteFile(conf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	files, _, err := project.Walk(dir, project.WalkOptions{Exclude: &project.Ignore{}, MaxFileSize: project.DefaultMaxFileSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Analyze(project.New(dir, files, project.Inputs{})).Routes {
		if r.Pattern == "/accounts/" || r.Pattern == "/about/" {
			t.Errorf("route %s of the urlpatterns the module replaced", r.Pattern)
		}
	}
}

// TestViewSetActions checks that a router routes a viewset's @action
// methods, its bases' too, at the path and with the methods each names,
// behind the class's guards; an action that sets its own permission
// classes is left out, and one its subclass redefines is gone.
func TestViewSetActions(t *testing.T) {
	m := load(t, "viewactions")
	got := map[string][]string{}
	for _, r := range m.Routes {
		got[r.Pattern] = r.Methods
		if r.Pattern == "/notes/<pk>/publish/" && r.Permission.Value != "staff" {
			t.Errorf("%s: permission %s (%s), want staff", r.Pattern, r.Permission.Value, r.Permission.Detail)
		}
	}
	for pattern, methods := range map[string][]string{
		"/notes/recent/":       {"GET"},
		"/notes/<pk>/publish/": {"POST", "PUT"},
		"/notes/bulk/edit/":    {"PATCH"},
	} {
		if !slices.Equal(got[pattern], methods) {
			t.Errorf("%s: methods %v, want %v", pattern, got[pattern], methods)
		}
	}
	for _, pattern := range []string{"/notes/feedback/", "/notes/archived/"} {
		if _, ok := got[pattern]; ok {
			t.Errorf("route %s, want none", pattern)
		}
	}
}

// TestCapabilities checks the rows a view selects by a secret the request
// carries: a field named for one, read from self.kwargs, and a field the
// model fills with random text, read from the query string. A field
// anyone can guess guards nothing.
func TestCapabilities(t *testing.T) {
	m := load(t, "capabilities")
	check(t, m, map[string]want{
		"/pastes/<str:paste_id>/delete/":           {auth: "secret-url", where: "pastes/views.py:10"},
		"/pastes/<str:paste_id>/delete-by-number/": {auth: "none"},
		"/claims/<int:pk>/":                        {auth: "secret-url", where: "pastes/views.py:24"},
		"/claims/<int:pk>/by-ticket/":              {auth: "none"},
	})
}
