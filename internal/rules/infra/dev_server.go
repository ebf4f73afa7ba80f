package infra

import (
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// DeploymentDevServer finds deployments that serve the site with Django's
// development server.
var DeploymentDevServer = &analysis.Rule{
	ID: "DJI405", Name: "deployment-dev-server",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{489, 1188}, Checklist: []int{3, 9},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The deployment serves the site with Django's development server",
		What: "Reports `manage.py runserver` (or `django-admin runserver`, or django-extensions' `runserver_plus`) as " +
			"what a deployment starts: the ENTRYPOINT or CMD of a Dockerfile's final stage, or the exec line of the " +
			"entry-point script they run (the one the Dockerfile's own COPY puts in the image under that name, else the nearest " +
			"of that name, or the recipe of the make target it runs: CMD [\"make\", \"webserver\"]); a compose service's command; a Procfile line; a systemd unit's ExecStart. " +
			"Only when no deployment file of the project starts a production server (gunicorn, uwsgi, daphne, " +
			"uvicorn, hypercorn, granian, waitress, on any branch of an entry-point script, or a Python script it runs that imports one: gevent's WSGIServer, " +
			"waitress, bjoern, cheroot), nor serves it with Apache's mod_wsgi (WSGIScriptAlias in a virtual host the project ships) or deploys the repository itself over SSH from CI (appleboy/ssh-action or ssh user@host in a workflow that names no container tool), when only development stacks build the image: a project that has one keeps runserver for its development " +
			"image, as most do. Development files (Dockerfile.dev, an image whose ENV DJANGO_SETTINGS_MODULE names development settings or settings built on them (from .dev import *), compose files for development, devcontainers, " +
			"a Procfile one of whose processes starts docker compose (a local process manager's: honcho, overmind), " +
			"a folder whose README, or a file whose own comments, say it is not for production) are left alone. `runserver_plus` is high " +
			"severity: it serves the Werkzeug debugger.",
		Why: "Django's documentation is plain: do not use the development server in production. It has had no " +
			"security audit nor performance tests, serves one request at a time per thread with no limits on slow " +
			"clients, serves static files itself only with DEBUG on (so a site run this way tends to run with " +
			"DEBUG on), and reloads code from disk. runserver_plus adds the Werkzeug debugger, whose console runs " +
			"Python for whoever reaches an error page.",
		Bad:  "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]",
		Good: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"shop.wsgi\"]",
		Fix: "Serve the site with a production server (gunicorn shop.wsgi, or uvicorn/daphne for ASGI) behind a " +
			"reverse proxy, serve static files with whitenoise or the proxy, and keep runserver for development files.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver",
			"https://docs.djangoproject.com/en/stable/howto/deployment/",
		},
	},
	Run: func(pass *analysis.Pass) {
		starts := serverStarts(pass)
		for _, s := range starts {
			if s.prod {
				return // the project deploys with a production server
			}
		}
		for _, s := range starts {
			if !s.dev {
				continue
			}
			d := analysis.Diagnostic{Location: at(s.path, s.pos),
				Message: s.what + " starts Django's development server (" + s.cmd + "), which is not built to serve a site"}
			if s.cmd == "runserver_plus" {
				d.Severity = report.High
				d.Message += "; runserver_plus serves the Werkzeug debugger, whose console runs code"
			}
			pass.Report(d)
		}
	},
}

// devServerImage reports whether the Dockerfile at dfPath starts Django's
// development server while another deployment file of the project starts
// a production server: then it is the image for local development.
func devServerImage(pass *analysis.Pass, dfPath string) bool {
	dev, prod := false, false
	for _, s := range serverStarts(pass) {
		dev = dev || s.dev && s.path == dfPath
		prod = prod || s.prod
	}
	return dev && prod
}

// developers reports a Dockerfile for development: marked so by the
// deployment files, or starting Django's development server while another
// deployment file starts a production server (devServerImage).
func developers(pass *analysis.Pass, df *dockerfile) bool {
	return df.Dev || devServerImage(pass, df.Path)
}

// serverStart is a command a deployment runs, and which server it starts.
type serverStart struct {
	path string
	pos  inf.Pos
	what string // "the Dockerfile's CMD", "compose service web", ...
	dev  bool   // it starts the development server
	cmd  string // runserver or runserver_plus, when dev
	prod bool   // it starts a production server
}

