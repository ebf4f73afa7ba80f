package infra

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// DockerfileRootUser finds images whose final stage runs as root.
var DockerfileRootUser = &analysis.Rule{
	ID: "DJI301", Name: "dockerfile-runs-as-root",
	// low: defence in depth, which matters once another flaw lets code
	// run; reviewers of real projects rated it so nearly every time
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{250}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Dockerfile's final image runs as root",
		What: "Reports the final stage of a Dockerfile built on an image that runs as root by default (the official " +
			"python, debian, ubuntu, alpine, ... images) when no USER instruction (in it, or in the stage it is " +
			"built FROM) switches to another user, and any final stage whose last USER is root or 0. The final stage is " +
			"the last, or, when the last is named for development or tests (dev, test, ci) and an earlier one for " +
			"production (production, prod, release, runtime), that one: deployments build it as their target. Other base " +
			"images (postgres, nginx, a vendor's image) choose their own user and are left alone, as are images " +
			"known to run unprivileged, images whose entry point starts the application as another user (gosu, " +
			"su-exec, setpriv, runuser or su -c in the ENTRYPOINT, CMD or the entry-point script they run; s6-overlay " +
			"services that start it through s6-setuidgid; a server that switches user itself: uWSGI with a uid, on its command " +
			"line or in its .ini, gunicorn with --user (started by the entry-point script's exec lines or, with none, its last command), supervisord whose programs that start the application set user= or start such a server), development Dockerfiles (devcontainers, Dockerfile.dev, local.Dockerfile, a folder whose README or the file's own comments say it is not for " +
			"production or serves local development (the comments only when no stage is named for production), an image that starts runserver while another deployment file starts a production server, an image " +
			"that only development stacks build (compose files that run development settings or mount the source tree; a stack that builds " +
			"the development target of a Dockerfile whose production stage deploys does not build that image) while the application is deployed another way: another image, a Procfile's web process that starts a production server, a Cloud Foundry manifest, a CI workflow that deploys the repository over SSH and names no container tool, and no heroku.yml or CI workflow publishes an image) and a Dockerfile " +
			"whose compose service sets user:, or named as a base (base.dockerfile, Dockerfile.base) with no CMD or ENTRYPOINT: a layer other images build on; nor one with no CMD or " +
			"ENTRYPOINT that installs the requirements of tests (pip install -r requirements_test.txt, also through the recipe of a make target it runs), which CI runs its suite in, where a " +
			"buildpack deploys the site (a Procfile's web process, a Cloud Foundry manifest) and no deployment stack pulls an application image. Only images of a Python application count (a python base image that does not " +
			"start a proxy such as caddy or nginx, or pip, gunicorn, manage.py, ... in the instructions): tool and proxy images are left alone.",
		Why: "A bug that lets an attacker run code in the application (deserialisation, template injection, an " +
			"upload handler) then runs as root in the container: it can rewrite the application's code, read every " +
			"mounted secret, and is one kernel bug away from the host. It is defence in depth, low on its own: it matters " +
			"once another flaw lets code run, which the other rules look for.",
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
			n := deployStage(df.D) + 1
			if df.Dev || n == 0 || composeSetsUser(dep, df.Path) || devServerImage(pass, df.Path) || baseLayer(df) {
				continue
			}
			last := df.D.Stages[n-1]
			if nonRootImage(last.Image) || last.Image == "scratch" || !pythonApp(df.D) {
				continue
			}
			user, in := finalUser(df.D, n-1, 0)
			if (in == nil || rootUser(user)) && dropsPrivileges(pass.Project, df.Path, df.D, n-1) {
				continue // the entry point runs the application as another user
			}
			switch {
			case in == nil && !rootByDefault(baseImage(df.D, n-1)):
				// The base image chooses its user; djsec cannot see it.
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

// baseLayer reports a Dockerfile named as a base (base.dockerfile,
// Dockerfile.base) that gives its image no command: a layer other images
// are built FROM, which runs nothing itself; theirs set the user.
func baseLayer(df *dockerfile) bool {
	if !project.HasNameWord(strings.ToLower(path.Base(df.Path)), "base") {
		return false
	}
	for _, st := range finalChain(df.D) {
		for _, in := range st.Instructions {
			if in.Cmd == "CMD" || in.Cmd == "ENTRYPOINT" {
				return false
			}
		}
	}
	return true
}

// baseImage follows FROM references to earlier stages down to the image
// the final stage is built on.
func baseImage(d *inf.Dockerfile, i int) string {
	for depth := 0; depth <= len(d.Stages); depth++ {
		img := d.Stages[i].Image
		next := d.StageNamed(img, i)
		if next < 0 {
			return img
		}
		i = next
	}
	return ""
}

// appWords are the commands and files that show an image runs a Python
// web application rather than a tool (jq, a cron helper, a proxy).
var appWords = []string{"pip ", "pip3 ", "poetry ", "uv ", "pipenv ", "manage.py", "gunicorn", "uwsgi", "uvicorn", "daphne",
	"hypercorn", "celery", "requirements.txt", "pyproject.toml", "wsgi", "asgi"}

// pythonApp reports whether a Dockerfile builds a Python application: its
// final image is a python image that does not start a proxy of its own,
// or its instructions install or run one.
func pythonApp(d *inf.Dockerfile) bool {
	if strings.Contains(strings.ToLower(baseImage(d, deployStage(d))), "python") && !startsProxy(d) {
		return true
	}
	for _, st := range d.Stages {
		for _, in := range st.Instructions {
			low := strings.ToLower(in.Args)
			for _, w := range appWords {
				if strings.Contains(low, w) {
					return true
				}
			}
		}
	}
	return false
}

// proxies are servers that images built on a python base sometimes run
// instead of the application: a Caddy or nginx image made from the same
// base as the application's.
var proxies = map[string]bool{"caddy": true, "nginx": true, "traefik": true, "haproxy": true, "httpd": true, "apache2ctl": true, "envoy": true}

// startsProxy reports whether the final stage's CMD or ENTRYPOINT starts
// one of proxies.
func startsProxy(d *inf.Dockerfile) bool {
	if len(d.Stages) == 0 {
		return false
	}
	start := ""
	for _, in := range d.Stages[deployStage(d)].Instructions {
		if in.Cmd == "CMD" || in.Cmd == "ENTRYPOINT" {
			start = in.Args
		}
	}
	words := strings.Fields(strings.Trim(strings.TrimSpace(start), "[]"))
	if len(words) == 0 {
		return false
	}
	first := strings.Trim(words[0], `"',`)
	return proxies[first[strings.LastIndexByte(first, '/')+1:]]
}

func createsUser(st *inf.Stage) bool {
	for _, in := range st.Instructions {
		if in.Cmd == "RUN" && (containsWord(in.Args, "useradd") || containsWord(in.Args, "adduser")) {
			return true
		}
	}
	return false
}
