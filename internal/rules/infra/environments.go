package infra

import (
	"path"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
	"go.yaml.in/yaml/v3"
)

// envVal is a variable a deployment sets, and where.
type envVal struct {
	Value string
	At    report.Location
}

// environment is what one deployment gives the application: a compose
// service (its Dockerfile's ENV, env_file and environment, in the order
// compose applies them) or a Dockerfile that no compose service builds.
type environment struct {
	Name string // "the docker-compose service web (docker/docker-compose.yml)"
	Vars map[string]envVal
	// Settings is the settings evaluated under the deployment's variables
	// (and the user's --env, which wins).
	settings *st.Settings
}

// environments returns the deployments of the project that set at least one
// variable, each with the settings evaluated under it, once per scan.
func environments(pass *analysis.Pass) []*environment {
	p := pass.Project
	dep := deployment(pass)
	objs := k8sObjects(pass)
	return p.Memo("infra.environments", func() any { return loadEnvironments(p, dep, objs) }).([]*environment)
}

func loadEnvironments(p *project.Project, dep *deployLoad, objs []*k8sObject) []*environment {
	var out []*environment
	for _, f := range p.OfKind(project.Deploy) {
		if project.DeployName(f.Path) == "vercel" {
			if data, err := f.Content(); err == nil {
				d := inf.ParseYAML(data)
				if env := d.Get("env"); env != nil && env.Kind == yaml.MappingNode {
					e := &environment{Name: "the Vercel deployment (" + f.Path + ")", Vars: map[string]envVal{}}
					for i := 0; i+1 < len(env.Content); i += 2 {
						if v := env.Content[i+1]; v.Kind == yaml.ScalarNode && !strings.HasPrefix(v.Value, "@") {
							e.Vars[env.Content[i].Value] = envVal{v.Value, at(f.Path, inf.NodePos(v))}
						}
					}
					if len(e.Vars) > 0 {
						out = append(out, e)
					}
				}
			}
			continue
		}
		if b := path.Base(f.Path); (b == "app.yaml" || b == "app.yml") && !devPath(f.Path) {
			// Google App Engine: env_variables.
			if data, err := f.Content(); err == nil {
				d := inf.ParseYAML(data)
				if env := d.Get("env_variables"); env != nil && env.Kind == yaml.MappingNode {
					e := &environment{Name: "the App Engine deployment (" + f.Path + ")", Vars: map[string]envVal{}}
					for i := 0; i+1 < len(env.Content); i += 2 {
						if v := env.Content[i+1]; v.Kind == yaml.ScalarNode {
							e.Vars[env.Content[i].Value] = envVal{v.Value, at(f.Path, inf.NodePos(v))}
						}
					}
					if len(e.Vars) > 0 {
						out = append(out, e)
					}
				}
			}
			continue
		}
		if project.DeployName(f.Path) != "systemd" || devPath(f.Path) {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		env := &environment{Name: "the systemd unit " + f.Path, Vars: map[string]envVal{}}
		for _, l := range inf.ParseINI(data) {
			if l.Key != "Environment" || !strings.EqualFold(l.Section, "Service") {
				continue
			}
			for _, kv := range inf.ParseKeyValues(l.Value(), false) {
				if kv.HasValue {
					env.Vars[kv.Key] = envVal{kv.Value, at(f.Path, l.Pos)}
				}
			}
		}
		if len(env.Vars) > 0 {
			out = append(out, env)
		}
	}
	for _, o := range objs {
		spec := o.podSpec()
		if spec == nil || o.Dev {
			continue
		}
		for _, c := range containers(spec) {
			env := &environment{Name: "the Kubernetes " + o.describe() + " (" + o.Path + ")", Vars: map[string]envVal{}}
			if list := inf.NodeGet(c, "env"); list != nil {
				for _, e := range list.Content {
					if v := inf.NodeGet(e, "value"); v != nil && v.Kind == yaml.ScalarNode {
						env.Vars[nodeValue(e, "name")] = envVal{v.Value, at(o.Path, inf.NodePos(v))}
					}
				}
			}
			if len(env.Vars) > 0 {
				out = append(out, env)
			}
		}
	}
	built := map[string]bool{}
	dfByPath := map[string]*dockerfile{}
	for _, df := range dep.dockerfiles {
		dfByPath[df.Path] = df
	}
	for _, cf := range dep.compose {
		if cf.Dev {
			continue
		}
		dir := pathDir(cf.Path)
		for _, s := range cf.C.Services {
			if s.Image != nil && datastoreImage().MatchString(s.Image.Value) {
				continue
			}
			env := &environment{Name: "the docker-compose service " + s.Name + " (" + cf.Path + ")", Vars: map[string]envVal{}}
			if s.Build != nil {
				name := "Dockerfile"
				if s.Dockerfile != nil {
					name = s.Dockerfile.Value
				}
				dfp := pathJoin(pathJoin(dir, s.Build.Value), name)
				if df := dfByPath[dfp]; df != nil {
					built[dfp] = true
					dockerEnv(df, env.Vars)
				}
			}
			for _, ef := range s.EnvFiles {
				f := p.File(pathJoin(dir, ef.Value))
				if f == nil {
					continue
				}
				data, err := f.Content()
				if err != nil {
					continue
				}
				entries, _ := project.ParseDotenv(data)
				for _, e := range entries {
					env.Vars[e.Key] = envVal{e.Value, report.Location{Path: f.Path, Line: e.Line, Column: 1}}
				}
			}
			for _, e := range s.Environment {
				if e.HasValue {
					env.Vars[e.Name] = envVal{e.Value.Value, at(cf.Path, e.Value.Pos)}
				}
			}
			if len(env.Vars) > 0 {
				out = append(out, env)
			}
		}
	}
	for _, df := range dep.dockerfiles {
		if df.Dev || built[df.Path] {
			continue
		}
		env := &environment{Name: "the image of " + df.Path, Vars: map[string]envVal{}}
		dockerEnv(df, env.Vars)
		if len(env.Vars) > 0 {
			out = append(out, env)
		}
	}
	// The settings are evaluated again only under the variables they read,
	// once per distinct set of values: compose services often share one
	// environment, and most variables (PYTHONUNBUFFERED) change nothing.
	read := settingsVars(p)
	cache := map[string]*st.Settings{}
	var kept []*environment
	for _, env := range out {
		vars := map[string]string{}
		var key []string
		for k, v := range env.Vars {
			if read[k] || k == "DJANGO_SETTINGS_MODULE" {
				vars[k] = v.Value
				key = append(key, k+"="+v.Value)
			}
		}
		if len(vars) == 0 {
			continue
		}
		for k, v := range p.Inputs.Env {
			vars[k] = v
		}
		sort.Strings(key)
		k := strings.Join(key, "\x00")
		if cache[k] == nil {
			in := p.Inputs
			in.Env = vars
			cache[k] = st.Load(project.New(p.Root, p.Files, in))
		}
		env.settings = cache[k]
		kept = append(kept, env)
	}
	return kept
}

// settingsVars returns the environment variables that the project's
// production settings read.
func settingsVars(p *project.Project) map[string]bool {
	out := map[string]bool{}
	for _, e := range st.Load(p).Production() {
		for _, n := range e.Names() {
			for _, v := range varsOf(e.Value(n), 0) {
				out[v] = true
			}
		}
	}
	return out
}

// dockerEnv collects the ENV of a Dockerfile's final stage and of the
// stages it is built from.
func dockerEnv(df *dockerfile, vars map[string]envVal) {
	for _, s := range finalChain(df.D) {
		for _, in := range s.Instructions {
			if in.Cmd != "ENV" {
				continue
			}
			for _, kv := range inf.ParseKeyValues(in.Args, true) {
				if kv.HasValue && !strings.Contains(kv.Value, "$") {
					vars[kv.Key] = envVal{kv.Value, at(df.Path, in.Pos)}
				}
			}
		}
	}
}

// entries returns the production settings modules a deployment runs: the
// one its DJANGO_SETTINGS_MODULE names, or every production module.
func (env *environment) entries() []*st.Entry {
	if dsm, ok := env.Vars["DJANGO_SETTINGS_MODULE"]; ok {
		for _, e := range env.settings.Entries {
			if e.Name == dsm.Value {
				return []*st.Entry{e}
			}
		}
	}
	return env.settings.Production()
}

// varsOf returns the environment variables a settings value reads.
func varsOf(v *st.Value, depth int) []string {
	if v == nil || depth > 20 {
		return nil
	}
	out := append([]string(nil), v.Vars...)
	for _, a := range v.Alts {
		out = append(out, varsOf(a, depth+1)...)
	}
	for _, a := range v.Elems {
		out = append(out, varsOf(a, depth+1)...)
	}
	if v.Default != nil {
		out = append(out, varsOf(v.Default, depth+1)...)
	}
	sort.Strings(out)
	return compact(out)
}

func compact(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// baseEntry returns the entry of the same module in the project's own
// evaluation (without the deployment's variables).
func baseEntry(p *project.Project, name string) *st.Entry {
	for _, e := range st.Load(p).Entries {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// decidedBy returns the deployment's variables that setting name of entry e
// reads in the project's own evaluation, in a stable order.
func (env *environment) decidedBy(p *project.Project, e *st.Entry, name string) []string {
	base := baseEntry(p, e.Name)
	if base == nil {
		return nil
	}
	var out []string
	for _, v := range varsOf(base.Value(name), 0) {
		if _, ok := env.Vars[v]; ok {
			out = append(out, v)
		}
	}
	return out
}

// readAt is where the settings read a variable: the origin of the
// project's own value of the setting.
func readAt(p *project.Project, e *st.Entry, name string) string {
	base := baseEntry(p, e.Name)
	if base == nil {
		return e.File.Path
	}
	v := base.Value(name)
	if v == nil {
		return e.File.Path
	}
	return v.Origin.String()
}

func shortLoc(l report.Location) string {
	return path.Clean(l.Path) + ":" + itoa(l.Line)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
