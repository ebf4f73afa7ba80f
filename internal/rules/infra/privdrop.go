package infra

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"

	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// An image may start as root and still run the application as another
// user: its entry point drops privileges first, the way the official
// postgres and redis images do, with gosu, su-exec, setpriv or runuser in
// the command or in the entry-point script, or with s6-overlay, whose
// service scripts run each program through s6-setuidgid. Such an image
// runs nothing reachable from outside as root, and DJI301 leaves it alone.

// dropWord matches a command that runs the rest of its line as another
// user (gosu app, su-exec app, su -p app -c "...").
var dropWord = lazyre.New(`(?m)(^|[\s;&|"'(])((gosu|su-exec|s6-setuidgid|s6-applyuidgid|setpriv|runuser|chpst|setuser)\s+\S|su\s+(-[a-z]+\s+)*[a-z_][\w-]*\s+-c\s)`)

// dropsPrivileges reports whether the final stage i of d starts its
// program through a command that changes user: in the ENTRYPOINT or CMD
// itself, in the entry-point script they run (found in the project by its
// name, next to the Dockerfile first), or, for s6-overlay's /init, in the
// project's s6 service scripts that start the application.
func dropsPrivileges(p *project.Project, dfPath string, d *inf.Dockerfile, i int) bool {
	words := entryWords(d, i)
	if len(words) == 0 {
		return false
	}
	dir := path.Dir(dfPath)
	if line := strings.Join(words, " "); dropWord().MatchString(line) || serverDrops(p, dir, line, 0) {
		return true
	}
	if slices.Contains(words, "/init") || slices.Contains(words, "/command/init") {
		// s6-overlay's init, first or behind tini
		return s6DropsPrivileges(p, dir)
	}
	for _, w := range words {
		if !strings.HasSuffix(w, ".sh") && !strings.Contains(w, "entrypoint") {
			continue
		}
		if f := scriptFile(p, dir, path.Base(w)); f != nil {
			if src, err := f.Content(); err == nil && scriptDrops(p, dir, src) {
				return true
			}
		}
	}
	return false
}

// execLine matches a line of a shell script that replaces the shell with
// a program: what runs once the script's set-up is done.
var execLine = lazyre.New(`(?m)^\s*exec\s+\S.*$`)

// scriptDrops reports whether a shell script runs its program as another
// user: its exec lines, when it has some, one of them through a command
// that changes user (a script may run its set-up steps through gosu and
// still exec the server as root); otherwise any line that changes user.
//
// A server that changes user itself counts too: every exec line then has
// to start one (or drop privileges otherwise), since the script may exec
// either on its branches; in a script with no exec, its last command.
func scriptDrops(p *project.Project, dir string, src []byte) bool {
	execs := execLine().FindAll(src, -1)
	if len(execs) == 0 {
		// no exec: the script's last command runs the program, as a
		// child of the shell (uwsgi --ini /app/wsgi.ini)
		return dropWord().Match(src) || serverDrops(p, dir, lastCommand(src), 0)
	}
	servers := 0
	for _, l := range execs {
		if dropWord().Match(l) {
			return true
		}
		if serverDrops(p, dir, string(l), 0) {
			servers++
		}
	}
	return servers == len(execs)
}

