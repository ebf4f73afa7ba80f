package settings

import (
	"strings"

	st "github.com/djsec/djsec/internal/settings"
)

// cspDirective is one directive of the enforced Content-Security-Policy as
// the settings write it.
type cspDirective struct {
	setting string // where it is set, for messages
	// policy names the policy it belongs to: the setting that holds its
	// dict, or "CSP_*" for django-csp 3's settings of one directive each
	policy  string
	name    string // "script-src"
	c       st.Case
	sources []*st.Value
}

// cspMiddleware reports whether MIDDLEWARE sends a CSP header: django-csp's
// CSPMiddleware or Django 6's ContentSecurityPolicyMiddleware.
func cspMiddleware(mw []string) bool { return hasMiddleware(mw, isCSPMiddleware) >= 0 }

// isCSPMiddleware reports the last part of a CSP middleware's path.
func isCSPMiddleware(last string) bool {
	return last == "CSPMiddleware" || last == "ContentSecurityPolicyMiddleware"
}

// cspDirectives returns the enforced policy's directives that are known,
// from Django 6 (SECURE_CSP), django-csp 4 (CONTENT_SECURITY_POLICY) and
// django-csp 3 (CSP_SCRIPT_SRC and friends).
func cspDirectives(e *st.Entry) []cspDirective {
	var out []cspDirective
	fromDict := func(setting string, d *st.Value, vars []string) {
		if d == nil || d.Kind != st.Dict {
			return
		}
		for i, k := range d.Keys {
			if k.Kind != st.Str {
				continue
			}
			c, ok := st.Resolve(d.Elems[i])
			if !ok || !c.V.IsSeq() {
				continue
			}
			c.Vars = append(c.Vars, vars...)
			out = append(out, cspDirective{setting, setting, strings.ToLower(k.S), c, c.V.Elems})
		}
	}
	if c, ok := st.Resolve(e.Value("SECURE_CSP")); ok {
		fromDict("SECURE_CSP", c.V, c.Vars)
	}
	if c, ok := st.Resolve(e.Value("CONTENT_SECURITY_POLICY")); ok && c.V.Kind == st.Dict {
		fromDict("CONTENT_SECURITY_POLICY", c.V.Get("DIRECTIVES"), c.Vars)
	}
	for _, name := range []string{"CSP_DEFAULT_SRC", "CSP_SCRIPT_SRC", "CSP_SCRIPT_SRC_ELEM", "CSP_OBJECT_SRC"} {
		if c, ok := st.Resolve(e.Value(name)); ok && c.V.IsSeq() {
			d := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(name, "CSP_"), "_", "-"))
			out = append(out, cspDirective{name, "CSP_*", d, c, c.V.Elems})
		}
	}
	return out
}
