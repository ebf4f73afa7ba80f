package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

var (
	// ufwAllow matches "ufw allow 5432", "ufw allow 6379/tcp",
	// "ufw allow proto tcp to any port 27017" and "ufw allow from any to any
	// port 9200": rules without a source address other than any.
	ufwAllow = lazyre.New(`\bufw\s+(?:--force\s+)?allow\s+(?:in\s+)?(?:(?:proto\s+\w+\s+)?(?:from\s+any\s+)?(?:to\s+any\s+)?port\s+)?(\d+)(?:[:/]\w+)?\b`)
	// ufwDefault matches "ufw default allow incoming".
	ufwDefault = lazyre.New(`\bufw\s+default\s+allow(?:\s+incoming)?\s*$|\bufw\s+default\s+allow\s+incoming`)
	// iptablesAccept matches an ACCEPT rule of ufw's user.rules.
	iptablesAccept = lazyre.New(`^-A ufw6?-user-input\b.*--dport (\d+)\b.*-j ACCEPT`)
)

// UFWOpen finds ufw configured to let everyone in: a default-allow policy,
// or database and administration ports allowed from any address.
var UFWOpen = &analysis.Rule{
	ID: "DJI508", Name: "ufw-allows-from-anywhere",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{284, 668}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The host firewall (ufw) lets everyone in",
		What: "Reports DEFAULT_INPUT_POLICY=\"ACCEPT\" in ufw's defaults file and `ufw default allow incoming` in " +
			"shell scripts, and rules that allow a database, cache or container-daemon port (5432, 3306, 27017, " +
			"6379, 11211, 9200, 2375, ...) from any address: `ufw allow 5432` in a script, or an ACCEPT without a " +
			"source in ufw's user.rules. Rules with `from <address>` are left alone, and so are SSH, HTTP and HTTPS.",
		Why: "The firewall is the last line behind a service that listens on every interface: allowing its port " +
			"from anywhere exposes the database's login, or an unauthenticated cache, to the whole internet.",
		Bad:  "ufw default allow incoming\nufw allow 5432",
		Good: "ufw default deny incoming\nufw allow from 10.0.1.0/24 to any port 5432 proto tcp",
		Fix:  "Keep the default incoming policy at deny and allow database ports only from the application servers' addresses.",
		References: []string{
			"https://manpages.debian.org/stable/ufw/ufw.8.en.html",
			"https://help.ubuntu.com/community/UFW",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, format := range []string{"ufw", "shell"} {
			for _, cf := range configs(pass, format) {
				if cf.Dev {
					continue
				}
				for i, line := range strings.Split(string(cf.Data), "\n") {
					t := strings.TrimSpace(line)
					if t == "" || strings.HasPrefix(t, "#") {
						continue
					}
					pos := inf.Pos{Line: i + 1, Col: len(line) - len(strings.TrimLeft(line, " \t")) + 1}
					if j := strings.Index(t, " #"); j >= 0 {
						t = strings.TrimSpace(t[:j])
					}
					if k, v, ok := strings.Cut(t, "="); ok && k == "DEFAULT_INPUT_POLICY" && strings.Trim(v, `"' `) == "ACCEPT" {
						pass.Reportf(at(cf.Path, pos), "ufw's default input policy is ACCEPT: every port a service opens is reachable from the internet")
						continue
					}
					if ufwDefault().MatchString(t) {
						pass.Reportf(at(cf.Path, pos), "ufw default allow incoming: every port a service opens is reachable from the internet")
						continue
					}
					var port string
					if m := ufwAllow().FindStringSubmatch(t); m != nil && !strings.Contains(t, " from ") || m != nil && strings.Contains(t, "from any") {
						port = m[1]
					}
					if m := iptablesAccept().FindStringSubmatch(t); m != nil && !strings.Contains(t, " -s ") {
						port = m[1]
					}
					if kind, ok := datastorePorts[port]; ok {
						pass.Report(analysis.Diagnostic{Location: at(cf.Path, pos), Severity: report.High,
							Message: "ufw allows " + kind + " port " + port + " from any address: the database's login is open to the whole internet; allow only the application servers"})
					}
				}
			}
		}
	},
}
