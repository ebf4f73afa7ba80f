package code

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// OpenRedirect is a taint rule: a redirect goes to a URL taken from the request.
var OpenRedirect = &analysis.Rule{
	ID:         "DJC103",
	Name:       "open-redirect",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{601},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "A redirect goes to a URL taken from the request",
		What:       "Reports redirect(), HttpResponseRedirect and HttpResponsePermanentRedirect whose target comes from the request. Targets checked with url_has_allowed_host_and_scheme (or the older is_safe_url) in a guarding branch, targets compared with an allowlist, reverse() results and URLs whose host is pinned by a constant or computed prefix (\"/orders/\" + slug, \"https://example.com/\" + path, settings.LOGIN_URL + \"?next=\" + path) are not reported. Nor are targets in a branch where they start with a literal that pins the host (next.startswith(\"/orders/\"), startswith(\"https://pay.example.com/\"), request.GET[\"r\"] if request.GET.get(\"r\", \"\").startswith(\"/editor/\") else ...). A check that the target starts with \"/\" but not \"//\" does not count: browsers follow \"/\\evil.example\" off-site. When the target passes a test of the project's own first (if self.is_relative_url(url): return url), the message names that test and says what it lets through, rather than that there is no check. The project's own helpers count as checks when every true result they return comes after such a check (or every false result, for helpers such as is_foreign(url)), also where the helper then binds the checked parameter's name to something else (url = urlparse(url)), and so do clean_<field> methods of forms. Data only in the query string or fragment after a computed or checked URL (reverse(...) + \"?next=\" + path, f\"{checked_url}?{params.urlencode()}\", \"{:s}?{:s}\".format(reverse(...), query), f\"{login_url}?next={path}\" and f\"{that}&{params}\" after it), and what is added after a query's start whatever comes before it (url + \"?\" + query, url += \"&error=\" + code, also in the project's helpers, where the URL passed in keeps its own data), is not reported. In middleware that sees every request (process_request, process_response, __call__), request.path and get_full_path() count as request data: a request for //evil.example/ has that path, unless escape_leading_slashes, is_valid_path or a resolve() that returned rules it out, or something the code chose comes before it (\"https://{0}{1}\".format(request.get_host(), request.path), \"https://%s%s\" % (host, request.get_full_path()), \"%s://%s%s\" % (scheme, settings.HOST, request.path)), or the script prefix it starts with is replaced by itself and a segment the code chose (path.replace(prefix, \"%s%s/\" % (prefix, language), 1), as LocaleMiddleware does): a path begins with \"/\", so after a start it stays on that host. A redirect back to the Referer header is reported at low severity: it sends the victim back to the page they came from. So is a target read from the request body (request.POST, request.data) in a view that every route reaches behind a CSRF check (Django's CsrfViewMiddleware, or DRF's for a view that requires a login): another site cannot make a user's browser send it, and a link carries only a query string. A field a page may fill in from a link stays at the rule's severity: \"next\" (the login form's hidden field, copied from the query string), or a field of a name the view's module reads from request.GET or a template from request.GET." + staffNote,
		Why:        "Attackers send links to the trusted site that bounce victims to a phishing page; after login the victim believes they are still on the real site.",
		Bad:        "next_url = request.GET.get(\"next\", \"/\")\nreturn redirect(next_url)",
		Good:       "next_url = request.GET.get(\"next\", \"/\")\nif not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):\n    next_url = \"/\"\nreturn redirect(next_url)",
		Fix:        "Check the target with django.utils.http.url_has_allowed_host_and_scheme before redirecting, or redirect to a named URL with reverse().",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.http.url_has_allowed_host_and_scheme", "https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html", "https://cwe.mitre.org/data/definitions/601.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		var model *access.Model
		taintRunWith(redirectSinks, "redirect target comes from request data (%s) and reaches %s without a host check", func(f taint.Finding, d *analysis.Diagnostic) {
			backToReferer(f, d)
			if model == nil {
				model = access.Analyze(pass.Project)
			}
			if call, at := passedTest(prog, f); call != "" {
				d.Message = strings.Replace(d.Message, " without a host check", "", 1) + testNote(call, at)
			}
			if check := unforgeableBody(prog, model, f); check != "" && !relayedField(pass.Project, prog, f) {
				d.Severity = report.Low
				d.Message += "; the target is read from the request body, which the CSRF check (" + check +
					") keeps other sites from sending in a user's name: a link cannot make this redirect, only a form the user submits on the site"
			}
		})(pass)
	},
}

