package infra

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// siteJail matches jails (by name, filter or log path) that watch the web
// server or the application.
var siteJail = lazyre.New(`(?i)nginx|apache|django|gunicorn|uwsgi|caddy|traefik|wsgi|/app|/srv/`)

// Fail2banNoSiteJail finds fail2ban configurations that watch SSH only.
var Fail2banNoSiteJail = &analysis.Rule{
	ID: "DJI509", Name: "fail2ban-site-jail-missing",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{307, 778}, Checklist: []int{10, 13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "fail2ban watches SSH but not the site",
		What: "Reports, at the top of jail.local, a fail2ban configuration (jail.conf, jail.local and jail.d/ of one " +
			"folder) in which no enabled jail watches the web server or the application: none whose name, filter or " +
			"logpath mentions nginx, apache, django, gunicorn or uwsgi.",
		Why: "Password guessing against the site's login and scanners hammering the admin never get banned; " +
			"fail2ban only protects what its jails read. A jail on nginx's limit_req log or on the application's " +
			"failed-login log lines turns those attempts into bans.",
		Bad:  "[sshd]\nenabled = true",
		Good: "[sshd]\nenabled = true\n\n[nginx-limit-req]\nenabled = true\nlogpath = /var/log/nginx/error.log",
		Fix:  "Enable a jail on the web server's logs (nginx-limit-req, nginx-botsearch) or on the application's failed-login log lines with a filter of your own.",
		References: []string{
			"https://github.com/fail2ban/fail2ban/blob/master/config/jail.conf",
			"https://docs.djangoproject.com/en/stable/ref/signals/#user-login-failed",
		},
	},
	Run: func(pass *analysis.Pass) {
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
			watched := false
			var local *configFile
			for i, cf := range groups[dir] {
				if strings.HasSuffix(cf.Path, "jail.local") {
					local = &groups[dir][i]
				}
				if siteJailEnabled(inf.ParseINI(cf.Data)) {
					watched = true
				}
			}
			if !watched && local != nil && !local.Dev {
				pass.Reportf(at(local.Path, inf.Pos{Line: 1, Col: 1}), "no enabled fail2ban jail watches the web server or the application: password guessing on the site's login is never banned")
			}
		}
	},
}

// siteJailEnabled reports whether a fail2ban file enables a jail that
// watches the site.
func siteJailEnabled(lines []inf.Line) bool {
	defaultOn := false
	enabled := map[string]bool{}
	site := map[string]bool{}
	for _, l := range lines {
		s := l.Section
		if strings.EqualFold(s, "default") {
			if strings.EqualFold(l.Key, "enabled") {
				defaultOn = trueValue(l.Value())
			}
			continue
		}
		if s == "" || strings.EqualFold(s, "includes") || strings.EqualFold(s, "init") {
			continue
		}
		if siteJail().MatchString(s) {
			site[s] = true
		}
		switch strings.ToLower(l.Key) {
		case "enabled":
			enabled[s] = trueValue(l.Value())
		case "filter", "logpath":
			if siteJail().MatchString(l.Value()) {
				site[s] = true
			}
		}
	}
	for s := range site {
		if v, ok := enabled[s]; ok && v || !ok && defaultOn {
			return true
		}
	}
	return false
}
