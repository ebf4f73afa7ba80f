package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DeploymentDebug finds deployments whose environment turns DEBUG on.
var DeploymentDebug = &analysis.Rule{
	ID: "DJI401", Name: "deployment-debug-enabled",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 215}, Checklist: []int{3, 9},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A deployment file turns DEBUG on in the production settings",
		What: "Collects the environment each deployment gives the application (a compose service's environment " +
			"and env_file, the ENV of the Dockerfile it builds, or a Dockerfile's ENV alone, in the stage deployments " +
			"build: the last, or a production stage under a last one named dev, test or ci; a Kubernetes " +
			"container's env; vercel.json's env; a systemd unit's Environment=; App Engine's env_variables) and evaluates the " +
			"production settings under it (the module its DJANGO_SETTINGS_MODULE names, or every production " +
			"module). Reports, at the line of the deployment file, a variable that makes DEBUG true. Development " +
			"compose files are left alone.",
		Why: "The settings may default DEBUG to False and still run with DEBUG on: what counts is what the " +
			"deployment sets. With DEBUG on, error pages show settings, SQL and source to anyone who triggers an error.",
		Bad:  "services:\n  web:\n    environment:\n      - DJANGO_DEBUG=1",
		Good: "services:\n  web:\n    environment:\n      - DJANGO_DEBUG=0",
		Fix:  "Remove the variable from the production deployment (or set it to a false value); keep DEBUG for local overrides.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug",
			"https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/",
		},
	},
	Run: func(pass *analysis.Pass) {
		seen := map[string]bool{}
		for _, env := range environments(pass) {
			for _, e := range env.entries() {
				c, ok := st.Check(e.Value("DEBUG"), func(v *st.Value) bool { return v.Truth() == 1 })
				if !ok || c.FromEnv() {
					continue
				}
				for _, name := range env.decidedBy(pass.Project, e, "DEBUG") {
					ev := env.Vars[name]
					key := shortLoc(ev.At) + e.Name
					if seen[key] {
						continue
					}
					seen[key] = true
					pass.Report(analysis.Diagnostic{Location: ev.At, Settings: e.Name,
						Message: "DEBUG is " + c.V.Repr() + " in " + env.Name + ": " + shortLoc(ev.At) + " sets " + name + "=" + ev.Value +
							", which " + readAt(pass.Project, e, "DEBUG") + " reads"})
				}
			}
		}
	},
}
