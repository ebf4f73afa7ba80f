package infra

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
)

// composeFile is a parsed compose file.
type composeFile struct {
	Path string
	C    *inf.Compose
	// Dev marks files for development: a devcontainer, a folder or name
	// saying dev, local, test or ci, or a service that only sleeps (the
	// workspace container of a devcontainer).
	Dev bool
}

// devProfileOnly reports a compose service that only profiles named for
// development, debugging or tests start (profiles: [develop], [debug]).
func devProfileOnly(s *inf.Service) bool {
	for _, pr := range s.Profiles {
		if !project.NamedForDevelopment(pr.Value) && !devProfileNames[strings.ToLower(pr.Value)] {
			return false
		}
	}
	return len(s.Profiles) > 0
}

// devProfileNames are profile names for tools beside the application that
// NamedForDevelopment does not know.
var devProfileNames = map[string]bool{"debug": true, "develop": true, "tests": true, "ci": true, "e2e": true}

// dockerfile is a parsed Dockerfile.
type dockerfile struct {
	Path string
	D    *inf.Dockerfile
	Dev  bool
}

type deployLoad struct {
	compose     []*composeFile
	dockerfiles []*dockerfile
	problems    []report.Problem
}

func deployment(pass *analysis.Pass) *deployLoad {
	p := pass.Project
	res := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	for _, e := range res.problems {
		pass.Problem(e.Location, "%s", e.Message)
	}
	return res
}

func loadDeploy(p *project.Project) *deployLoad {
	out := &deployLoad{}
	for _, f := range p.OfKind(project.Compose) {
		data, err := f.Content()
		if err != nil {
			continue
		}
		if templated(data) {
			continue
		}
		c := inf.ParseCompose(data, dotenvLookup(p, path.Dir(f.Path)))
		out.problems = append(out.problems, parseProblems(f.Path, "compose file", c.Errors)...)
		// A service only a development profile starts (docker compose
		// --profile debug up) is the developers' tooling, whatever the
		// file is for: the rules judge what a plain up starts.
		c.Services = slices.DeleteFunc(c.Services, devProfileOnly)
		cf := &composeFile{Path: f.Path, C: c, Dev: devPath(f.Path) || settings.DevReadme(p, path.Dir(f.Path)) || settings.DevComment(data)}
		for _, s := range c.Services {
			if devService(p, s) {
				cf.Dev = true
			}
			// extends: {file: common.yml, service: app}: what the
			// base declares (a development Dockerfile, the source
			// mounted over the code) is the service's too
			if base := extendedService(p, f.Path, c, s); base != nil && devService(p, base) {
				cf.Dev = true
			}
		}
		if !cf.Dev && backingOnly(c) {
			cf.Dev = true
		}
		out.compose = append(out.compose, cf)
	}
	markDevOverlays(out.compose)
	for _, f := range p.OfKind(project.Dockerfile) {
		data, err := f.Content()
		if err != nil {
			continue
		}
		if templated(data) {
			continue
		}
		d := inf.ParseDockerfile(data)
		out.problems = append(out.problems, parseProblems(f.Path, "Dockerfile", d.Errors)...)
		out.dockerfiles = append(out.dockerfiles, &dockerfile{Path: f.Path, D: d,
			Dev: devPath(f.Path) || settings.DevReadme(p, path.Dir(f.Path)) || settings.DevComment(data) && !productionStage(d) || devImage(p, d)})
	}
	markDevBuilt(p, out)
	return out
}

// serviceImage reports an image of a backing service, a proxy or a
// developer's helper, not of the application: postgres, redis, nginx,
// mailpit.
func serviceImage(ref string) bool {
	repo, _, _ := imageRepo(ref)
	return devHelper(repo) || datastoreImage().MatchString(ref) || proxies[path.Base(repo)]
}

// markDevOverlays marks as development the overlays of a development
// stack: a compose file beside docker-compose.yml (or compose.yml) that
// changes one of its services without saying what that service runs (no
// image, no build), so that it only runs with the base (docker compose
// -f docker-compose.yml -f docker-compose.mdm.yml, or the override file
// compose reads by itself).
func markDevOverlays(files []*composeFile) {
	bases := map[string]*composeFile{} // by folder
	for _, cf := range files {
		switch path.Base(cf.Path) {
		case "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml":
			bases[path.Dir(cf.Path)] = cf
		}
	}
	for _, cf := range files {
		base := bases[path.Dir(cf.Path)]
		if cf.Dev || base == nil || base == cf || !base.Dev {
			continue
		}
		for _, s := range cf.C.Services {
			if s.Image == nil && s.Build == nil && !s.Extends && base.C.Service(s.Name) != nil {
				cf.Dev = true
				break
			}
		}
	}
}

