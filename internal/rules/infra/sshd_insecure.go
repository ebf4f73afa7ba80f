package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// SSHDInsecure finds sshd_config settings that allow root or password
// logins.
var SSHDInsecure = &analysis.Rule{
	ID: "DJI504", Name: "sshd-weak-login",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{250, 307, 521}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "sshd allows root logins, password logins or empty passwords",
		What: "Reports, outside Match blocks, PermitRootLogin yes (high), PermitEmptyPasswords yes (high), and " +
			"PasswordAuthentication yes or KbdInteractiveAuthentication/ChallengeResponseAuthentication yes " +
			"(medium). sshd uses the first value it reads, so later duplicates are ignored as sshd ignores them; a " +
			"setting after an Include has low confidence, since an included drop-in may set it first. " +
			"Settings inside a Match block (allowed for one address range or user) are left alone.",
		Why: "SSH on the internet is guessed at all day: password logins fall to credential stuffing, and a root " +
			"login skips the audit trail of sudo and gives everything at once.",
		Bad:  "PermitRootLogin yes\nPasswordAuthentication yes",
		Good: "PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no",
		Fix:  "Set PermitRootLogin no and PasswordAuthentication no; log in with keys through a bastion host, and use sudo.",
		References: []string{
			"https://man.openbsd.org/sshd_config",
			"https://infosec.mozilla.org/guidelines/openssh",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "sshd") {
			seen := map[string]bool{}
			// sshd keeps the first value it reads, and an Include reads its
			// files where it stands: a drop-in outside the tree, included
			// before a line, may have set the keyword first.
			includedBefore := false
			for _, l := range inf.ParseWords(cf.Data, true) {
				key := strings.ToLower(l.Key)
				if key == "include" {
					includedBefore = true
					continue
				}
				if l.Section != "" || seen[key] {
					continue
				}
				seen[key] = true
				v := strings.ToLower(l.Value())
				var d analysis.Diagnostic
				switch {
				case key == "permitrootlogin" && v == "yes":
					d = analysis.Diagnostic{Message: "PermitRootLogin yes lets attackers guess root's password or key directly, with no sudo trail"}
				case key == "permitemptypasswords" && v == "yes":
					d = analysis.Diagnostic{Message: "PermitEmptyPasswords yes lets accounts without a password log in over SSH"}
				case (key == "passwordauthentication" || key == "kbdinteractiveauthentication" || key == "challengeresponseauthentication") && v == "yes":
					d = analysis.Diagnostic{Severity: report.Medium, Message: l.Key + " yes lets SSH logins be guessed with passwords; use keys only"}
				default:
					continue
				}
				d.Location = at(cf.Path, l.Pos)
				if includedBefore {
					d.Confidence = report.LowConfidence
					d.Message += " (unless a file included above sets it first: sshd keeps the first value)"
				}
				pass.Report(d)
			}
		}
	},
}
