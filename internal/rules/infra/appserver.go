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
					binds = append(binds, appSetting{cf.Path, l.Pos, a, "gunicorn bind"})
				case "forwarded_allow_ips":
					trusts = append(trusts, appSetting{cf.Path, l.Pos, a, "gunicorn forwarded_allow_ips"})
				}
			}
		}
	}
	for _, cf := range configs(pass, "uwsgi") {
		for _, l := range inf.ParseINI(cf.Data) {
			switch k := strings.ToLower(l.Key); k {
			case "http", "http-socket", "socket", "uwsgi-socket", "https", "https-socket", "http11-socket":
				binds = append(binds, appSetting{cf.Path, l.Pos, strings.Split(l.Value(), ",")[0], "uwsgi " + k})
			}
		}
	}
	for _, cf := range configs(pass, "systemd") {
		for _, l := range inf.ParseINI(cf.Data) {
			if l.Key == "ExecStart" {
				binds, trusts = gunicornArgs(cf.Path, l.Pos, l.Value(), binds, trusts)
			}
		}
	}
	for _, cf := range configs(pass, "procfile") {
		for _, l := range inf.ParseINI(cf.Data) {
			binds, trusts = gunicornArgs(cf.Path, l.Pos, l.Value(), binds, trusts)
		}
	}
	dep := deployment(pass)
	for _, df := range dep.dockerfiles {
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				switch in.Cmd {
				case "CMD", "ENTRYPOINT":
					binds, trusts = gunicornArgs(df.Path, in.Pos, in.Args, binds, trusts)
				case "ENV":
					for _, kv := range inf.ParseKeyValues(in.Args, true) {
						if kv.Key == "FORWARDED_ALLOW_IPS" {
							trusts = append(trusts, appSetting{df.Path, in.Pos, kv.Value, "FORWARDED_ALLOW_IPS"})
						}
					}
				}
			}
		}
	}
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if s.Command != nil {
				binds, trusts = gunicornArgs(cf.Path, s.Command.Pos, s.Command.Value, binds, trusts)
			}
			for _, e := range s.Environment {
				if e.Name == "FORWARDED_ALLOW_IPS" && e.HasValue {
					trusts = append(trusts, appSetting{cf.Path, e.Value.Pos, e.Value.Value, "FORWARDED_ALLOW_IPS"})
				}
			}
		}
	}
	return binds, trusts
}

func gunicornArgs(p string, pos inf.Pos, cmd string, binds, trusts []appSetting) ([]appSetting, []appSetting) {
	if !strings.Contains(cmd, "gunicorn") {
		return binds, trusts
	}
	for _, m := range gunicornBindFlag().FindAllStringSubmatch(cmd, -1) {
		binds = append(binds, appSetting{p, pos, m[1], "gunicorn --bind"})
	}
	for _, m := range gunicornForwardFlag().FindAllStringSubmatch(cmd, -1) {
		trusts = append(trusts, appSetting{p, pos, m[1], "gunicorn --forwarded-allow-ips"})
	}
	return binds, trusts
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
