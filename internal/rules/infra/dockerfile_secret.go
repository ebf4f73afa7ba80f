package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/secrets"
)

// DockerfileSecret finds credentials in ENV and ARG instructions.
var DockerfileSecret = &analysis.Rule{
	ID: "DJI303", Name: "dockerfile-secret-in-env",
	Severity: report.High, Confidence: report.MediumConfidence,
	CWE: []int{798, 538}, Checklist: []int{1, 4},
	Scope:      analysis.PerProject,
	Supersedes: secretDetectors,
	Doc: analysis.Doc{
		Title: "The Dockerfile bakes a credential into the image (ENV or ARG)",
		What: "Reports ENV and ARG instructions whose variable name says it holds a credential (PASSWORD, " +
			"SECRET_KEY, TOKEN, API_KEY, ...) with a value written in the file. ARG defaults are reported with " +
			"medium severity. Only the final stage and the stages it is built FROM count. Values that refer to other " +
			"variables, words that switch a credential off (GOOGLE_API_KEY=no, none, false, 0), and development " +
			"Dockerfiles, are left alone, and so is an ARG whose default is a stand-in that lets collectstatic import the settings (ARG SECRET_KEY=dummy, " +
			"or a default that says it serves the build: insecure_docker_build_key) while no ENV of the image takes its value, and a private key's variable given words instead of a key " +
			"(ENV OIDC_RSA_PRIVATE_KEY 'temporary key for the build', with no PEM block: whatever loads it fails, so nothing signs with it); " +
			"a throw-away key given to a single RUN (RUN SECRET_KEY=x manage.py collectstatic) is not an ENV. One instruction is one finding, " +
			"naming every credential it sets. A Dockerfile whose check parser directive turns off BuildKit's own check of this " +
			"(# check=skip=SecretsUsedInArgOrEnv, or skip=all) has its findings low: its maintainers put the values there on purpose. " +
			"An ENV whose values are stand-ins (SECRET_KEY=change-me-in-production) leaks no secret, and the message says so: " +
			"what is wrong is that every container not given its own value runs with that known key.",
		Why: "ENV values are stored in the image's configuration and ARG values in its history: anyone who can " +
			"pull the image reads them with docker inspect or docker history, and every container started from it " +
			"uses the same key unless the deployment remembers to override it.",
		Bad:  "ENV SECRET_KEY=django-insecure-1x!c0",
		Good: "# the deployment sets SECRET_KEY; builds that need one use a BuildKit secret\nRUN --mount=type=secret,id=key SECRET_KEY=$(cat /run/secrets/key) python manage.py collectstatic",
		Fix:  "Remove the value from the Dockerfile; give it at run time (environment, orchestrator secrets) and at build time through RUN --mount=type=secret.",
		References: []string{
			"https://docs.docker.com/build/building/secrets/",
			"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, df := range deployment(pass).dockerfiles {
			if df.Dev {
				continue
			}
			acknowledged := skipsSecretsCheck(pass.Project.File(df.Path))
			check := func(in *inf.Instruction) {
				if in.Cmd != "ENV" && in.Cmd != "ARG" {
					return
				}
				var keys []string // one finding an instruction, naming every key
				standIns := true  // every value reported is a stand-in (change-me-in-production)
				for _, kv := range inf.ParseKeyValues(in.Args, in.Cmd == "ENV") {
					if !kv.HasValue || !isSecretName(kv.Key) || !literalSecret(kv.Value) {
						continue
					}
					if in.Cmd == "ARG" && (secrets.Placeholder(kv.Value) || buildStandIn(kv.Value)) && !passedToEnv(df.D, kv.Key) {
						continue // ARG SECRET_KEY=dummy for collectstatic: the build's stand-in, gone from the container
					}
					if privateKeyName(kv.Key) && strings.Contains(kv.Value, " ") && !strings.Contains(kv.Value, "-----BEGIN") {
						// ENV OIDC_RSA_PRIVATE_KEY 'temporary key for the build': words,
						// not a key; whatever loads it fails, so nothing signs with it
						continue
					}
					keys = append(keys, kv.Key)
					standIns = standIns && secrets.Placeholder(kv.Value)
				}
				if len(keys) == 0 {
					return
				}
				what := in.Cmd + " " + keys[0] + " writes a credential"
				if len(keys) > 1 {
					what = in.Cmd + " " + strings.Join(keys, ", ") + " write credentials"
				}
				d := analysis.Diagnostic{Location: at(df.Path, in.Pos),
					Message: what + " into the image, where docker inspect and docker history show it to anyone who can pull it"}
				if standIns && in.Cmd == "ENV" {
					// ENV SECRET_KEY=change-me-in-production: no secret
					// leaks, but it is the key of every container not
					// given its own
					d.Message = what + " that is a stand-in (a value asking to be changed): every container started without its own " +
						"value runs with this key, which everyone who reads the Dockerfile knows"
				}
				if in.Cmd == "ARG" {
					d.Severity = report.Medium
				}
				if acknowledged {
					d.Severity = report.Low
					d.Message += "; the Dockerfile's check directive (# check=skip=SecretsUsedInArgOrEnv) says its maintainers " +
						"put these values there on purpose, most often stand-ins the build needs: make sure the containers are given the real ones"
				}
				pass.Report(d)
			}
			for _, in := range df.D.Args {
				check(in)
			}
			// Only the final image and the stages it is built FROM carry
			// their ENV and ARG into what is shipped; a build stage's
			// layers stay behind.
			for _, st := range finalChain(df.D) {
				for _, in := range st.Instructions {
					check(in)
				}
			}
		}
	},
}

