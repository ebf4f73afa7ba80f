package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DeploymentAllowedHosts finds deployments whose environment makes
// ALLOWED_HOSTS accept any host.
var DeploymentAllowedHosts = &analysis.Rule{
	ID: "DJI402", Name: "deployment-allowed-hosts-wildcard",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{20, 644}, Checklist: []int{3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A deployment file makes ALLOWED_HOSTS accept any host",
		What: "Evaluates the production settings under the environment each deployment gives the application " +
			"(as deployment-debug-enabled does) and reports, at the line of the deployment file, a variable that " +
			"puts \"*\" in ALLOWED_HOSTS.",
		Why: "With any Host accepted, an attacker who can send requests with a forged Host header gets links in " +
			"password-reset mails and absolute URLs pointing at their own site, and caches keyed on the host poisoned.",
		Bad:  "environment:\n  - ALLOWED_HOSTS=*",
		Good: "environment:\n  - ALLOWED_HOSTS=shop.example.com",
		Fix:  "Set the variable to the host names the site answers to.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
			"https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation",
		},
	},
	Run: func(pass *analysis.Pass) {
		seen := map[string]bool{}
		for _, env := range environments(pass) {
			for _, e := range env.entries() {
				c, ok := st.Holds(e.Value("ALLOWED_HOSTS"), func(v *st.Value) bool {
					hs, ok := v.Strings()
					if !ok {
						return false
					}
					for _, h := range hs {
						if h == "*" {
							return true
						}
					}
					return false
				})
				if !ok || c.FromEnv() {
					continue
				}
				for _, name := range env.decidedBy(pass.Project, e, "ALLOWED_HOSTS") {
					ev := env.Vars[name]
					key := shortLoc(ev.At) + e.Name
					if seen[key] {
						continue
					}
					seen[key] = true
					pass.Report(analysis.Diagnostic{Location: ev.At, Settings: e.Name,
						Message: "ALLOWED_HOSTS accepts any host in " + env.Name + ": " + shortLoc(ev.At) + " sets " + name + "=" + ev.Value +
							", which " + readAt(pass.Project, e, "ALLOWED_HOSTS") + " reads"})
				}
			}
		}
	},
}
