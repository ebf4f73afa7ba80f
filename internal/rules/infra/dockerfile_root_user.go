package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// DockerfileRootUser finds images whose final stage runs as root.
var DockerfileRootUser = &analysis.Rule{
	ID: "DJI301", Name: "dockerfile-runs-as-root",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{250}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Dockerfile's final image runs as root",
		What: "Reports the final stage of a Dockerfile when no USER instruction (in it, or in the stage it is " +
			"built FROM) switches to another user, or the last one is root or 0. Base images known to run " +
			"unprivileged (distroless :nonroot, *-unprivileged, Chainguard, Bitnami) and development Dockerfiles " +
			"(devcontainers, Dockerfile.dev) are left alone, and so is a Dockerfile whose compose service sets user:.",
		Why: "A bug that lets an attacker run code in the application (deserialisation, template injection, an " +
			"upload handler) then runs as root in the container: it can rewrite the application's code, read every " +
			"mounted secret, and is one kernel bug away from the host.",
		Bad:  "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"shop.wsgi\"]",
		Good: "FROM python:3.12-slim\nRUN useradd --system app\nCOPY . /app\nUSER app\nCMD [\"gunicorn\", \"shop.wsgi\"]",
		Fix:  "Create an unprivileged user (useradd --system app) and add USER app before CMD.",
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#user",
			"https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user",
		},
	},
	Run: func(pass *analysis.Pass) {
		dep := deployment(pass)
		for _, df := range dep.dockerfiles {
			n := len(df.D.Stages)
			if df.Dev || n == 0 || composeSetsUser(dep, df.Path) {
				continue
			}
			last := df.D.Stages[n-1]
			if nonRootImage(last.Image) || last.Image == "scratch" {
				continue
			}
			user, in := finalUser(df.D, n-1, 0)
			switch {
			case in == nil:
				msg := "the final image runs as root: no USER instruction switches to an unprivileged user"
				if createsUser(last) {
					msg = "the final image creates a user but never switches to it: it runs as root"
				}
				pass.Reportf(at(df.Path, last.From.Pos), "%s", msg)
			case rootUser(user):
				pass.Reportf(at(df.Path, in.Pos), "USER %s makes the final image run as root", user)
			}
		}
	},
}

func createsUser(st *inf.Stage) bool {
	for _, in := range st.Instructions {
		if in.Cmd == "RUN" && (containsWord(in.Args, "useradd") || containsWord(in.Args, "adduser")) {
			return true
		}
	}
	return false
}
