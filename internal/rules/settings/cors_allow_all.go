package settings

import (
	"regexp"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// CORSAllowAll finds django-cors-headers configured to accept every origin.
var CORSAllowAll = &analysis.Rule{
	ID: "DJS501", Name: "cors-allow-all",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{942, 346}, Checklist: []int{3, 17},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "CORS allows every origin",
		What: "When django-cors-headers is installed, reports CORS_ALLOW_ALL_ORIGINS (or the old " +
			"CORS_ORIGIN_ALLOW_ALL) set to True, and CORS_ALLOWED_ORIGIN_REGEXES (CORS_ORIGIN_REGEX_WHITELIST) " +
			"entries that match any origin, such as r\".*\" or r\"^https?://.*$\". With CORS_ALLOW_CREDENTIALS " +
			"True the finding is high: any site can then read authenticated responses. Without it the finding is low: " +
			"browsers send no cookies with such requests, so other sites read what an anonymous request gets, which " +
			"a public API means to serve (but also what only the users' network can reach).",
		Why: "Any website a user visits can call the API from the user's browser and read the answers; with " +
			"credentials allowed, that includes everything the user's session can see.",
		Bad:        "CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True",
		Good:       "CORS_ALLOWED_ORIGINS = [\"https://app.example.com\"]\nCORS_ALLOW_CREDENTIALS = True",
		Fix:        "List the front-end origins in CORS_ALLOWED_ORIGINS, anchor regexes to your own domain (r\"^https://\\w+\\.example\\.com$\"), and allow credentials only for listed origins.",
		References: []string{"https://github.com/adamchainz/django-cors-headers#configuration"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if installed(e, "corsheaders") != 1 {
				return
			}
			_, creds := st.Check(e.Value("CORS_ALLOW_CREDENTIALS"), isTrue)
			add := func(c st.Case, msg string) {
				d := pendingAt(c, msg)
				if creds {
					d.Message += "; with CORS_ALLOW_CREDENTIALS = True, that includes responses to logged-in users"
					d.Severity = report.High
				} else {
					// Browsers send no cookies: other sites read what an
					// anonymous request gets, as a public API intends.
					d.Message += "; without CORS_ALLOW_CREDENTIALS they read only what a request without cookies gets " +
						"(a public API), but also what the users' browsers alone can reach (an intranet)"
					d.Severity = report.Low
				}
				r.add(d)
			}
			for _, name := range []string{"CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"} {
				if c, ok := st.Check(e.Value(name), isTrue); ok {
					add(c, name+" is "+c.V.Repr()+c.When()+", so every site can read responses")
				}
			}
			for _, name := range []string{"CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"} {
				c, ok := st.Check(e.Value(name), func(v *st.Value) bool { return v.IsSeq() })
				if !ok {
					continue
				}
				for _, x := range c.V.Elems {
					if x.Kind == st.Str && matchesAnyOrigin(x.S) {
						at := c
						if !c.FromEnv() {
							at.At = x.Origin
						}
						add(at, name+" has "+x.Repr()+", which matches every origin"+c.When())
					}
				}
			}
		})
	},
}

// matchesAnyOrigin reports whether a regex accepts the origins of unrelated
// sites an attacker could own.
func matchesAnyOrigin(expr string) bool {
	re, err := regexp.Compile(expr)
	if err != nil {
		return false
	}
	return re.MatchString("https://attacker.invalid") && re.MatchString("http://evil.example.net")
}