// passedToEnv reports whether an ENV of the final image takes the build
// argument's value (ENV SECRET_KEY=$SECRET_KEY): then its default is what
// every container runs with.
func passedToEnv(d *inf.Dockerfile, arg string) bool {
	for _, st := range finalChain(d) {
		for _, in := range st.Instructions {
			if in.Cmd != "ENV" {
				continue
			}
			for _, kv := range inf.ParseKeyValues(in.Args, true) {
				v := strings.Trim(kv.Value, `"'`)
				if v == "$"+arg || strings.HasPrefix(v, "${"+arg+"}") || strings.HasPrefix(v, "${"+arg+":") {
					return true
				}
			}
		}
	}
	return false
}

// privateKeyName reports a variable named for a private key (an RSA or
// PEM key, JWT_PRIVATE_KEY), whose value is a PEM block or encoded key
// with no space in it.
func privateKeyName(name string) bool {
	n := strings.ToUpper(name)
	return strings.Contains(n, "PRIVATE_KEY") || strings.HasSuffix(n, "_PEM") || strings.Contains(n, "RSA_KEY")
}

// skipsSecretsCheck reports a Dockerfile whose check parser directive, at
// its top, turns off BuildKit's SecretsUsedInArgOrEnv check, which looks
// for what this rule does (# check=skip=SecretsUsedInArgOrEnv, or
// skip=all).
func skipsSecretsCheck(f *project.File) bool {
	if f == nil {
		return false
	}
	data, err := f.Content()
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		m := parserDirective().FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			return false // directives come first, before anything else
		}
		if !strings.EqualFold(m[1], "check") {
			continue
		}
		for _, part := range strings.Split(m[2], ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
			if strings.TrimSpace(k) != "skip" {
				continue
			}
			for _, name := range strings.Split(v, ",") {
				if n := strings.TrimSpace(name); n == "SecretsUsedInArgOrEnv" || n == "all" {
					return true
				}
			}
		}
	}
	return false
}

// parserDirective matches a Dockerfile parser directive: # name=value.
var parserDirective = lazyre.New(`^#\s*([A-Za-z]+)\s*=\s*(.*)$`)

// buildStandIn reports a build argument's default that says it serves the
// build (insecure_docker_build_key, for-collectstatic): a key the settings
// need to be imported while collectstatic runs, not the site's.
func buildStandIn(v string) bool {
	l := strings.ToLower(v)
	return strings.Contains(l, "build") || strings.Contains(l, "collectstatic")
}
