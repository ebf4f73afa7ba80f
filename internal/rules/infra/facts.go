package infra

// This file answers the questions other rules ask of the deployment files
// (the settings rules, which see only Django's side): what the project's
// nginx sends and ends, which credentials its stacks hand to services, and
// whether they run Python with its asserts removed.

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"go.yaml.in/yaml/v3"
)

// ProxySends returns where the project's nginx adds a response header
// (add_header Strict-Transport-Security ...) in a server that proxies to
// the application, when one does: the settings rules, which see only
// Django's side, credit it. The configurations are those the nginx rules
// read, development ones left out (and their problems are reported by
// those rules, not here).
func ProxySends(p *project.Project, header string) (report.Location, bool) {
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	res := p.Memo("infra.nginx", func() any { return loadNginx(p, dep) }).(*nginxLoad)
	for _, c := range res.confs {
		for _, s := range c.servers() {
			// a server without TLS counts too: one that adds HSTS sits
			// behind a load balancer that ends TLS (listen 8085 behind an
			// ingress), since browsers heed the header only over HTTPS
			server := s.last()
			if !passesOn(server) {
				continue
			}
			// at the server's level or above it: a location's own
			// add_header would drop it there, which is not followed
			for i := len(s) - 1; i >= 0; i-- {
				for _, d := range findAll(s[i].Block, "add_header") {
					if strings.EqualFold(d.Arg(0), header) {
						return loc(d), true
					}
				}
			}
		}
	}
	return report.Location{}, false
}

// passesOn reports a server that passes requests on to an application,
// itself or in a location.
func passesOn(server *infDirective) bool {
	found := false
	var walk func(ds []*infDirective, depth int)
	walk = func(ds []*infDirective, depth int) {
		for _, d := range ds {
			if d.Name == "proxy_pass" || d.Name == "uwsgi_pass" {
				found = true
			}
			if depth < 8 {
				walk(d.Block, depth+1)
			}
		}
	}
	walk(server.Block, 0)
	return found
}

// ProxyEndsTLS returns a server of the project's nginx (development
// configurations left out) that accepts TLS and passes requests on to
// the application, when there is one: the project then owns the edge
// where HTTPS ends, and what that edge sends is in the repository.
func ProxyEndsTLS(p *project.Project) (report.Location, bool) {
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	res := p.Memo("infra.nginx", func() any { return loadNginx(p, dep) }).(*nginxLoad)
	for _, c := range res.confs {
		for _, s := range c.servers() {
			if server := s.last(); isTLS(server) && passesOn(server) {
				return loc(server), true
			}
		}
	}
	return report.Location{}, false
}

// StackCredential returns where the project's compose files or
// Dockerfiles give a service the literal value as a credential (POSTGRES_PASSWORD:
// insecure, ENV MINIO_ROOT_PASSWORD=minio_pass), when one does. A setting
// that falls back to such a value is the stack's own credential, there so
// that the application reaches the services the stack starts: a service
// set up with another value rejects it, and the value itself is reported
// where it is given (DJI205, DJI303), as a development file's or not.
func StackCredential(p *project.Project, value string) (report.Location, bool) {
	if len(value) < 4 {
		return report.Location{}, false
	}
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			for _, e := range s.Environment {
				if e.HasValue && len(e.Value.Vars) == 0 && e.Value.Value == value && isSecretName(e.Name) {
					return at(cf.Path, e.Value.Pos), true
				}
			}
		}
	}
	for _, df := range dep.dockerfiles {
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				if in.Cmd != "ENV" {
					continue
				}
				for _, kv := range inf.ParseKeyValues(in.Args, true) {
					if kv.HasValue && kv.Value == value && isSecretName(kv.Key) {
						return at(df.Path, in.Pos), true
					}
				}
			}
		}
	}
	return report.Location{}, false
}

// envEntry matches a container's environment entry in a manifest that is
// a template (Helm's {{ }}, an OpenShift Template's ${PARAM}), which the
// YAML reader cannot take as Kubernetes objects: "- name: VAR" with a
// value: or valueFrom: on the next line.
var envEntry = lazyre.New(`(?m)^\s*-\s+name:\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*\n\s+(?:value:\s*\S|valueFrom:)`)