// lastCommand returns the last line of a shell script that is neither
// blank nor a comment.
func lastCommand(src []byte) string {
	lines := strings.Split(string(src), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return ""
}

// serverDrops reports whether a command line starts an application server
// that switches to another user once it has bound its port: uWSGI with a
// uid (--uid, or uid = in the .ini it is given), gunicorn with --user (or
// user = in its -c configuration), or supervisord whose programs that
// start the application each run as another user or start such a server.
func serverDrops(p *project.Project, dir, line string, depth int) bool {
	words := strings.Fields(line)
	for i, w := range words {
		switch path.Base(strings.Trim(w, `'"`)) {
		case "uwsgi":
			return flagUser(words[i+1:], "--uid") || configUser(p, dir, words[i+1:], ".ini", uwsgiUID())
		case "gunicorn":
			return flagUser(words[i+1:], "--user", "-u") || configUser(p, dir, words[i+1:], ".py", gunicornUser())
		case "supervisord":
			return depth == 0 && supervisorDrops(p, dir, words[i+1:])
		}
	}
	return false
}

var (
	uwsgiUID     = lazyre.New(`(?m)^\s*uid\s*=\s*(\S+)`)
	gunicornUser = lazyre.New(`(?m)^\s*user\s*=\s*["']?([\w.-]+)`)
	programRE    = lazyre.New(`^\[program:[^\]]*\]`)
)

// flagUser reports whether args set one of the flags to a user other than
// root: --uid app, --uid=app, -u 1000.
func flagUser(args []string, flags ...string) bool {
	for i, a := range args {
		for _, f := range flags {
			if v, ok := strings.CutPrefix(a, f+"="); ok {
				return v != "" && !rootUser(v)
			}
			if a == f && i+1 < len(args) {
				return !rootUser(args[i+1])
			}
		}
	}
	return false
}

// configUser reports whether a configuration file among args (by its
// extension) sets the user, found by re, to one other than root.
func configUser(p *project.Project, dir string, args []string, ext string, re *regexp.Regexp) bool {
	for _, a := range args {
		a = strings.Trim(a, `'"`)
		if !strings.HasSuffix(a, ext) {
			continue
		}
		if f := scriptFile(p, dir, path.Base(a)); f != nil {
			if src, err := f.Content(); err == nil {
				if m := re.FindSubmatch(src); m != nil && !rootUser(string(m[1])) {
					return true
				}
			}
		}
	}
	return false
}

// supervisorDrops reports whether the supervisord configuration given
// with -c runs each program that starts the application as another user:
// user= in its section, or a command that starts a server that switches
// itself. At least one program must start the application.
func supervisorDrops(p *project.Project, dir string, args []string) bool {
	conf := ""
	for i, a := range args {
		if (a == "-c" || a == "--configuration") && i+1 < len(args) {
			conf = args[i+1]
		}
	}
	f := scriptFile(p, dir, path.Base(conf))
	if conf == "" || f == nil {
		return false
	}
	src, err := f.Content()
	if err != nil {
		return false
	}
	apps := 0
	for _, sec := range iniSections(src) {
		if !programRE().MatchString(sec.name) || !startsApp([]byte(sec.keys["command"])) {
			continue
		}
		if u := sec.keys["user"]; (u == "" || rootUser(u)) && !serverDrops(p, dir, sec.keys["command"], 1) {
			return false
		}
		apps++
	}
	return apps > 0
}

// iniSection is one [section] of an INI file with its keys.
type iniSection struct {
	name string
	keys map[string]string
}

// iniSections splits an INI file (supervisord's) into its sections;
// comments and continuation lines are left out.
func iniSections(src []byte) []iniSection {
	var out []iniSection
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "["):
			out = append(out, iniSection{name: line, keys: map[string]string{}})
		case line == "" || line[0] == '#' || line[0] == ';' || len(out) == 0:
		default:
			if k, v, ok := strings.Cut(line, "="); ok {
				out[len(out)-1].keys[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return out
}

// entryWords returns the words of the ENTRYPOINT and CMD in effect at the
// end of stage i, following FROM references to earlier stages.
func entryWords(d *inf.Dockerfile, i int) []string {
	entry, cmd := entryInstructions(d, i)
	var out []string
	for _, in := range []*inf.Instruction{entry, cmd} {
		if in != nil {
			out = append(out, execWords(in.Args)...)
		}
	}
	return out
}

// entryInstructions returns the ENTRYPOINT and CMD in effect at the end of
// stage i (nil when there is none), following FROM references to earlier
// stages.
func entryInstructions(d *inf.Dockerfile, i int) (entry, cmd *inf.Instruction) {
	for depth := 0; i >= 0 && depth <= len(d.Stages); depth++ {
		st := d.Stages[i]
		for j := len(st.Instructions) - 1; j >= 0; j-- {
			in := st.Instructions[j]
			switch {
			case in.Cmd == "ENTRYPOINT" && entry == nil:
				entry = in
			case in.Cmd == "CMD" && cmd == nil:
				cmd = in
			}
		}
		i = d.StageNamed(st.Image, i)
	}
	return entry, cmd
}

// execWords splits the arguments of ENTRYPOINT or CMD: a JSON array (exec
// form) or a shell command line.
func execWords(args string) []string {
	args = strings.TrimSpace(args)
	if strings.HasPrefix(args, "[") {
		var list []string
		if json.Unmarshal([]byte(args), &list) == nil {
			return list
		}
	}
	return strings.Fields(args)
}

// scriptFile finds the project's file named base, preferring the one
// closest to the Dockerfile's folder (the build context).
func scriptFile(p *project.Project, dir, base string) *project.File {
	var best *project.File
	bestScore := -1
	for _, f := range p.Files {
		if path.Base(f.Path) != base {
			continue
		}
		score := commonPrefix(path.Dir(f.Path), dir)
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	return best
}

// commonPrefix counts the leading path components a and b share.
func commonPrefix(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}

// s6DropsPrivileges reports whether the s6-overlay services under dir
// (the Dockerfile's folder, where its build copies them from) that start
// the application all do so as another user: at least one service script
// starts it, and every one that does changes user.
func s6DropsPrivileges(p *project.Project, dir string) bool {
	runs := 0
	for _, f := range p.Files {
		if path.Base(f.Path) != "run" || !(strings.Contains(f.Path, "/s6-rc.d/") || strings.Contains(f.Path, "/services.d/")) {
			continue
		}
		if dir != "." && !strings.HasPrefix(f.Path, dir+"/") {
			continue
		}
		src, err := f.Content()
		if err != nil || !startsApp(src) {
			continue
		}
		if !scriptDrops(p, dir, src) {
			return false
		}
		runs++
	}
	return runs > 0
}

// startsApp reports whether a service script starts the application's
// server or workers: what answers the network or runs its jobs, not the
// set-up steps (migrations, waiting for the database) before them.
func startsApp(src []byte) bool {
	low := strings.ToLower(string(src))
	for _, w := range []string{"gunicorn", "uwsgi", "uvicorn", "daphne", "hypercorn", "granian", "celery",
		"runserver", "rqworker", "qcluster", "dramatiq", "run_huey"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