// devService reports a service that only a development stack runs: one
// that builds a development stage or mounts the source tree over the
// image's code, runs a script or image named for development, a test
// suite or a mail catcher, or joins a network or names a host reserved
// for development.
func devService(p *project.Project, s *inf.Service) bool {
	if s.Command != nil && strings.Contains(s.Command.Value, "sleep infinity") {
		return true
	}
	// Building a dev stage, or mounting the source tree over the
	// image's code for live reloading, is a development setup.
	if s.BuildTarget != nil && devStage().MatchString(s.BuildTarget.Value) {
		return true
	}
	for _, e := range s.Environment {
		if e.HasValue && devVariable(p, e.Name, e.Value.Value) {
			return true
		}
	}
	// a folder of the developer's home (~/.kube, ~/.aws) mounted
	// into a service
	for _, v := range s.Volumes {
		if strings.HasPrefix(v.Value, "~/") || strings.HasPrefix(v.Value, "${HOME}") || strings.HasPrefix(v.Value, "$HOME") {
			return true
		}
	}
	if s.Build != nil {
		for i, v := range s.Volumes {
			if (sourceTree(v.Value) || sameFolder(v.Value, s.Build.Value)) && s.Targets[i] != "" {
				// ./backend:/app beside build: ./backend: the
				// working copy over the code the image holds
				return true
			}
		}
	}
	// Open edX's development environment: devstack.sh start
	if s.Command != nil && strings.Contains(strings.ToLower(s.Command.Value), "devstack") {
		return true
	}
	// entrypoint: /app/docker/entrypoint_dev.sh: a script named
	// for development starts the service
	if devScript(s.Command) || devScript(s.Entrypoint) {
		return true
	}
	// a service that runs the test suite (pytest -vvs .): the
	// file is a test harness, which no deployment starts
	if s.Command != nil && testRunner().MatchString(s.Command.Value) {
		return true
	}
	// env_file: env.d/development/postgresql; a service that
	// catches the mail the application sends instead of sending
	// it (mailcatcher, mailhog, mailpit)
	for _, ef := range s.EnvFiles {
		if devPath(ef.Value) || devPath(ef.Value+"/x") {
			return true
		}
	}
	if s.Image != nil && (mailCatcher(s.Image.Value) || devTag(s.Image.Value)) {
		// a mail catcher; an image tagged for development
		// (shop:dev, app:local), built for the stack a
		// developer runs
		return true
	}
	// a network named for development (shop-dev, local_net),
	// which the project's development stacks share
	for _, n := range s.Networks {
		if project.NamedForDevelopment(n) {
			return true
		}
	}
	// a host name under a top-level domain reserved for testing
	// and local use (shop.test, minio.localhost): no deployment
	// answers to one
	for _, h := range s.HostNames {
		if project.ReservedHost(h) {
			return true
		}
	}
	return false
}

// extendedService returns the service s extends (extends: app, or
// extends: {file: common.yml, service: app}, the file beside the compose
// file that names it), or nil when there is none the tree holds. The
// chain is followed no further: what the base extends in turn is rare.
func extendedService(p *project.Project, from string, c *inf.Compose, s *inf.Service) *inf.Service {
	if s.ExtendsService == "" {
		return nil
	}
	if s.ExtendsFile != "" {
		f := p.File(path.Join(path.Dir(from), s.ExtendsFile))
		if f == nil {
			return nil
		}
		data, err := f.Content()
		if err != nil || templated(data) {
			return nil
		}
		c = inf.ParseCompose(data, dotenvLookup(p, path.Dir(f.Path)))
	}
	if b := c.Service(s.ExtendsService); b != s {
		return b
	}
	return nil
}

// sourceTree reports a compose volume's source that is the project's
// folder (., .., or ${PWD}, which dotenvLookup makes .): mounted over the
// image's code for live reloading, a development setup.
func sourceTree(src string) bool {
	switch strings.TrimSuffix(src, "/") {
	case ".", "..":
		return true
	}
	return false
}