// templateSets finds name set in the environment of a container in a
// manifest template outside the development folders: a Helm chart's
// templates/deployment.yaml, an OpenShift Template's DeploymentConfig.
func templateSets(p *project.Project, name string) (report.Location, bool) {
	sets := p.Memo("rules/infra.templateSets", func() any {
		out := map[string]report.Location{}
		var buf []byte
		for _, f := range p.OfKind(project.Deploy) {
			if project.DeployName(f.Path) != "yaml" || devPath(f.Path) {
				continue
			}
			data, err := f.Peek(&buf) // names are copied out: nothing of the file is kept
			if err != nil || !bytes.Contains(data, []byte("env")) || !bytes.Contains(data, []byte("{{")) && !bytes.Contains(data, []byte("kind: Template")) {
				continue
			}
			for _, m := range envEntry().FindAllSubmatchIndex(data, -1) {
				v := string(data[m[2]:m[3]])
				if _, seen := out[v]; !seen {
					out[v] = report.Location{Path: f.Path, Line: 1 + bytes.Count(data[:m[2]], []byte("\n"))}
				}
			}
		}
		return out
	}).(map[string]report.Location)
	at, ok := sets[name]
	return at, ok
}

// optimizeRE matches what runs Python with its asserts removed: the
// PYTHONOPTIMIZE variable set in an environment (ENV, compose,
// Kubernetes, a unit's Environment=), or the -O flag on a command line.
var optimizeRE = lazyre.New(`(?i:PYTHONOPTIMIZE)|\bpython[0-9.]*\s+-[A-Za-z]*O\b`)

// OptimizedPython returns where a deployment file of the project runs
// Python with -O or sets PYTHONOPTIMIZE, when one does (development files
// left out): there, assert statements are not run.
func OptimizedPython(p *project.Project) (report.Location, bool) {
	at := p.Memo("rules/infra.OptimizedPython", func() any { return optimizedPython(p) }).(report.Location)
	return at, at.Path != ""
}

func optimizedPython(p *project.Project) report.Location {
	var buf []byte
	for _, f := range p.Files {
		if f.Kind()&(project.Compose|project.Dockerfile|project.Deploy) == 0 || devPath(f.Path) {
			continue
		}
		data, err := f.Peek(&buf)
		if err != nil {
			continue
		}
		for _, loc := range optimizeRE().FindAllIndex(data, 4) {
			line := data[loc[0]:]
			if i := bytes.IndexByte(line, '\n'); i >= 0 {
				line = line[:i]
			}
			if disabled(line) {
				continue // PYTHONOPTIMIZE=0, PYTHONOPTIMIZE: ""
			}
			return report.Location{Path: f.Path, Line: bytes.Count(data[:loc[0]], []byte("\n")) + 1}
		}
	}
	return report.Location{}
}

// disabled reports a line that sets PYTHONOPTIMIZE to nothing or zero.
func disabled(line []byte) bool {
	i := bytes.Index(bytes.ToUpper(line), []byte("PYTHONOPTIMIZE"))
	if i < 0 {
		return false
	}
	v := bytes.Trim(line[i+len("PYTHONOPTIMIZE"):], " \t\"':=")
	return len(v) == 0 || v[0] == '0' || bytes.HasPrefix(bytes.ToLower(v), []byte("false"))
}

// DeploymentSets returns where a production deployment file of the
// project gives the application's environment the variable name with a
// value: a Kubernetes ConfigMap's data or a container's env (a value, or
// valueFrom a Secret), a compose service's environment, or an ENV of the
// stage a Dockerfile ships. Development files are left out. A settings
// default used "whenever name is unset" is then not what that deployment
// runs with; what it does set is the deployment rules' to judge.
func DeploymentSets(p *project.Project, name string) (report.Location, bool) {
	for _, o := range k8sObjectsOf(p) {
		if o.Dev {
			continue
		}
		if o.Kind == "ConfigMap" {
			if v := o.Doc.Get("data." + name); v != nil && v.Value != "" {
				return at(o.Path, inf.NodePos(v)), true
			}
			continue
		}
		var set *yaml.Node
		o.eachEnv(func(_, e *yaml.Node) {
			if set != nil || nodeValue(e, "name") != name {
				return
			}
			if v := inf.NodeGet(e, "value"); v != nil && v.Value != "" {
				set = v
			} else if v := inf.NodeGet(e, "valueFrom"); v != nil {
				set = v
			}
		})
		if set != nil {
			return at(o.Path, inf.NodePos(set)), true
		}
	}
	if at, ok := templateSets(p, name); ok {
		return at, true
	}
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	for _, cf := range dep.compose {
		if cf.Dev {
			continue
		}
		for _, s := range cf.C.Services {
			for _, e := range s.Environment {
				if e.Name == name && e.HasValue && len(e.Value.Vars) == 0 && e.Value.Value != "" {
					return at(cf.Path, e.Value.Pos), true
				}
			}
		}
	}
	return imageSets(dep, name)
}

