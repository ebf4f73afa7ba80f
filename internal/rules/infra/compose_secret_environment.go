package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
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
			"the variable is unset. Values taken from the environment (${DB_PASSWORD}, ${DB_PASSWORD:?}) and " +
			"development files are left alone.",
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
			if cf.Dev {
				continue
			}
			// The same literal given to several services is one mistake:
			// it is reported once, at its first line, naming the others.
			type group struct {
				first  inf.EnvVar
				names  []string
				others []string
			}
			var order []string
			groups := map[string]*group{}
			for _, s := range cf.C.Services {
				for _, e := range s.Environment {
					if !e.HasValue || !isSecretName(e.Name) || !literalSecret(e.Value.Value) {
						continue
					}
					if len(e.Value.Vars) > 0 && len(e.Value.Defaulted) == 0 {
						continue
					}
					k := e.Name + "\x00" + e.Value.Raw
					if g := groups[k]; g != nil {
						g.others = append(g.others, s.Name)
						continue
					}
					groups[k] = &group{first: e, names: []string{s.Name}}
					order = append(order, k)
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
				pass.Report(analysis.Diagnostic{Location: at(cf.Path, e.Value.Pos), Message: msg})
			}
		}
	},
}
