package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/secrets"
)

// ComposeSecretEnvironment finds credentials written out in a compose
// file's environment.
var ComposeSecretEnvironment = &analysis.Rule{
	ID: "DJI205", Name: "compose-secret-in-environment",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{798, 260}, Checklist: []int{1, 4},
	Scope:      analysis.PerProject,
	Supersedes: secretDetectors,
	Doc: analysis.Doc{
		Title: "docker-compose writes a credential into a service's environment",
		What: "Reports environment entries whose name says they hold a credential (PASSWORD, SECRET_KEY, TOKEN, " +
			"API_KEY, ...) and whose value is written in the file, or is the default of ${VAR:-default} used when " +
			"the variable is unset. Values taken from the environment (${DB_PASSWORD}, ${DB_PASSWORD:?}), switches " +
			"(ENABLE_ADMIN_ACCESS_USER_PASS=true, GOOGLE_API_KEY=no), paths of the files that hold a credential " +
			"(GOOGLE_APPLICATION_CREDENTIALS=/app/service-account.json) and keys a vendor publishes for tests (reCAPTCHA's test keys) are left alone, and " +
			"development compose files (named or documented so, in a folder named for development such as dev/ or tools/local-dev/, building a dev stage, mounting the source over the image (.:/app, or a service's own build context: ./backend:/app beside build: ./backend), " +
			"naming development settings or reading env files from a development folder, running an image tagged for development (shop:dev, app:local) or a mail catcher such as mailhog or a test suite (command: pytest -vvs .), starting a service with a script named for development (entrypoint: /app/docker/entrypoint_dev.sh), joining a network named for development such as shop-dev, naming hosts under a top-level domain reserved for tests and local use (extra_hosts: shop.test:127.0.0.1, aliases such as minio.localhost, mDNS names such as app.local), saying ENV: dev (or APP_ENV, STAGE: local, DEV_ENV: true), mounting a folder of the developer's home such as ~/.kube, starting only backing services such as postgres and redis; also by what a service takes from the one it extends, extends: {file: common.yml, service: app}; and an overlay of such a stack beside its docker-compose.yml, which changes one of its services without an image or a build) are low where a secrets rule (DJK105, DJK106, DJK107, ...) would report the value, in its place, and left alone otherwise (postgres, changeme). A password given only to a database that publishes no port " +
			"(postgres, mysql, redis, ... with no ports:), or the application's copy of it (DB_PASSWORD), is low: " +
			"only the containers of its network reach that database.",
		Why: "The file is in the repository: everyone with read access, every CI log and every fork has the " +
			"credential, and it never changes between environments. docker inspect shows it to anyone on the host.",
		Bad:  "environment:\n  POSTGRES_PASSWORD: hunter2",
		Good: "environment:\n  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}",
		Fix:  "Read the value from the environment or an untracked .env file (${VAR:?}), or use compose secrets (POSTGRES_PASSWORD_FILE=/run/secrets/...).",
		References: []string{
			"https://docs.docker.com/compose/how-tos/use-secrets/",
			"https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, cf := range deployment(pass).compose {
			// The same literal given to several services is one mistake:
			// it is reported once, at its first line, naming the others.
			type group struct {
				first    inf.EnvVar
				names    []string
				others   []string
				lines    []int // where the others get it
				internal bool  // every service given it is a database that publishes no port
			}
			var generic map[int]bool
			if cf.Dev {
				generic = secrets.SecretLines(pass.Project.File(cf.Path))
			}
			var order []string
			groups := map[string]*group{}
			for _, s := range cf.C.Services {
				for _, e := range s.Environment {
					// in a development file, any value a secrets rule
					// reports (DATABASE_URL=postgres://user:pw@db/app)
					// is reported here instead, low
					named := isSecretName(e.Name) || cf.Dev && generic[e.Value.Pos.Line]
					if !e.HasValue || !named || !literalSecret(e.Value.Value) || secrets.Published(e.Value.Value) || secrets.VendorPlaceholder(e.Value.Value) {
						continue
					}
					if len(e.Value.Vars) > 0 && len(e.Value.Defaulted) == 0 {
						continue
					}
					if cf.Dev && !generic[e.Value.Pos.Line] {
						// POSTGRES_PASSWORD: postgres on a developer's
						// machine; one that a secrets rule reports is
						// reported low, in its place
						continue
					}
					k := e.Name + "\x00" + e.Value.Raw
					if g := groups[k]; g != nil {
						g.others = append(g.others, s.Name)
						g.lines = append(g.lines, e.Value.Pos.Line)
						g.internal = g.internal && unpublishedDatabase(s)
						continue
					}
					groups[k] = &group{first: e, names: []string{s.Name}, internal: unpublishedDatabase(s)}
					order = append(order, k)
				}
			}
			// The application's copy of an internal database's password
			// (KIWI_DB_PASSWORD beside MYSQL_PASSWORD) opens nothing more.
			internal := map[string]bool{}
			for _, g := range groups {
				if g.internal {
					internal[g.first.Value.Value] = true
				}
			}
			for _, g := range groups {
				if !g.internal && internal[g.first.Value.Value] && dbPasswordName().MatchString(g.first.Name) {
					g.internal = true
				}
			}
			for _, k := range order {
				g := groups[k]
				e := g.first
				who := "service " + g.names[0]
				if len(g.others) > 0 {
					who = "services " + strings.Join(append(g.names, g.others...), ", ")
				}
				msg := who + " get " + e.Name + " written out in the compose file: everyone who can read the repository has it"
				if len(e.Value.Defaulted) > 0 {
					msg = who + " get " + e.Name + " from a literal default whenever " + strings.Join(e.Value.Defaulted, ", ") + " is unset: everyone who can read the repository has it"
				}
				if len(g.others) == 0 {
					msg = strings.Replace(msg, " get ", " gets ", 1)
				}
				d := analysis.Diagnostic{Location: at(cf.Path, e.Value.Pos), Message: msg, Covers: g.lines}
				switch {
				case cf.Dev:
					// Low rather than left alone: the generic secret
					// detectors would report it at medium otherwise.
					d.Severity = report.Low
					d.Message += devNote(true)
				case g.internal:
					d.Severity = report.Low
					d.Message += "; the database publishes no port, so only containers on its compose network reach it"
				}
				pass.Report(d)
			}
		}
	},
}

// dbPasswordName matches the names applications give a database's
// password: DB_PASSWORD, DATABASE_PASS, KIWI_DB_PASSWORD, PGPASSWORD.
var dbPasswordName = lazyre.New(`(?i)(DB|DATABASE|POSTGRES|PG|MYSQL|MARIADB|SQL).*PASS`)

// unpublishedDatabase reports whether a service runs a database image and
// publishes no port on the host (nor shares the host's network): only the
// containers of its compose network can reach it, so a password written
// out in the file is a matter for those who can already run code there.
func unpublishedDatabase(s *inf.Service) bool {
	if s.Image == nil || len(s.Ports) > 0 || s.NetworkMode != nil && s.NetworkMode.Value == "host" {
		return false
	}
	return datastoreImage().MatchString(s.Image.Value)
}
