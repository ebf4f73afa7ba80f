package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// passwordlessSettings are the environment settings of official images that
// turn authentication off.
var passwordlessSettings = map[string]string{
	"POSTGRES_HOST_AUTH_METHOD":         "trust",
	"MYSQL_ALLOW_EMPTY_PASSWORD":        "",
	"MARIADB_ALLOW_EMPTY_ROOT_PASSWORD": "",
	"ALLOW_EMPTY_PASSWORD":              "",
}

// ComposeDBTrust finds database containers configured to accept
// connections without a password.
var ComposeDBTrust = &analysis.Rule{
	ID: "DJI206", Name: "compose-database-without-password",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{306, 1188}, Checklist: []int{1, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "docker-compose runs a database that accepts connections without a password",
		What: "Reports POSTGRES_HOST_AUTH_METHOD=trust and the empty-password switches of the official MySQL and " +
			"MariaDB images and of Bitnami images (MYSQL_ALLOW_EMPTY_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, " +
			"ALLOW_EMPTY_PASSWORD set to a true value): high when the service publishes ports, medium when only the " +
			"compose network reaches it. Development files are reported with low severity.",
		Why: "Every container on the network, and anyone the port is published to, gets the database with full " +
			"rights: read every user's data, write an admin account, or run programs through COPY ... FROM PROGRAM.",
		Bad:  "environment:\n  POSTGRES_HOST_AUTH_METHOD: trust",
		Good: "environment:\n  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?}",
		Fix:  "Remove the switch and give the database a password from the environment or a compose secret.",
		References: []string{
			"https://hub.docker.com/_/postgres",
			"https://www.postgresql.org/docs/current/auth-trust.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			for _, s := range cf.C.Services {
				for _, e := range s.Environment {
					want, ok := passwordlessSettings[strings.ToUpper(e.Name)]
					if !ok || !e.HasValue {
						continue
					}
					v := strings.ToLower(strings.TrimSpace(e.Value.Value))
					if want != "" && v != want || want == "" && !trueValue(v) {
						continue
					}
					d := analysis.Diagnostic{Location: at(cf.Path, e.Value.Pos), Message: "service " + s.Name + " sets " + e.Name + "=" + e.Value.Value + ": the database accepts every connection without a password" + devNote(cf.Dev)}
					switch {
					case cf.Dev:
						d.Severity = report.Low
					case len(s.Ports) == 0:
						// Only the compose network reaches it: every other
						// container, but not the host's network.
						d.Severity = report.Medium
						d.Message += " from any container on its network"
					}
					pass.Report(d)
				}
			}
		}
	},
}
