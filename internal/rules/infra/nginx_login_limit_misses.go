package infra

import (
	"regexp"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// NginxLoginLimitMisses finds a rate limit meant for logins that the
// project's login URL never reaches.
var NginxLoginLimitMisses = &analysis.Rule{
	ID: "DJI114", Name: "nginx-login-limit-misses",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{307}, Checklist: []int{5, 13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx limits a login location that the login URL never reaches",
		What: "Reports a location with limit_req whose path names a login, sign-in, password or token endpoint " +
			"when a login URL of the project (a route of its URLconf named or written like login or sign-in, " +
			"mounted at /) is sent by nginx's own choice of location (exact, longest prefix, then regular " +
			"expressions in order, nested ones first) to another location that passes it to the application " +
			"with no limit_req in effect. Left alone: routes whose path is no literal, servers with an include " +
			"djsec cannot follow, and locations whose regular expression Go cannot read.",
		Why: "The limit looks like brute-force protection in review, but it protects nothing: a regular " +
			"expression such as ^/(login[^-/]|password-reset) needs a character after login, so /login and " +
			"/login/ go to location / and passwords can be tried as fast as the application answers.",
		Bad: "location ~ ^/(login[^-/]|password-reset) {\n    limit_req zone=login burst=1 nodelay;\n    proxy_pass http://app;\n}\n" +
			"location / {\n    proxy_pass http://app;\n}",
		Good: "location ~ ^/(login/?$|login/|password-reset) {\n    limit_req zone=login burst=1 nodelay;\n    proxy_pass http://app;\n}",
		Fix: "Make the login location match the URLs `djsec routes` lists for the login views (/login, /login/ " +
			"and any suffixes), and check it with `curl -I` against the running site: the 429 must come back " +
			"after the burst.",
		References: []string{"https://nginx.org/en/docs/http/ngx_http_core_module.html#location",
			"https://nginx.org/en/docs/http/ngx_http_limit_req_module.html"},
	},
	Run: func(pass *analysis.Pass) {
		confs := nginxConfs(pass)
		if len(confs) == 0 {
			return
		}
		logins := loginURIs(access.Analyze(pass.Project))
		if len(logins) == 0 {
			return
		}
		lf := &locationFinder{budget: maxLocationTries}
		for _, c := range confs {
			for _, s := range c.servers() {
				if !proxiesApp(s) || s.unresolved() {
					continue
				}
				checkLoginLimits(pass, s, logins, lf)
			}
		}
	},
}

// loginURI is a URL that reaches a login view, with the route it comes
// from.
type loginURI struct {
	uri   string
	route *access.Route
}

// loginRoute matches the names and paths of login views.
var loginRoute = lazyre.New(`(?i)(^|[^a-z])(log_?in|log-in|sign_?in|sign-in)([^a-z]|$)`)

// mayNameLogin reports a route's name or pattern that loginRoute
// matches. Most of a project's routes hold neither "log" nor "sign", in
// any case, which a search for their "g" tells without the expression.
func mayNameLogin(s string) bool {
	return strings.ContainsAny(s, "gG") && loginRoute().MatchString(s)
}

// loginURIs returns the URLs of the routes of login views whose path is
// literal: /login/ and, for a pattern ending in an optional slash, /login
// too.
func loginURIs(model *access.Model) []loginURI {
	var out []loginURI
	for _, r := range model.Routes {
		if len(out) >= maxLoginURIs {
			break
		}
		if !mayNameLogin(r.Name) && !mayNameLogin(r.Pattern) || strings.Contains(strings.ToLower(r.Pattern+r.Name), "logout") {
			continue
		}
		p := strings.TrimSuffix(strings.Replace(r.Pattern, "^", "", 1), "$")
		variants := []string{p}
		if base, ok := strings.CutSuffix(p, "/?"); ok {
			variants = []string{base + "/", base}
		}
		for _, v := range variants {
			if strings.HasPrefix(v, "/") && !strings.ContainsAny(v, `<>()[]{}*+?|\.^$`) {
				out = append(out, loginURI{uri: v, route: r})
			}
		}
	}
	return out
}

// checkLoginLimits reports, once per server s that limits a login
// location, the first login URL that nginx sends elsewhere, to the
// application, with no limit_req in effect.
func checkLoginLimits(pass *analysis.Pass, s chain, logins []loginURI, lf *locationFinder) {
	var limits []chain
	for _, l := range locations(s) {
		b := l.last()
		if b.Name == "location" && len(findAll(b.Block, "limit_req")) > 0 && loginPath().MatchString(strings.Join(b.Args, " ")) {
			limits = append(limits, l)
		}
	}
	if len(limits) == 0 {
		return
	}
	for _, lu := range logins {
		got, known := lf.find(s, lu.uri, 0)
		if !known || got == nil {
			continue
		}
		if ds, _ := got.array("limit_req"); len(ds) > 0 || passes(got.last()) == nil {
			continue
		}
		lim := limits[0].last()
		pass.Reportf(loc(lim), "%s limits login attempts, but nginx sends the login URL %s (route %s, %s:%d) to %s (%s:%d), which "+
			"passes it to the application with no limit_req: passwords can be tried as fast as the application answers",
			describe(lim), lu.uri, lu.route.Pattern, lu.route.Where.Path, lu.route.Where.Line, describe(got.last()), got.last().File, got.last().Pos.Line)
		return
	}
}

// The most login URLs checked, and the most regular expressions tried
// against them in one scan: a configuration of thousands of servers and
// regular expressions, and a URLconf of thousands of login routes, would
// otherwise multiply.
const (
	maxLoginURIs     = 32
	maxLocationTries = 100000
)

// locationFinder finds the location nginx picks for a URL within a budget
// of regular expressions tried. They are compiled at each try rather than
// kept: a compiled expression takes a few kilobytes, and a configuration
// may hold tens of thousands of them.
type locationFinder struct {
	budget int
}

// find returns the location chain nginx picks for uri among the
// locations of c (a server, or a location with nested ones), following
// ngx_http_core_find_location: an exact match wins; otherwise the longest
// prefix is remembered and its nested locations are searched; a ^~ prefix
// stops there; then this level's regular expressions are tried in order,
// and the first that matches is searched for nested ones too. It returns
// nil when no location of c matches, and known=false when a regular
// expression cannot be read or the budget of tries is spent.
func (lf *locationFinder) find(c chain, uri string, depth int) (found chain, known bool) {
	if depth > 8 || lf.budget <= 0 {
		return nil, false
	}
	type regexLoc struct {
		d    *inf.Directive
		expr string
	}
	var prefix chain
	var regexes []regexLoc
	best, stop := -1, false
	for _, d := range c.last().Block {
		if d.Name != "location" || len(d.Args) == 0 {
			continue
		}
		mod, pat := "", d.Args[0]
		if len(d.Args) > 1 {
			mod, pat = d.Args[0], d.Args[1]
		} else if m, p, ok := splitModifier(pat); ok {
			mod, pat = m, p
		}
		switch mod {
		case "=":
			if uri == pat {
				return c.with(d), true
			}
		case "", "^~":
			if strings.HasPrefix(uri, pat) && len(pat) > best {
				prefix, best, stop = c.with(d), len(pat), mod == "^~"
			}
		case "~":
			regexes = append(regexes, regexLoc{d, pat})
		case "~*":
			regexes = append(regexes, regexLoc{d, "(?i)" + pat})
		}
	}
	if prefix != nil {
		inner, ok := lf.find(prefix, uri, depth+1)
		if !ok {
			return nil, false
		}
		if inner != nil {
			return inner, true
		}
		if stop {
			return prefix, true
		}
	}
	for _, rl := range regexes {
		if lf.budget--; lf.budget <= 0 {
			return nil, false
		}
		re, err := regexp.Compile(rl.expr)
		if err != nil {
			return nil, false // PCRE that RE2 does not read (lookaround, backreferences)
		}
		if re.MatchString(uri) {
			r := c.with(rl.d)
			inner, ok := lf.find(r, uri, depth+1)
			if !ok {
				return nil, false
			}
			if inner != nil {
				return inner, true
			}
			return r, true
		}
	}
	return prefix, true
}

// splitModifier reads a modifier written against its pattern: "=/login".
func splitModifier(arg string) (mod, pat string, ok bool) {
	for _, m := range []string{"^~", "~*", "=", "~"} {
		if rest, found := strings.CutPrefix(arg, m); found && rest != "" {
			return m, rest, true
		}
	}
	return "", arg, false
}
