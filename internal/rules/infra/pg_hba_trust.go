package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// PgHbaTrust finds pg_hba.conf entries that skip passwords or accept the
// whole internet.
var PgHbaTrust = &analysis.Rule{
	ID: "DJI503", Name: "pg-hba-weak-authentication",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{306, 287}, Checklist: []int{1, 2, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "pg_hba.conf lets clients in without a password, in clear, or from anywhere",
		What: "Reports host entries with the trust method (high), local entries with trust (medium), the " +
			"password method, which sends the password in clear (medium), and host or hostnossl entries for " +
			"0.0.0.0/0, ::/0 or all addresses (medium). Loopback entries with scram-sha-256 or md5 are left alone.",
		Why: "trust lets anyone who reaches the server connect as any role, postgres included: with superuser " +
			"rights COPY ... FROM PROGRAM runs commands on the server. An entry open to every address exposes the " +
			"database's login to password guessing from the whole internet.",
		Bad:  "host all all 0.0.0.0/0 trust",
		Good: "hostssl shop shop 10.0.1.0/24 scram-sha-256",
		Fix:  "Use scram-sha-256, restrict addresses to the application servers' subnet, and prefer hostssl.",
		References: []string{
			"https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
			"https://www.postgresql.org/docs/current/auth-trust.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range configs(pass, "pg_hba") {
			for _, l := range inf.ParseWords(cf.Data, false) {
				typ := strings.ToLower(l.Key)
				var addr, method string
				switch typ {
				case "local":
					if len(l.Args) < 3 {
						continue
					}
					method = strings.ToLower(l.Args[2])
				case "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc":
					if len(l.Args) < 4 {
						continue
					}
					addr = l.Args[2]
					method = strings.ToLower(l.Args[3])
					if strings.Contains(addr, "/") || addr == "all" || addr == "samehost" || addr == "samenet" {
						// address in CIDR form
					} else if len(l.Args) >= 5 && strings.Contains(l.Args[3], ".") {
						// address and netmask in two fields
						method = strings.ToLower(l.Args[4])
					}
				default:
					continue
				}
				anywhere := addr == "0.0.0.0/0" || addr == "::/0" || addr == "all"
				loopback := strings.HasPrefix(addr, "127.") || addr == "::1/128" || addr == "samehost"
				switch {
				case method == "trust" && typ != "local":
					d := analysis.Diagnostic{Location: at(cf.Path, l.Pos), Message: "pg_hba.conf trusts every " + typ + " connection from " + addr + ": no password is asked, any role (postgres included) can log in"}
					if loopback {
						d.Severity = report.Medium
					}
					pass.Report(d)
				case method == "trust":
					pass.Report(analysis.Diagnostic{Location: at(cf.Path, l.Pos), Severity: report.Medium,
						Message: "pg_hba.conf trusts local connections: every user of the server can log in as any role, postgres included"})
				case method == "password":
					pass.Report(analysis.Diagnostic{Location: at(cf.Path, l.Pos), Severity: report.Medium,
						Message: "pg_hba.conf uses the password method, which sends passwords in clear; use scram-sha-256"})
				case anywhere:
					pass.Report(analysis.Diagnostic{Location: at(cf.Path, l.Pos), Severity: report.Medium,
						Message: "pg_hba.conf accepts " + typ + " logins from every address (" + addr + "): the whole internet can guess passwords; allow only the application servers' subnet"})
				}
			}
		}
	},
}
