package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AdminExposed finds the Django admin reachable from outside.
var AdminExposed = &analysis.Rule{
	ID: "DJL403", Name: "admin-exposed",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{284}, Checklist: []int{14},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The Django admin login is reachable from the internet",
		What: "djsec requests <path>login/ for /admin/ and every --admin-path and recognizes Django's admin login form. At the default /admin/ it is low; " +
			"at a custom path it is info (the user told djsec where it is, to check it is not exposed).",
		Why: "The admin is the most valuable login of the site; at /admin/ every scanner on the internet finds it and tries passwords. " +
			"Restricting it to a VPN or office addresses removes the attack surface entirely.",
		Bad:  "path(\"admin/\", admin.site.urls)",
		Good: "path(\"backstage-7f3a/\", admin.site.urls)  # and: location /backstage-7f3a/ { allow 10.0.0.0/8; deny all; }",
		Fix:  "Restrict the admin by IP address at the proxy (or serve it on an internal host only), and move it off /admin/.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/contrib/admin/",
			"https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/05-Enumerate_Infrastructure_and_Application_Admin_Interfaces",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		for _, ap := range s.AdminPaths() {
			u := s.URL(ap + "login/")
			r, err := s.Get(u)
			if err != nil || !isAdminLogin(r) || !s.Served(ap+"login/", r) {
				continue
			}
			d := analysis.Diagnostic{Location: at(u), Snippet: ap, Message: "the Django admin login is reachable from outside at " + ap}
			if ap != "/admin/" {
				d.Severity = report.Info
			} else {
				d.Message += ", the first place scanners try"
			}
			p.Report(d)
		}
	},
}