// imageSets returns where the shipped stage of a production Dockerfile
// sets name with an ENV.
func imageSets(dep *deployLoad, name string) (report.Location, bool) {
	for _, df := range dep.dockerfiles {
		i := deployStage(df.D)
		if df.Dev || i < 0 {
			continue
		}
		for _, in := range df.D.Stages[i].Instructions {
			if in.Cmd != "ENV" {
				continue
			}
			for _, kv := range inf.ParseKeyValues(in.Args, true) {
				if kv.Key == name && kv.HasValue && kv.Value != "" && !strings.Contains(kv.Value, "$") {
					return at(df.Path, in.Pos), true
				}
			}
		}
	}
	return report.Location{}, false
}

// ComposeRunsWithout returns a service of a production compose file that
// runs the settings without the variable name: it is built from the
// project's Dockerfile of a Python application, gives its environment
// another variable the settings read (reads), and neither names this one,
// nor reads an env_file, nor extends another service, nor builds an image
// whose ENV sets it, nor has a namesake in another compose file that does
// one of these (an override file merges into it). Whatever another
// deployment sets, the site that service starts runs with the settings'
// default.
func ComposeRunsWithout(p *project.Project, name string, reads func(env string) bool) (service string, where report.Location, ok bool) {
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	if _, set := imageSets(dep, name); set {
		return "", report.Location{}, false
	}
	// a file given after another (-f docker-compose.yml -f search.yml)
	// merges a service's environment with the same service's there
	setsName := map[string]bool{}
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if !cf.Dev && (len(s.EnvFiles) > 0 || slices.ContainsFunc(s.Environment, func(e inf.EnvVar) bool { return e.Name == name })) {
				setsName[s.Name] = true
			}
		}
	}
	for _, cf := range dep.compose {
		if cf.Dev {
			continue
		}
		for _, s := range cf.C.Services {
			if s.Build == nil || s.Extends || setsName[s.Name] || !pythonImage(dep, serviceDockerfile(cf, s)) ||
				!slices.ContainsFunc(s.Environment, func(e inf.EnvVar) bool { return reads(e.Name) }) {
				continue
			}
			// the file `docker compose up` reads is named first: an
			// override's service is that same site
			if !ok || defaultCompose[path.Base(cf.Path)] && !defaultCompose[path.Base(where.Path)] {
				service, where, ok = s.Name, at(cf.Path, s.Pos), true
			}
		}
	}
	return service, where, ok
}

// pythonImage reports whether the Dockerfile at path is one of the
// project's and builds a Python application (pythonApp): a service built
// from it runs the site, not a proxy in front of it.
func pythonImage(dep *deployLoad, path string) bool {
	for _, df := range dep.dockerfiles {
		if df.Path == path {
			return pythonApp(df.D)
		}
	}
	return false
}

// defaultCompose are the names of the compose files `docker compose up`
// reads without -f.
var defaultCompose = map[string]bool{"compose.yaml": true, "compose.yml": true, "docker-compose.yaml": true, "docker-compose.yml": true}

// CommandRunBy returns where a deployment file of the project (a
// Dockerfile, compose file, Procfile, manifest or a shell script, such as
// the start script an image runs) runs the management command name:
// manage.py name or django-admin name. Development files are left out.
func CommandRunBy(p *project.Project, name string) (report.Location, bool) {
	runs := regexp.MustCompile(`(?:manage\.py|django-admin)["']?,?\s+["']?` + regexp.QuoteMeta(name) + `\b`)
	var buf []byte
	for _, f := range p.Files {
		script := strings.HasSuffix(f.Path, ".sh")
		if !script && f.Kind()&(project.Compose|project.Dockerfile|project.Deploy) == 0 || devPath(f.Path) {
			continue
		}
		data, err := f.Peek(&buf)
		if err != nil || !bytes.Contains(data, []byte(name)) {
			continue
		}
		if loc := runs.FindIndex(data); loc != nil {
			return report.Location{Path: f.Path, Line: bytes.Count(data[:loc[0]], []byte("\n")) + 1}, true
		}
	}
	return report.Location{}, false
}
