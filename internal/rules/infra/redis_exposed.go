package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// RedisExposed finds redis.conf files that accept connections from the
// network without a password.
var RedisExposed = &analysis.Rule{
	ID: "DJI501", Name: "redis-open-without-password",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{306, 668}, Checklist: []int{1, 2},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Redis listens on the network without a password",
		What: "Reports a redis.conf that sets no requirepass and no ACL user with a password while it turns " +
			"protected-mode off (high when it listens on every interface, by bind 0.0.0.0, bind * or no bind at " +
			"all; medium with a bind to named addresses), or binds to every interface with protected-mode on " +
			"(medium: Redis 7 refuses remote clients then, Redis 6 and earlier do not). A Redis bound to loopback " +
			"with protected-mode on, or protected by a password, is left alone.",
		Why: "An open Redis is taken over in seconds by scanners: they read the cache and sessions (Django's " +
			"cache and session backends, Celery's broker), and CONFIG SET lets them write files such as SSH keys or " +
			"cron jobs on the server.",
		Bad:  "bind 0.0.0.0\nprotected-mode no",
		Good: "bind 127.0.0.1 -::1\nprotected-mode yes\nrequirepass ${REDIS_PASSWORD}",
		Fix:  "Bind Redis to loopback or a private interface, keep protected-mode yes, and set requirepass (or ACL users with passwords).",
		References: []string{
			"https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
			"https://raw.githubusercontent.com/redis/redis/unstable/redis.conf",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "redis") {
			lines := inf.ParseWords(cf.Data, false)
			var bind, protected *inf.Line
			password := false
			for i := range lines {
				l := &lines[i]
				switch strings.ToLower(l.Key) {
				case "bind":
					bind = l
				case "protected-mode":
					protected = l
				case "requirepass":
					password = l.Value() != ""
				case "user":
					for _, a := range l.Args {
						if strings.HasPrefix(a, ">") || strings.HasPrefix(a, "#") {
							password = true
						}
					}
				}
			}
			if password {
				continue
			}
			open := bind == nil
			if bind != nil {
				for _, a := range bind.Args {
					a = strings.TrimPrefix(a, "-")
					if a == "0.0.0.0" || a == "*" || a == "::" || a == "::*" {
						open = true
					}
				}
			}
			off := protected != nil && strings.EqualFold(protected.Value(), "no")
			switch {
			case bind != nil && open && !off:
				// Redis 7 refuses remote clients in protected mode while the
				// default user has no password, whatever the bind; Redis 6
				// and earlier only when there is no bind at all.
				pass.Report(analysis.Diagnostic{Location: at(cf.Path, bind.Pos), Severity: report.Medium,
					Message: "redis listens on every interface (bind " + bind.Value() + ") with no requirepass: only protected-mode keeps remote clients out, and only on Redis 7 and later; Redis 6 and earlier let anyone who reaches the port read and write the cache, the sessions and the task queue"})
			case bind != nil && open:
				pass.Reportf(at(cf.Path, bind.Pos), "redis listens on every interface (bind %s) with protected-mode off and no requirepass: anyone who reaches the port reads and writes the cache, the sessions and the task queue", bind.Value())
			case off && open:
				pass.Reportf(at(cf.Path, protected.Pos), "protected-mode no with no bind and no requirepass: redis accepts unauthenticated commands from every network")
			case off:
				pass.Report(analysis.Diagnostic{Location: at(cf.Path, protected.Pos), Severity: report.Medium,
					Message: "protected-mode no and no requirepass: redis accepts unauthenticated commands from every address it is bound to"})
			}
		}
	},
}
