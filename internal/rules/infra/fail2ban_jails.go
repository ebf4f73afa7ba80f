package infra

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// Fail2banNoSSHJail finds fail2ban configurations without an enabled SSH
// jail.
var Fail2banNoSSHJail = &analysis.Rule{
	ID: "DJI505", Name: "fail2ban-ssh-jail-missing",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{307}, Checklist: []int{1, 10, 13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "fail2ban has no enabled jail for SSH",
		What: "Reports a jail.local (or jail.conf) in the repository in which the sshd jail is absent or disabled " +
			"(enabled = false, and no enabled = true in [DEFAULT]), at the top of the file. If any fail2ban file " +
			"of the repository enables the sshd jail (jail.d/defaults-debian.conf does on Debian), nothing is reported.",
		Why: "fail2ban's point on a web server is to ban addresses that guess SSH passwords; a configuration " +
			"without the sshd jail leaves the most attacked service unguarded while looking like it is protected.",
		Bad:  "[nginx-http-auth]\nenabled = true",
		Good: "[sshd]\nenabled = true\nmaxretry = 5\nbantime = 1h",
		Fix:  "Add an [sshd] section with enabled = true (and a jail for the site's login, with a filter on its log lines).",
		References: []string{
			"https://github.com/fail2ban/fail2ban/blob/master/config/jail.conf",
		},
	},
	Run: func(pass *analysis.Pass) {
		// A fail2ban configuration is a folder: jail.conf, jail.local and
		// jail.d/*. Each is judged as a whole.
		groups := map[string][]configFile{}
		var order []string
		for _, cf := range configs(pass, "fail2ban") {
			dir := pathDir(cf.Path)
			if path.Base(dir) == "jail.d" {
				dir = pathDir(dir)
			}
			if groups[dir] == nil {
				order = append(order, dir)
			}
			groups[dir] = append(groups[dir], cf)
		}
		for _, dir := range order {
			files := groups[dir]
			var disabledAt []configFile
			anyOn := false
			for _, cf := range files {
				on, seen := sshJail(inf.ParseINI(cf.Data))
				if on {
					anyOn = true
				} else if seen {
					disabledAt = append(disabledAt, cf)
				}
			}
			if anyOn {
				continue
			}
			for _, cf := range disabledAt {
				pass.Reportf(at(cf.Path, inf.Pos{Line: 1, Col: 1}), "the sshd jail is disabled: fail2ban never bans addresses that guess SSH passwords")
			}
			if len(disabledAt) > 0 {
				continue
			}
			for _, cf := range files {
				if strings.HasSuffix(cf.Path, "jail.local") {
					pass.Reportf(at(cf.Path, inf.Pos{Line: 1, Col: 1}), "no [sshd] jail is enabled in this fail2ban configuration: fail2ban never bans addresses that guess SSH passwords")
				}
			}
		}
	},
}

func isSSHJail(section string) bool {
	s := strings.ToLower(section)
	return s == "sshd" || s == "ssh" || strings.HasPrefix(s, "sshd-")
}

// sshJail reports whether a fail2ban file enables an SSH jail, and whether
// it has one at all.
func sshJail(lines []inf.Line) (on, seen bool) {
	defaultOn := false
	enabled := map[string]bool{}
	sections := map[string]bool{}
	for _, l := range lines {
		if isSSHJail(l.Section) {
			sections[l.Section] = true
		}
		if !strings.EqualFold(l.Key, "enabled") {
			continue
		}
		if strings.EqualFold(l.Section, "default") {
			defaultOn = trueValue(l.Value())
		} else if isSSHJail(l.Section) {
			enabled[l.Section] = trueValue(l.Value())
		}
	}
	for s := range sections {
		if v, ok := enabled[s]; ok && v || !ok && defaultOn {
			return true, true
		}
	}
	return false, len(sections) > 0
}
