package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
)

// appSetting is one address an application server (gunicorn, uwsgi)
// listens on, or one value of its forwarded_allow_ips, and where.
type appSetting struct {
	Path  string
	Pos   inf.Pos
	Value string
	What  string // "gunicorn bind", "uwsgi http-socket", ...
	// Dev marks a setting of a development or test deployment file.
	Dev bool
	// Uvicorn marks a gunicorn that runs uvicorn's workers, which take
	// the client's address from X-Forwarded-For when they trust it.
	Uvicorn bool
}

var (
	gunicornBindFlag    = lazyre.New(`(?:--bind|\s-b)[= ]+["']?([^\s"',\]]+)`)
	gunicornForwardFlag = lazyre.New(`--forwarded-allow-ips[= ]+["']?([^\s"',\]]+)`)
)

// appServers collects the binds and the trusted proxies of the project's
// gunicorn and uwsgi configurations, gunicorn command lines in
// Dockerfiles and compose files, and FORWARDED_ALLOW_IPS in their
// environments.
func appServers(pass *analysis.Pass) (binds, trusts []appSetting) {
	for _, cf := range configs(pass, "gunicorn") {
		for _, l := range inf.ParsePyAssignments(cf.Data) {
			for _, a := range l.Args {
				switch l.Key {
				case "bind":
					binds = append(binds, appSetting{Path: cf.Path, Pos: l.Pos, Value: a, What: "gunicorn bind", Dev: cf.Dev})
				case "forwarded_allow_ips":
					trusts = append(trusts, appSetting{Path: cf.Path, Pos: l.Pos, Value: a, What: "gunicorn forwarded_allow_ips",
						Dev: cf.Dev, Uvicorn: usesUvicorn(string(cf.Data))})
				}
			}
		}
	}
	for _, cf := range configs(pass, "uwsgi") {
		for _, l := range inf.ParseINI(cf.Data) {
			switch k := strings.ToLower(l.Key); k {
			case "http", "http-socket", "socket", "uwsgi-socket", "https", "https-socket", "http11-socket":
				binds = append(binds, appSetting{Path: cf.Path, Pos: l.Pos, Value: strings.Split(l.Value(), ",")[0], What: "uwsgi " + k, Dev: cf.Dev})
			}
		}
	}
	for _, cf := range configs(pass, "systemd") {
		for _, l := range inf.ParseINI(cf.Data) {
			if l.Key == "ExecStart" {
				binds, trusts = gunicornArgs(appSetting{Path: cf.Path, Pos: l.Pos, Dev: cf.Dev}, l.Value(), binds, trusts)
			}
		}
	}
	for _, cf := range configs(pass, "procfile") {
		for _, l := range inf.ParseINI(cf.Data) {
			binds, trusts = gunicornArgs(appSetting{Path: cf.Path, Pos: l.Pos, Dev: cf.Dev}, l.Value(), binds, trusts)
		}
	}
	dep := deployment(pass)
	for _, df := range dep.dockerfiles {
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				switch in.Cmd {
				case "CMD", "ENTRYPOINT":
					binds, trusts = gunicornArgs(appSetting{Path: df.Path, Pos: in.Pos, Dev: df.Dev}, in.Args, binds, trusts)
				case "ENV":
					for _, kv := range inf.ParseKeyValues(in.Args, true) {
						if kv.Key == "FORWARDED_ALLOW_IPS" {
							trusts = append(trusts, appSetting{Path: df.Path, Pos: in.Pos, Value: kv.Value, What: "FORWARDED_ALLOW_IPS",
								Dev: df.Dev, Uvicorn: dockerfileRunsUvicorn(df)})
						}
					}
				}
			}
		}
	}
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if s.Command != nil {
				binds, trusts = gunicornArgs(appSetting{Path: cf.Path, Pos: s.Command.Pos, Dev: cf.Dev}, s.Command.Value, binds, trusts)
			}
			for _, e := range s.Environment {
				if e.Name == "FORWARDED_ALLOW_IPS" && e.HasValue {
					trusts = append(trusts, appSetting{Path: cf.Path, Pos: e.Value.Pos, Value: e.Value.Value, What: "FORWARDED_ALLOW_IPS",
						Dev: cf.Dev, Uvicorn: s.Command != nil && usesUvicorn(s.Command.Value)})
				}
			}
		}
	}
	return binds, trusts
}

// gunicornArgs adds the binds and trusted proxies of a gunicorn command
// line; at says where the command is.
func gunicornArgs(at appSetting, cmd string, binds, trusts []appSetting) ([]appSetting, []appSetting) {
	if !strings.Contains(cmd, "gunicorn") {
		return binds, trusts
	}
	for _, m := range gunicornBindFlag().FindAllStringSubmatch(cmd, -1) {
		b := at
		b.Value, b.What = m[1], "gunicorn --bind"
		binds = append(binds, b)
	}
	for _, m := range gunicornForwardFlag().FindAllStringSubmatch(cmd, -1) {
		t := at
		t.Value, t.What, t.Uvicorn = m[1], "gunicorn --forwarded-allow-ips", usesUvicorn(cmd)
		trusts = append(trusts, t)
	}
	return binds, trusts
}

// usesUvicorn reports a command or configuration that runs uvicorn
// (uvicorn itself, or gunicorn -k uvicorn.workers.UvicornWorker).
func usesUvicorn(s string) bool { return strings.Contains(s, "uvicorn") }

// dockerfileRunsUvicorn reports a Dockerfile whose instructions install or
// start uvicorn.
func dockerfileRunsUvicorn(df *dockerfile) bool {
	for _, st := range df.D.Stages {
		for _, in := range st.Instructions {
			if usesUvicorn(in.Args) {
				return true
			}
		}
	}
	return false
}

// allInterfacesAddr reports whether a listen address (":8000",
// "0.0.0.0:8000", "[::]:8000") means every interface.
func allInterfacesAddr(a string) bool {
	a = strings.TrimPrefix(strings.TrimPrefix(a, "http://"), "tcp://")
	if strings.HasPrefix(a, "unix:") || strings.HasPrefix(a, "/") || strings.HasPrefix(a, "fd://") || !strings.Contains(a, ":") {
		return false
	}
	host := a[:strings.LastIndex(a, ":")]
	host = strings.Trim(host, "[]")
	return host == "" || host == "0.0.0.0" || host == "::" || host == "*"
}

// inContainer reports whether a file belongs to a container deployment,
// where binding every interface of the container is required.
func inContainer(pass *analysis.Pass, p string) bool {
	if strings.Contains("/"+p, "/docker/") || strings.Contains(p, "Dockerfile") || strings.Contains(p, "compose") {
		return true
	}
	dep := deployment(pass)
	base := p[strings.LastIndex(p, "/")+1:]
	for _, df := range dep.dockerfiles {
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				if (in.Cmd == "COPY" || in.Cmd == "ADD" || in.Cmd == "CMD" || in.Cmd == "ENTRYPOINT") && strings.Contains(in.Args, base) {
					return true
				}
			}
		}
	}
	return false
}
