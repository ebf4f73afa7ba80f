package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// ComposePrivileged finds containers that run privileged or with the
// capabilities and profiles that amount to it.
var ComposePrivileged = &analysis.Rule{
	ID: "DJI202", Name: "compose-privileged-container",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{250, 269}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose runs a container privileged",
		What: "Reports privileged: true, cap_add of ALL or SYS_ADMIN, and security_opt that turns seccomp or " +
			"AppArmor off (seccomp:unconfined, apparmor:unconfined). Development files are reported with low severity.",
		Why: "A privileged container sees the host's devices and can mount the host's disks: a code-execution bug " +
			"in the application (a deserialisation, a template injection) becomes root on the host.",
		Bad:  "services:\n  web:\n    privileged: true",
		Good: "services:\n  web:\n    cap_drop: [ALL]\n    security_opt: [\"no-new-privileges:true\"]",
		Fix:  "Remove privileged and the extra capabilities; grant only the one capability a service needs, if any.",
		References: []string{
			"https://docs.docker.com/reference/compose-file/services/#privileged",
			"https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			report1 := func(loc report.Location, msg string) {
				d := analysis.Diagnostic{Location: loc, Message: msg + devNote(cf.Dev)}
				if cf.Dev {
					d.Severity = report.Low
				}
				pass.Report(d)
			}
			for _, s := range cf.C.Services {
				if s.Privileged != nil && trueValue(s.Privileged.Value) {
					report1(at(cf.Path, s.Privileged.Pos), "service "+s.Name+" runs privileged: a code-execution bug in it is root on the host")
				}
				for _, c := range s.CapAdd {
					if v := strings.ToUpper(strings.TrimPrefix(strings.ToUpper(c.Value), "CAP_")); v == "ALL" || v == "SYS_ADMIN" {
						report1(at(cf.Path, c.Pos), "service "+s.Name+" adds capability "+c.Value+", which is nearly as much as privileged")
					}
				}
				for _, o := range s.SecurityOpt {
					if v := strings.ToLower(strings.ReplaceAll(o.Value, "=", ":")); v == "seccomp:unconfined" || v == "apparmor:unconfined" {
						report1(at(cf.Path, o.Pos), "service "+s.Name+" turns off "+strings.Split(v, ":")[0]+", a kernel guard that blocks container escapes")
					}
				}
			}
		}
	},
}
