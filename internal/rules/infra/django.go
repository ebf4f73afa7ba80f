package infra

import (
	"github.com/djsec/djsec/internal/project"
	st "github.com/djsec/djsec/internal/settings"
)

// djangoAll reports whether pred holds for setting name in every production
// settings module (and there is at least one).
func djangoAll(p *project.Project, name string, pred func(*st.Value) bool) bool {
	entries := st.Load(p).Production()
	if len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		if _, ok := st.Holds(e.Value(name), pred); !ok {
			return false
		}
	}
	return true
}

// djangoSendsHSTS says whether the production settings make Django send
// Strict-Transport-Security: yes, no, or unknown when djsec cannot tell
// (a value read from a configuration module it cannot evaluate).
func djangoSendsHSTS(p *project.Project) (sends, known bool) {
	present, mwKnown := st.HasMiddleware(p, "django.middleware.security.SecurityMiddleware")
	if mwKnown && !present {
		return false, true
	}
	positive := func(v *st.Value) bool {
		n, ok := v.Int64()
		return ok && n > 0
	}
	if mwKnown && djangoAll(p, "SECURE_HSTS_SECONDS", positive) {
		return true, true
	}
	// Known not to send it: every production module leaves the setting
	// out or sets it to 0.
	entries := st.Load(p).Production()
	if len(entries) == 0 {
		return false, false
	}
	for _, e := range entries {
		v := e.Value("SECURE_HSTS_SECONDS")
		if v == nil {
			continue
		}
		if c, ok := st.Check(v, func(v *st.Value) bool { n, ok := v.Int64(); return ok && n == 0 }); !ok || c.FromEnv() {
			return false, false
		}
	}
	return false, true
}

// djangoReadsNoSchemeHeader reports that no production settings module
// sets SECURE_PROXY_SSL_HEADER (and there is at least one): Django then
// reads no header for the scheme, whatever the proxy passes.
func djangoReadsNoSchemeHeader(p *project.Project) bool {
	entries := st.Load(p).Production()
	for _, e := range entries {
		if e.Value("SECURE_PROXY_SSL_HEADER") != nil {
			return false
		}
	}
	return len(entries) > 0
}
