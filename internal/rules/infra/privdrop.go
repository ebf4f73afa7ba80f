package infra

import (
	"encoding/json"
	"path"
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
// user.
var dropWord = lazyre.New(`(?m)(^|[\s;&|"'(])(gosu|su-exec|s6-setuidgid|s6-applyuidgid|setpriv|runuser|chpst|setuser)\s+\S`)

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
	if dropWord().MatchString(strings.Join(words, " ")) {
		return true
	}
	if slices.Contains(words, "/init") || slices.Contains(words, "/command/init") {
		// s6-overlay's init, first or behind tini
		return s6DropsPrivileges(p, path.Dir(dfPath))
	}
	for _, w := range words {
		if !strings.HasSuffix(w, ".sh") && !strings.Contains(w, "entrypoint") {
			continue
		}
		if f := scriptFile(p, path.Dir(dfPath), path.Base(w)); f != nil {
			if src, err := f.Content(); err == nil && scriptDrops(src) {
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
func scriptDrops(src []byte) bool {
	execs := execLine().FindAll(src, -1)
	if len(execs) == 0 {
		return dropWord().Match(src)
	}
	for _, l := range execs {
		if dropWord().Match(l) {
			return true
		}
	}
	return false
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
		if !scriptDrops(src) {
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