// prodServerLine matches a line of a script that runs a production server
// as its command: "uwsgi --ini prod.ini", "  exec gunicorn shop.wsgi",
// "/venv/bin/daphne shop.asgi:application"; not a comment or an echo.
var prodServerLine = lazyre.New(`(?m)^[ \t]*(?:exec[ \t]+)?(?:[\w./-]*/)?(?:gunicorn|uwsgi|daphne|uvicorn|hypercorn|granian|waitress-serve)[ \t]`)

var (
	devServerRE  = lazyre.New(`\b(?:manage\.py|django-admin)\b[^;&|\n]*?\b(runserver(?:_plus)?)\b|\b(runserver_plus)\b`)
	prodServerRE = lazyre.New(`\b(gunicorn|uwsgi|daphne|uvicorn|hypercorn|granian|waitress-serve|mod_wsgi-express)\b`)
)

var (
	pythonScriptRE = lazyre.New(`\bpython[0-9.]*\s+(?:-[A-Za-z]+\s+)*([\w./-]+\.py)\b`)
	// serverImportRE matches the import of a WSGI or ASGI server a
	// script runs the site with: gevent's WSGIServer, waitress, bjoern,
	// cheroot, meinheld, gunicorn's application class, uvicorn.
	serverImportRE = lazyre.New(`(?m)^\s*(?:from|import)\s+(?:gevent\.pywsgi|waitress|bjoern|cheroot|meinheld|gunicorn\.app|uvicorn|hypercorn)\b`)
)

// embeddedServer reports whether a command line runs a project script
// (python app.py) that serves the site with a production server it
// imports, as a gevent WSGIServer started from a Procfile does.
func embeddedServer(pass *analysis.Pass, dir, cmd string) bool {
	for _, m := range pythonScriptRE().FindAllStringSubmatch(cmd, -1) {
		f := scriptFile(pass.Project, dir, path.Base(m[1]))
		if f == nil {
			continue
		}
		if src, err := f.Content(); err == nil && serverImportRE().Match(src) {
			return true
		}
	}
	return false
}

// classify reads what a command line starts.
func classify(s serverStart, cmd string) serverStart {
	if m := devServerRE().FindStringSubmatch(cmd); m != nil {
		s.dev, s.cmd = true, m[1]+m[2]
	}
	s.prod = prodServerRE().MatchString(cmd)
	return s
}

// serverStarts lists the commands the project's production deployment
// files run: Dockerfiles' ENTRYPOINT and CMD (with the entry-point script
// they run), compose services' commands, Procfiles and systemd units.
func serverStarts(pass *analysis.Pass) []serverStart {
	return pass.Project.Memo("rules/infra.serverStarts", func() any { return findServerStarts(pass) }).([]serverStart)
}

