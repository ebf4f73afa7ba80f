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

// djangoSendsHSTS reports whether the production settings make Django send
// Strict-Transport-Security on every response.
func djangoSendsHSTS(p *project.Project) bool {
	if present, known := st.HasMiddleware(p, "django.middleware.security.SecurityMiddleware"); !present || !known {
		return false
	}
	return djangoAll(p, "SECURE_HSTS_SECONDS", func(v *st.Value) bool {
		n, ok := v.Int64()
		return ok && n > 0
	})
}