// sameFolder reports a volume's source that is a service's build context:
// ./backend beside build: ./backend (or backend/). A bare name (backend:
// /app) is a named volume, not a folder.
func sameFolder(src, context string) bool {
	clean := func(s string) string { return path.Clean(strings.TrimPrefix(s, "./")) }
	return strings.HasPrefix(src, "./") && context != "" && clean(src) == clean(context)
}

// markDevBuilt marks as development the Dockerfiles that only
// development stacks build, when the project deploys its application some
// other way: another Dockerfile of a Python application, not for
// development, that no stack builds or a stack for deployment does (the
// image it deploys: Dockerfile.cabotage beside a Dockerfile that
// docker-compose.yml builds to run runserver with settings.local), a
// buildpack (buildpackDeploy), or Apache's mod_wsgi (modWSGIDeploy). Not when a deployment stack pulls an
// application image by name, which may be one of them, published, unless
// the CI files name every image they publish (publishedDockerfiles).
func markDevBuilt(p *project.Project, dep *deployLoad) {
	markTestRunners(p, dep)
	built := map[string]bool{}    // by some stack
	deployed := map[string]bool{} // by a stack not for development
	byPath := map[string]*dockerfile{}
	for _, df := range dep.dockerfiles {
		byPath[df.Path] = df
	}
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if p := serviceDockerfile(cf, s); p != "" {
				if df := byPath[p]; df != nil && s.BuildTarget != nil && !buildsDeployStage(df.D, s.BuildTarget.Value) {
					// target: development of a Dockerfile whose
					// production stage deploys: the stack builds
					// another image than the one shipped
					continue
				}
				built[p] = true
				deployed[p] = deployed[p] || !cf.Dev
			}
		}
	}
	if published, ok := publishedDockerfiles(p); ok {
		// CI names every image it publishes: the rest that only
		// development stacks build are a developer's, unless named for
		// production (Dockerfile.prod, shipped some way the tree does
		// not show)
		for _, df := range dep.dockerfiles {
			if built[df.Path] && !deployed[df.Path] && !published[df.Path] &&
				!project.HasNameWord(strings.ToLower(path.Base(df.Path)), "prod", "production", "release", "deploy") {
				df.Dev = true
			}
		}
		return
	}
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if !cf.Dev && s.Build == nil && s.Image != nil && !serviceImage(s.Image.Value) {
				return // a deployment pulls an application image: maybe one of these, published
			}
		}
	}
	other := false
	for _, df := range dep.dockerfiles {
		other = other || !df.Dev && (!built[df.Path] || deployed[df.Path]) && len(df.D.Stages) > 0 && pythonApp(df.D)
	}
	// the tree's files are read for another way of deploying only when no
	// other Dockerfile deploys
	if !other && (!buildpackDeploy(p) && !modWSGIDeploy(p) && !sshDeploy(p) || imagePublished(p)) {
		return
	}
	for _, df := range dep.dockerfiles {
		if built[df.Path] && !deployed[df.Path] {
			df.Dev = true
		}
	}
}

// productionStage reports a Dockerfile with a stage named for production
// (FROM base AS production): its comments about the development stage
// beside it ("used for local development with docker-compose") do not
// make the file a developer's.
func productionStage(d *inf.Dockerfile) bool {
	for _, st := range d.Stages {
		if prodStages[st.Name] {
			return true
		}
	}
	return false
}

// buildsDeployStage reports whether a build's target is the stage a
// deployment of the Dockerfile builds (deployStage).
func buildsDeployStage(d *inf.Dockerfile, target string) bool {
	i := deployStage(d)
	return i < 0 || strings.EqualFold(d.Stages[i].Name, target)
}