func findServerStarts(pass *analysis.Pass) []serverStart {
	var out []serverStart
	dep := deployment(pass)
	for _, df := range dep.dockerfiles {
		n := deployStage(df.D) + 1
		if df.Dev || n == 0 {
			continue
		}
		entry, cmd := entryInstructions(df.D, n-1)
		for _, in := range []*inf.Instruction{entry, cmd} {
			if in == nil {
				continue
			}
			s := classify(serverStart{path: df.Path, pos: in.Pos, what: "the Dockerfile's " + in.Cmd}, in.Args)
			s.prod = s.prod || embeddedServer(pass, path.Dir(df.Path), in.Args)
			if !s.dev && !s.prod {
				s = scriptStart(pass, df.Path, s, execWords(in.Args))
			}
			out = append(out, s)
		}
	}
	for _, cf := range dep.compose {
		if cf.Dev {
			continue
		}
		for _, svc := range cf.C.Services {
			if svc.Command != nil {
				out = append(out, classify(serverStart{path: cf.Path, pos: svc.Command.Pos, what: "compose service " + svc.Name}, svc.Command.Value))
			}
		}
	}
	for _, format := range []string{"procfile", "systemd"} {
		for _, cf := range configs(pass, format) {
			if cf.Dev {
				continue
			}
			for _, l := range inf.ParseINI(cf.Data) {
				if format == "systemd" && l.Key != "ExecStart" {
					continue
				}
				what := "the Procfile's " + l.Key + " process"
				if format == "systemd" {
					what = "the systemd unit " + path.Base(cf.Path)
				}
				s := classify(serverStart{path: cf.Path, pos: l.Pos, what: what}, l.Value())
				s.prod = s.prod || embeddedServer(pass, path.Dir(cf.Path), l.Value())
				if !s.dev && !s.prod {
					s = scriptStart(pass, cf.Path, s, strings.Fields(l.Value()))
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// copiedScript returns the file a Dockerfile's own COPY or ADD puts in
// the image under the name base (COPY scripts/prod/start.sh /app/, COPY
// scripts/prod/run.sh /app/start.sh), from its folder taken as the build
// context; nil when none does, or when the source is not in the project.
// Another script of the same name elsewhere (scripts/dev/start.sh) is not
// the one the image runs.
func copiedScript(pass *analysis.Pass, dfPath, base string) *project.File {
	for _, df := range deployment(pass).dockerfiles {
		if df.Path != dfPath {
			continue
		}
		var found *project.File
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				if in.Cmd != "COPY" && in.Cmd != "ADD" || in.Flags["from"] != "" {
					continue
				}
				args := strings.Fields(in.Args)
				if len(args) < 2 {
					continue
				}
				dest := args[len(args)-1]
				for _, src := range args[:len(args)-1] {
					if !(path.Base(dest) == base || strings.HasSuffix(dest, "/") && path.Base(src) == base) {
						continue
					}
					if f := pass.Project.File(path.Join(path.Dir(dfPath), src)); f != nil {
						found = f // the last COPY to that name wins
					}
				}
			}
		}
		return found
	}
	return nil
}

// scriptStart reads the entry-point script a Dockerfile runs (a .sh file or
// one named for an entry point, found in the project): what its exec lines
// start, or any line when it has none.
func scriptStart(pass *analysis.Pass, dfPath string, s serverStart, words []string) serverStart {
	if len(words) >= 2 && words[0] == "make" && !strings.HasPrefix(words[1], "-") {
		return makeStart(pass, dfPath, s, words[1])
	}
	for _, w := range words {
		if !strings.HasSuffix(w, ".sh") && !strings.Contains(w, "entrypoint") {
			continue
		}
		f := copiedScript(pass, dfPath, path.Base(w))
		if f == nil {
			f = scriptFile(pass.Project, path.Dir(dfPath), path.Base(w))
		}
		if f == nil {
			continue
		}
		src, err := f.Content()
		if err != nil {
			continue
		}
		lines := execLine().FindAll(src, -1)
		if len(lines) == 0 {
			lines = [][]byte{src}
		}
		// a branch that runs a production server without exec (if
		// DEV_SERVER ... exec runserver_plus ... else uwsgi --ini ...):
		// the development server is the option, not the deployment
		s.prod = s.prod || prodServerLine().Match(src)
		for _, l := range lines {
			c := classify(s, string(l))
			s.prod = s.prod || c.prod || embeddedServer(pass, path.Dir(f.Path), string(l))
			if c.dev && !s.dev {
				s.dev, s.cmd = true, c.cmd
				s.what += " (through " + f.Path + ")"
			}
		}
		return s
	}
	return s
}

// makeStart reads the recipe of the make target a command runs (CMD
// ["make", "webserver"]), in the Makefile beside the Dockerfile or at the
// project's root: what its lines start.
func makeStart(pass *analysis.Pass, dfPath string, s serverStart, target string) serverStart {
	for _, l := range makefileRecipe(pass.Project, dfPath, target) {
		c := classify(s, l)
		s.prod = s.prod || c.prod
		if c.dev && !s.dev {
			s.dev, s.cmd = true, c.cmd
			s.what += " (through make " + target + ")"
		}
	}
	return s
}

// makefileRecipe returns the recipe of a make target, from the Makefile
// beside the Dockerfile at dfPath or at the project's root; nil when
// neither has it.
func makefileRecipe(p *project.Project, dfPath, target string) []string {
	for _, dir := range []string{path.Dir(dfPath), "."} {
		for _, name := range []string{"Makefile", "makefile", "GNUmakefile"} {
			f := p.File(path.Join(dir, name))
			if f == nil {
				continue
			}
			src, err := f.Content()
			if err != nil {
				continue
			}
			return makeRecipe(string(src), target)
		}
	}
	return nil
}

// makeRecipe returns the recipe lines of a target of a Makefile: the
// tab-indented lines after "target:".
func makeRecipe(src, target string) []string {
	var out []string
	in := false
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(line, "\t"):
			if in {
				out = append(out, strings.TrimSpace(line))
			}
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		default:
			name, _, ok := strings.Cut(line, ":")
			in = ok && slices.Contains(strings.Fields(name), target) && !strings.HasPrefix(line, ".")
		}
	}
	return out
}