// refererSource matches the request data that is the Referer header.
var refererSource = lazyre.New(`(?i)HTTP_REFERER|["']referr?er["']`)

// backToReferer lowers a redirect to the Referer header: the browser
// sends the page it came from, so an attacker's link sends the victim
// back to the attacker's page, where the victim already was. It is still
// a redirect to a URL the site does not check (a page that was framed, a
// Referer kept by a proxy), and a finding a reviewer should see, at low
// severity.
func backToReferer(f taint.Finding, d *analysis.Diagnostic) {
	if refererSource().MatchString(f.Source) {
		d.Severity, d.Confidence = report.Low, report.MediumConfidence
		d.Message += "; it goes back to the page the browser came from, which is the attacker's only when the victim was already on it"
	}
}

// bodyFieldRE finds the field a source reads from the request body:
// request.POST.get("next"), request.data["return_url"].
var bodyFieldRE = lazyre.New(`(?:POST|data)(?:\.get\(|\[)\s*["']([^"']+)["']`)

// relayedField reports a redirect target read from a form field that a
// page of the site may fill in from a link: the login form's hidden
// "next", which Django's LoginView and most projects copy from the query
// string, or a field of the same name that the view's module reads from
// request.GET or a template from request.GET. The victim submits that
// form themselves, CSRF token and all, and the target is the link's.
// A source with no field of its own (a whole form) counts as relayed.
func relayedField(p *project.Project, prog *taint.Program, f taint.Finding) bool {
	src := sourceOf(f)
	mod := moduleAt(prog, src.Path)
	key := bodyField(f.Source)
	if key == "" && mod != nil {
		// a long source is shortened in the finding (request.POST.get(…)):
		// read the call where the flow starts
		key = bodyField(string(sourceText(mod.Content(), src)))
	}
	if key == "" || key == "next" {
		return true
	}
	if mod != nil {
		for _, q := range []string{`"`, `'`} {
			for _, read := range []string{"GET.get(" + q + key + q, "GET[" + q + key + q, "query_params.get(" + q + key + q} {
				if bytes.Contains(mod.Content(), []byte(read)) {
					return true
				}
			}
		}
	}
	var buf []byte
	for _, t := range p.OfKind(project.Template) {
		if data, err := t.Peek(&buf); err == nil && bytes.Contains(data, []byte("request.GET."+key)) {
			return true
		}
	}
	return false
}

// bodyField returns the field bodyFieldRE finds in text, or "".
func bodyField(text string) string {
	if m := bodyFieldRE().FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// sourceText returns up to 200 bytes of src from the position of loc.
func sourceText(src []byte, loc report.Location) []byte {
	off := 0
	for line := 1; line < loc.Line; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return nil
		}
		off += i + 1
	}
	off = min(off+max(loc.Column-1, 0), len(src))
	return src[off:min(off+200, len(src))]
}

// redirectSinks are the calls that send the browser elsewhere.
var redirectSinks = &taint.Spec{
	Kind: taint.Redirect,
	Sinks: []taint.Sink{
		{Func: "django.shortcuts.redirect", Name: "{last}", Args: []taint.Arg{taint.A(0, "to", "redirect_to")}},
		{Func: "django.http.**.HttpResponseRedirect", Name: "{last}", Args: []taint.Arg{taint.A(0, "to", "redirect_to")}},
		{Func: "django.http.**.HttpResponsePermanentRedirect", Name: "{last}", Args: []taint.Arg{taint.A(0, "to", "redirect_to")}},
	},
	Sanitizers: []taint.Sanitizer{{Func: "django.utils.http.escape_leading_slashes"}},
	Guards: []taint.Guard{
		{Func: "**.url_has_allowed_host_and_scheme", Arg: taint.A(0, "url")},
		{Func: "**.is_safe_url", Arg: taint.A(0, "url")},
		// a path the URL patterns resolve does not start with "//"
		{Func: "django.urls.is_valid_path", Arg: taint.A(0, "path")},
		{Func: "django.urls.base.is_valid_path", Arg: taint.A(0, "path")},
		{Func: "django.urls.resolve", Arg: taint.A(0, "path"), Raises: true},
		{Func: "django.urls.base.resolve", Arg: taint.A(0, "path"), Raises: true},
	},
}
