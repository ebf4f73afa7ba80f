package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// AllowedHostsWildcard finds "*" in ALLOWED_HOSTS.
var AllowedHostsWildcard = &analysis.Rule{
	ID: "DJS103", Name: "allowed-hosts-wildcard",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{20, 644}, Checklist: []int{3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "ALLOWED_HOSTS accepts any Host header",
		What: "Reports an ALLOWED_HOSTS entry of \"*\" in production settings, including in the default of an " +
			"environment lookup (`env.list(\"ALLOWED_HOSTS\", default=[\"*\"])`). check --deploy does not report it. " +
			"Subdomain patterns such as \".example.com\" are left alone. It is low where nothing in the Django project builds a link or an " +
			"address from the request's host: no build_absolute_uri, get_host, HTTP_HOST, get_current_site, password reset (Django's views or " +
			"auth URLs), feeds, sitemaps or an account app that mails links (allauth, django-registration, djoser...): a forged Host header poisons nothing then.",
		Why: "Django builds absolute URLs (password reset links, redirects, cache keys) from the Host header. Accepting " +
			"any host lets an attacker poison password reset emails and caches with a domain of their choosing.",
		Bad:  "ALLOWED_HOSTS = [\"*\"]",
		Good: "ALLOWED_HOSTS = [\"shop.example.com\"]",
		Fix:  "List the domain names the site serves in ALLOWED_HOSTS, and read them from the environment if they vary per deployment.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
			"https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, ok := st.Holds(e.Value("ALLOWED_HOSTS"), func(v *st.Value) bool {
				if !v.IsSeq() {
					return false
				}
				for _, h := range v.Elems {
					if h.Kind == st.Str && h.S == "*" {
						return true
					}
				}
				return false
			})
			if !ok {
				return
			}
			if !hostRead(pass.Project, e) {
				r = r.lowering("; but nothing in the project builds a link or an address from the request's host " +
					"(no build_absolute_uri, get_host, password reset or sign-up mail), which is what a forged Host header poisons")
			}
			for _, h := range c.V.Elems {
				if h.Kind == st.Str && h.S == "*" {
					at := c
					if !c.FromEnv() {
						at.At = h.Origin
					}
					r.at(at, "ALLOWED_HOSTS accepts any host (\"*\")"+c.When())
					return
				}
			}
		})
	},
}

// hostNeedles are what code and templates that use the request's host
// hold: absolute links built from the request, the host itself, the
// password-reset and sign-up mails Django and the account apps send with
// links to the host the request named.
var hostNeedles = []string{"build_absolute_uri", "get_host", "HTTP_HOST", "get_current_site", "RequestSite",
	"PasswordReset", "password_reset", "contrib.auth.urls", "SERVER_NAME", "contrib.syndication"}

// hostApps are apps that mail links built from the request's host.
// The sitemaps app writes links with the request's host when the sites
// framework is not installed.
var hostApps = []string{"allauth", "django_registration", "registration", "djoser", "dj_rest_auth", "rest_auth", "userena",
	"django.contrib.sitemaps"}

// hostRead reports whether the Django project of the settings module
// (djangoRoot) may put the request's host in a link or an address: an app
// of hostApps is installed (or INSTALLED_APPS cannot be read), or a module
// or template outside tests holds one of hostNeedles.
func hostRead(p *project.Project, e *st.Entry) bool {
	for _, app := range hostApps {
		if installed(e, app) != 0 {
			return true
		}
	}
	return projectHolds(p, e.File.Path, "hostRead", hostNeedles)
}
