package settings

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// CSPUnsafeSource finds script sources that defeat a Content-Security-Policy.
var CSPUnsafeSource = &analysis.Rule{
	ID: "DJS214", Name: "csp-unsafe-source",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{79, 1021}, Checklist: []int{7, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Content-Security-Policy allows unsafe script sources",
		What: "Reports script-src (or default-src when there is no script-src) of the enforced policy, set with " +
			"Django 6's SECURE_CSP, django-csp 4's CONTENT_SECURITY_POLICY or django-csp 3's CSP_* settings, when " +
			"it allows 'unsafe-inline' (unless a nonce, hash or 'strict-dynamic' makes browsers ignore it), " +
			"'unsafe-eval', any host (*), any HTTPS or HTTP host (https:, http:) or data: URLs. Report-only " +
			"policies are left alone. A directive is reported once, at its first unsafe source, with every one it allows. " +
			"Settings that no middleware sends are left alone too: MIDDLEWARE holds neither django-csp's CSPMiddleware nor " +
			"ContentSecurityPolicyMiddleware, and no module of the project but the settings names the setting (as its own " +
			"middleware would to send the header); DJS213 then says no policy is sent.",
		Why:        "Each of these sources lets an injected script run, so the policy no longer stops XSS.",
		Bad:        "SECURE_CSP = {\"script-src\": [CSP.SELF, CSP.UNSAFE_INLINE]}",
		Good:       "SECURE_CSP = {\"script-src\": [CSP.SELF, CSP.NONCE]}",
		Fix:        "Move inline scripts to files or give them a nonce (CSP.NONCE / csp_nonce), replace eval, and list the script hosts by name.",
		References: []string{"https://docs.djangoproject.com/en/dev/ref/csp/", "https://csp.withgoogle.com/docs/strict-csp.html"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			dirs := cspDirectives(e)
			if len(dirs) > 0 && !sendsCSP(pass.Project, e, dirs) {
				return // no policy goes out: DJS213 says so
			}
			if _, _, _, ignored := ignoredCSP(pass, e); ignored {
				// django-csp 4 ignores the CSP_* settings: DJS213 says
				// no policy is sent, and what they allow allows nothing
				dirs = slices.DeleteFunc(dirs, func(d cspDirective) bool { return strings.HasPrefix(d.setting, "CSP_") })
			}
			hasScript := map[string]bool{}
			for _, d := range dirs {
				if d.name == "script-src" {
					hasScript[d.policy] = true
				}
			}
			for _, d := range dirs {
				if d.name != "script-src" && !(d.name == "default-src" && !hasScript[d.policy]) {
					continue
				}
				neutral := false
				for _, s := range d.sources {
					if s.Kind == st.Str && (strings.HasPrefix(s.S, "'nonce") || strings.HasPrefix(s.S, "'sha") || s.S == "'strict-dynamic'") {
						neutral = true
					}
				}
				// one finding per directive, at its first unsafe source,
				// naming them all: a permissive policy is one mistake
				var unsafe, whys []string
				at := d.c
				for _, s := range d.sources {
					if s.Kind != st.Str {
						continue
					}
					why := ""
					switch strings.ToLower(s.S) {
					case "'unsafe-inline'":
						if !neutral {
							why = "lets injected inline scripts run"
						}
					case "'unsafe-eval'":
						why = "lets scripts turn strings into code"
					case "*", "http:", "https:":
						why = "lets scripts load from hosts an attacker controls"
					case "data:":
						why = "lets scripts load from data: URLs"
					}
					if why == "" {
						continue
					}
					if len(unsafe) == 0 && !at.FromEnv() {
						at.At = s.Origin
					}
					unsafe, whys = append(unsafe, s.S), append(whys, s.S+" "+why)
				}
				switch len(unsafe) {
				case 0:
				case 1:
					r.at(at, d.setting+" "+d.name+" allows "+unsafe[0]+", which "+strings.TrimPrefix(whys[0], unsafe[0]+" ")+at.When())
				default:
					r.at(at, d.setting+" "+d.name+" allows "+strings.Join(unsafe[:len(unsafe)-1], ", ")+" and "+unsafe[len(unsafe)-1]+
						": "+strings.Join(whys, "; ")+at.When())
				}
			}
		})
	},
}

// sendsCSP reports whether a policy the settings write may go out: the
// middleware list holds a CSP middleware, is not fully known, or a module
// of the project other than the settings names one of the settings that
// hold the directives (its own middleware sending the header).
func sendsCSP(p *project.Project, e *st.Entry, dirs []cspDirective) bool {
	_, v, absent := middlewareSetting(e)
	if !absent {
		if _, ok := st.Holds(v, lacks(isCSPMiddleware)); !ok {
			return true
		}
	}
	names := map[string]bool{}
	for _, d := range dirs {
		names[d.setting] = true
	}
	var buf []byte
	for _, f := range p.OfKind(project.Python) {
		if strings.Contains(f.Path, "settings") || analysis.TestPath(f.Path) {
			continue
		}
		data, err := f.Peek(&buf)
		if err != nil {
			continue
		}
		for n := range names {
			if bytesearch.Contains(data, n) {
				return true
			}
		}
	}
	return false
}