// buildpackDeploy reports a project deployed with no image of its own: a
// Procfile whose web process starts a production server (Heroku, Dokku,
// Scalingo), itself or through a script of the project, or a Cloud
// Foundry manifest that names a buildpack, outside the folders and files
// named for development. A Procfile for honcho (web: make run) says
// nothing of production.
func buildpackDeploy(p *project.Project) bool {
	for _, f := range p.Files {
		base := path.Base(f.Path)
		isManifest := strings.HasPrefix(base, "manifest") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml"))
		if base != "Procfile" && !isManifest || devPath(f.Path) {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		if base == "Procfile" && productionWeb(p, path.Dir(f.Path), data) || isManifest && bytes.Contains(data, []byte("applications:")) && bytes.Contains(data, []byte("buildpack")) {
			return true
		}
	}
	return false
}

// modWSGIDeploy reports a project whose Apache configuration serves the
// site with mod_wsgi (WSGIScriptAlias in a .conf file outside the folders
// named for development): a virtual host template the project ships for
// its servers, which run no image.
func modWSGIDeploy(p *project.Project) bool {
	var buf []byte
	for _, f := range p.Files {
		if !strings.HasSuffix(f.Path, ".conf") || devPath(f.Path) {
			continue
		}
		if data, err := f.Peek(&buf); err == nil && bytes.Contains(data, []byte("WSGIScriptAlias")) {
			return true
		}
	}
	return false
}

// sshDeploy reports a project whose CI deploys by running a script on its
// server over SSH (appleboy/ssh-action, ssh user@host ...), in a workflow
// that names no container tool: the server runs the code from the
// repository, not an image (PythonAnywhere, a virtualenv under systemd).
func sshDeploy(p *project.Project) bool {
	for _, f := range p.Files {
		if !strings.Contains(f.Path, ".github/workflows/") && path.Base(f.Path) != ".gitlab-ci.yml" {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		if sshStep().Match(data) && !containerTool().Match(data) {
			return true
		}
	}
	return false
}

var (
	// sshStep matches a CI step that runs commands on a server over SSH.
	sshStep = lazyre.New(`\buses:\s*appleboy/ssh-action\b|(?m)^\s*(?:-\s*)?(?:run:\s*)?ssh\s+(?:-[a-zA-Z]+\s+\S+\s+)*[\w.$\{\}-]+@`)
	// containerTool matches a word of docker, podman, compose or kubectl.
	containerTool = lazyre.New(`(?i)\b(?:docker|podman|compose|kubectl|helm)\b`)
)

// productionWeb reports a Procfile whose web process starts a production
// server, on its line or as the script it runs (web: bin/run.sh).
func productionWeb(p *project.Project, dir string, procfile []byte) bool {
	m := procfileWeb().FindSubmatch(procfile)
	if m == nil {
		return false
	}
	if prodServerRE().Match(m[1]) {
		return true
	}
	words := strings.Fields(string(m[1]))
	if len(words) == 0 {
		return false
	}
	f := p.File(path.Join(dir, words[0]))
	if f == nil {
		return false
	}
	script, err := f.Content()
	return err == nil && prodServerLine().Match(script)
}

// procfileWeb matches a Procfile's web process.
var procfileWeb = lazyre.New(`(?m)^web:(.*)$`)

// imagePublished reports a project that builds an image to run elsewhere
// than on a developer's machine: heroku.yml building one for its dynos, or
// a CI workflow that pushes one to a registry. Which Dockerfile it builds
// is not always written out, so every image may be the deployed one.
func imagePublished(p *project.Project) bool {
	for _, f := range p.Files {
		base := path.Base(f.Path)
		workflow := strings.Contains(f.Path, ".github/workflows/") || base == ".gitlab-ci.yml"
		if base != "heroku.yml" && !workflow {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		if base == "heroku.yml" && bytes.Contains(data, []byte("docker:")) || workflow && pushesImage().Match(data) {
			return true
		}
	}
	return false
}

// pushesImage matches a CI step that pushes an image: docker push, a
// build with --push, or docker/build-push-action with push: true.
var pushesImage = lazyre.New(`\bdocker\s+push\b|\bbuild(?:x\s+build)?\b[^\n]*\s--push\b|\bpush:\s*(?:true|\$\{\{)`)

// devImage reports a Dockerfile whose image says it is for development:
// the stage it ships sets a variable that says so (devVariable: ENV
// DJANGO_SETTINGS_MODULE=shop.settings.dev, DEV_ENV=true).
func devImage(p *project.Project, d *inf.Dockerfile) bool {
	i := deployStage(d)
	if i < 0 {
		return false
	}
	for _, in := range d.Stages[i].Instructions {
		if in.Cmd != "ENV" {
			continue
		}
		for _, kv := range inf.ParseKeyValues(in.Args, true) {
			if kv.HasValue && devVariable(p, kv.Key, kv.Value) {
				return true
			}
		}
	}
	return false
}

// devVariable reports an environment variable whose value says the stack
// or image is for development: DJANGO_SETTINGS_MODULE naming development
// settings (shop.settings.dev, or shop.settings.docker when that module
// builds on the development one: from .dev import *), ENV: dev or
// APP_ENV=local, a development switch on (DEV_ENV: 'True', IS_DEV=1,
// DEVELOPMENT_MODE=yes).
func devVariable(p *project.Project, name, value string) bool {
	switch {
	case name == "DJANGO_SETTINGS_MODULE":
		return settings.IsDevName(value) || settings.Load(p).BuildsOnDev(value)
	case stageVar(name):
		return project.NamedForDevelopment(value)
	}
	return devSwitch(name) && onWords[strings.ToLower(value)]
}

// devSwitch reports a variable that switches a development mode on when
// true, named only by words for it: DEV_ENV, IS_DEV, DEV_MODE,
// DEVELOPMENT, LOCAL_DEV. DEV_SERVER_PORT or DISABLE_DEV_TOOLS say
// something else.
func devSwitch(name string) bool {
	dev := false
	for _, w := range strings.Split(strings.ToLower(name), "_") {
		switch w {
		case "dev", "devel", "development":
			dev = true
		case "env", "environment", "mode", "is", "local":
		default:
			return false
		}
	}
	return dev
}

// stageVar reports a variable that names the environment a stack is for:
// ENV, ENVIRONMENT, APP_ENV, DJANGO_ENV, STAGE.
func stageVar(name string) bool {
	switch strings.ToUpper(name) {
	case "ENV", "ENVIRONMENT", "APP_ENV", "APP_ENVIRONMENT", "DJANGO_ENV", "DJANGO_ENVIRONMENT", "STAGE", "DEPLOY_ENV":
		return true
	}
	return false
}

// dotenvLookup reads the .env file of a compose project's folder, as
// docker compose does for interpolation; unset variables take their
// defaults.
func dotenvLookup(p *project.Project, dir string) func(string) (string, bool) {
	vals := map[string]string{}
	if f := p.File(path.Join(dir, ".env")); f != nil {
		if data, err := f.Content(); err == nil {
			entries, _ := project.ParseDotenv(data)
			for _, e := range entries {
				vals[e.Key] = e.Value
			}
		}
	}
	if _, ok := vals["PWD"]; !ok {
		// the shell's working folder: the compose file's, where
		// docker compose is run from (${PWD}:/app mounts the project)
		vals["PWD"] = "."
	}
	return func(k string) (string, bool) { v, ok := vals[k]; return v, ok }
}

var devSegments = map[string]bool{
	".devcontainer": true, "dev": true, "devel": true, "development": true, "local": true, "ci": true,
	".ci": true, ".github": true, ".gitlab": true, "fixtures": true, "testdata": true,
	// the two words run together: localdevelopment/, localdev/
	"localdevelopment": true, "localdev": true,
}

// devSegment matches folder names for tests and examples: tests,
// integration-tests, _integration-test, e2e, examples.
var devSegment = lazyre.New(`(?i)(^|[._-])(tests?|testing|e2e|examples?|samples?|demo)([._-]|$)`)

var devName = lazyre.New(`(?i)(^|[._-])(dev|devel|development|local|test|tests|unittests?|ci|codebuild|e2e|override|example|sample|demo)([._-]|$)`)

// testRunner matches a command that runs a test suite: pytest, py.test,
// tox, nosetests, manage.py test, python -m pytest or unittest.
var testRunner = lazyre.New(`(?i)(^|[\s/"'\[,])(pytest|py\.test|tox|nosetests|manage\.py["',\s]+test|-m["',\s]+(pytest|unittest))(["'\s,\]]|$)`)

// devStage matches build targets for development.
var devStage = lazyre.New(`(?i)^(dev|devel|development|local|test|testing|debug)$`)

// devPath reports whether a deployment file is for development or tests,
// by its folders or its name.
func devPath(rel string) bool {
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		// tools/local-dev/, dev_env/: a folder named for development by
		// a word of its name (not local alone: local_news is an app)
		low := strings.ToLower(seg)
		if devSegments[low] || devSegment().MatchString(seg) || project.HasNameWord(low, "dev", "devel", "development") {
			return true
		}
	}
	base := path.Base(rel)
	if base == "jail.local" { // fail2ban's own name for local settings
		return false
	}
	return devName().MatchString(base)
}

// devTag reports an image reference whose tag names development: shop:dev,
// registry.example.com/app:local (not a digest, nor a tag that only
// contains such a word, as 2.1-dev-tools does).
func devTag(ref string) bool {
	i := strings.LastIndexByte(ref, ':')
	if i < 0 || i < strings.LastIndexByte(ref, '/') || strings.Contains(ref, "@") {
		return false
	}
	switch strings.ToLower(ref[i+1:]) {
	case "dev", "devel", "development", "local":
		return true
	}
	return false
}

// mailCatcher reports the image of a mail catcher, which a development
// stack runs so that no mail leaves the laptop.
func mailCatcher(image string) bool {
	name := strings.ToLower(image)
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		name = name[:i]
	}
	name = name[strings.LastIndexByte(name, '/')+1:]
	switch name {
	case "mailcatcher", "mailhog", "mailpit", "maildev", "smtp4dev", "inbucket", "mailcrab":
		return true
	}
	return false
}

// templated reports whether a file is a template for a deployment file
// (Jinja, cookiecutter, Helm, Go templates) rather than the file itself:
// it is not valid until rendered, and what it renders to is unknown.
func templated(data []byte) bool {
	return bytes.Contains(data, []byte("{%")) || bytes.Contains(data, []byte("{{"))
}

func at(p string, pos inf.Pos) report.Location {
	return report.Location{Path: p, Line: pos.Line, Column: pos.Col}
}

// parseProblems reports what a parser could not read in one file as one
// problem: the first error, where it is, and how many came after it, as
// the Python and template parsers do. A file that is not what its name
// says (an Ansible playbook named dockerfile.yml) fails on every line,
// and a problem a line would bury the report's other problems.
func parseProblems(p, kind string, errs []inf.Error) []report.Problem {
	if len(errs) == 0 {
		return nil
	}
	msg := kind + ": " + errs[0].Msg
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	return []report.Problem{{Location: at(p, errs[0].Pos), Message: msg}}
}

// secretName matches variable names that hold credentials.
var secretName = lazyre.New(`(?i)(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRET_KEY|TOKEN|API_?KEY|PRIVATE_?KEY|AUTH_?KEY|CREDENTIALS?)($|_)`)

// notSecretName matches names that mention a secret but hold something
// else: where it is, how long it lives, which backend reads it.
var notSecretName = lazyre.New(`(?i)_(FILE|PATH|DIR|URL|HOST|PORT|USER|USERNAME|NAME|ID|LENGTH|TTL|AGE|TIMEOUT|EXPIRY|EXPIRES|EXPIRATION|LIFETIME|BACKEND|HEADER|FIELD|ALGORITHM|METHOD|ENABLED|REQUIRED|MIN|MAX|HASHERS?)$|(UWSGI|PROXY|FASTCGI|SCGI|GRPC)_PASS$`)

// isSecretName reports whether an environment variable name holds a
// credential.
func isSecretName(n string) bool {
	return secretName().MatchString(n) && !notSecretName().MatchString(n)
}

// literalSecret reports whether a value is a credential written out: not
// empty, not a reference to another variable.
func literalSecret(v string) bool {
	v = strings.TrimSpace(v)
	l := strings.ToLower(v)
	return v != "" && !strings.HasPrefix(v, "$") && !strings.HasPrefix(v, "/run/secrets/") && !offWords[l] && !onWords[l] &&
		!secretFilePath().MatchString(v)
}

// secretFilePath matches the path of a file that holds a credential,
// which is where the credential is, not the credential:
// GOOGLE_APPLICATION_CREDENTIALS=/app/service-account.json.
var secretFilePath = lazyre.New(`^(/|\./|~/)[\w.-]+(/[\w.-]+)*\.(json|pem|key|p12|pfx|crt|cer|der|jks|keystore|txt|env|ini|cfg|conf|ya?ml|toml)$`)

// onWords switch a feature on: ENABLE_ADMIN_ACCESS_USER_PASS=true says
// that a password login is allowed, it is no password.
var onWords = map[string]bool{"yes": true, "true": true, "1": true, "on": true, "enabled": true}

// offWords switch a credential off rather than being one: Chromium images
// set GOOGLE_API_KEY=no so that the browser stops asking for keys.
var offWords = map[string]bool{"no": true, "none": true, "null": true, "false": true, "0": true, "off": true,
	"disabled": true, "unset": true, "-": true}

func devNote(dev bool) string {
	if dev {
		return " (in a development file; it matters once the file runs on a shared network or a server)"
	}
	return ""
}

// secretDetectors are the secrets rules that find the same credential on the
// same line with less context: a deployment rule also says where the value
// ends up (the image, the container's environment) and how to move it.
var secretDetectors = []string{"DJK101", "DJK102", "DJK103", "DJK105", "DJK106", "DJK107", "DJK108"}

// devHelperImages are the images beside the datastores (datastoreImage)
// that a development or CI stack starts for a runserver on the host: object
// storage, mail catchers, browsers for end-to-end tests.
var devHelperImages = map[string]bool{"minio/minio": true, "minio/mc": true, "mailhog/mailhog": true, "axllent/mailpit": true,
	"maildev/maildev": true, "selenium/standalone-chrome": true, "selenium/standalone-firefox": true}

// helperName matches the name of an image (its repository's last part)
// that a development stack starts beside the datastores whoever publishes
// it: an image server (thumbor), a directory (openldap), an emulator of a
// cloud's services (localstack, azurite), an end-to-end test runner or its
// helper (lego-cypress-helper).
var helperName = lazyre.New(`(?i)^(thumbor|openldap|localstack|azurite|fake-gcs-server)$|cypress|playwright`)

// devHelper reports an image of devHelperImages or one helperName matches.
func devHelper(repo string) bool {
	return devHelperImages[repo] || helperName().MatchString(path.Base(repo))
}

// backingOnly reports a compose file whose every service is a backing
// service started from its image, with no service that builds or runs the
// application: the databases and caches a developer or CI job starts
// beside a runserver on the host.
func backingOnly(c *inf.Compose) bool {
	if len(c.Services) == 0 {
		return false
	}
	for _, s := range c.Services {
		if s.Build != nil || s.Image == nil {
			return false
		}
		if repo, _, _ := imageRepo(s.Image.Value); !devHelper(repo) && !datastoreImage().MatchString(s.Image.Value) {
			return false
		}
	}
	return true
}

// markTestRunners marks as development the images that run the test
// suite (testRunnerImage) in a project a buildpack deploys, when no
// deployment stack pulls an application image and no CI workflow
// publishes one: then none of them is the site's image.
func markTestRunners(p *project.Project, dep *deployLoad) {
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if !cf.Dev && s.Build == nil && s.Image != nil && !serviceImage(s.Image.Value) {
				return
			}
		}
	}
	var runners []*dockerfile
	for _, df := range dep.dockerfiles {
		if !df.Dev && testRunnerImage(p, df) {
			runners = append(runners, df)
		}
	}
	if len(runners) == 0 || !buildpackDeploy(p) || imagePublished(p) {
		return
	}
	for _, df := range runners {
		df.Dev = true
	}
}

// testRunnerImage reports an image that gives no command (CMD,
// ENTRYPOINT) and installs the requirements of tests or development (pip
// install -r requirements_test.txt): CI runs the suite in it with a
// command of its own, and no deployment starts it as it is.
func testRunnerImage(p *project.Project, df *dockerfile) bool {
	tests := false
	for _, st := range finalChain(df.D) {
		for _, in := range st.Instructions {
			switch in.Cmd {
			case "CMD", "ENTRYPOINT":
				return false
			case "RUN":
				run := in.Args
				if w := strings.Fields(run); len(w) == 2 && w[0] == "make" {
					// RUN make install_requirements: its recipe
					run = strings.Join(makefileRecipe(p, df.Path, w[1]), "\n")
				}
				for _, m := range requirementsFile().FindAllStringSubmatch(run, -1) {
					name := strings.ToLower(path.Base(m[1]))
					tests = tests || project.HasNameWord(strings.TrimSuffix(name, path.Ext(name)), "test", "tests", "dev")
				}
			}
		}
	}
	return tests
}

// requirementsFile matches the file a pip install -r reads.
var requirementsFile = lazyre.New(`\bpip3?\s+install\b[^;&|]*?\s-r\s*(\S+)`)

// devScript reports a command or entrypoint whose program is a script
// named for development (/app/docker/entrypoint_dev.sh, ./start-local.sh).
func devScript(c *inf.Str) bool {
	if c == nil {
		return false
	}
	prog, _, _ := strings.Cut(strings.TrimSpace(c.Value), " ")
	base := path.Base(prog)
	ext := path.Ext(base)
	return (ext == ".sh" || ext == ".bash") && project.NamedForDevelopment(strings.TrimSuffix(base, ext))
}
