package infra

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// pythonTag reads the Python version of an official python image tag:
// 3.8, 3.8.10-slim, 3.11-alpine3.19.
var pythonTag = lazyre.New(`^(\d+)\.(\d+)(?:\.\d+)?(?:[-.].*)?$`)

// DockerfileBaseImage finds images built on an end-of-life Python or
// operating system, or (final images) on a floating tag.
var DockerfileBaseImage = &analysis.Rule{
	ID: "DJI304", Name: "dockerfile-base-image-unmaintained",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{1104, 1395}, Checklist: []int{1, 11},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The Dockerfile builds on an end-of-life Python, Node.js or operating system, or on a floating latest tag",
		What: "Reports FROM of the official python image (python:, docker.io/library/python:, the version given literally or " +
			"by an ARG's default) at a release line whose security support has ended (the end-of-life table of the dependency " +
			"rules); low for a build stage the final image is not built FROM, whose interpreter does not ship, and in a " +
			"development Dockerfile (also one whose command starts runserver while another deployment file of the project starts a " +
			"production server), and in an image that only builds: its final stage exposes no port and its command makes a package or the " +
			"documentation (CMD make dist, setup.py bdist_wheel, sphinx-build; a shell in a docs folder). FROM of the official node image at a major " +
			"release whose security support has ended (node:18, node:25.9.0-alpine3.23; the Node.js release schedule), with the same lowering: a " +
			"build stage that bundles a front end is low, and so is an image run in development mode (ENV NODE_ENV=development, a command that serves Storybook). With medium severity, the image the final stage is built on when its " +
			"Alpine, Debian or Ubuntu release (LTS or interim) is past its free security support (the official alpine, debian and " +
			"ubuntu images, and tags that name one: 3.12-slim-bullseye, 22-alpine3.19; low in a development Dockerfile or an image that only builds); a RUN " +
			"of the final stage, or of a stage it is built FROM, that installs a Python out of security support from the distribution or an archive " +
			"such as deadsnakes (apk add python2-dev, apt-get install python2.7 or python3.8-dev; not python3-dev, the distribution's own, nor " +
			"the versioned name of that same Python: python3.8-dev on Ubuntu 20.04, patched as long as the release is, and named in the finding on " +
			"the release when that one is past its support; low in a development " +
			"Dockerfile or an image that only builds); and, with low " +
			"severity, FROM an image without a tag or with :latest in the final stage, unless it is pinned by digest " +
			"(a digest freezes the image, so the tag it also names, python:3.10.1-slim@sha256:..., is still judged by its release). " +
			"References to earlier stages are left alone.",
		Why: "An end-of-life Python gets no security fixes: known vulnerabilities in the interpreter and its " +
			"standard library (ssl, http, xml) stay; an end-of-life distribution leaves its OpenSSL, libc and zlib " +
			"unpatched under every Python on top. A latest tag changes under the build, so a rebuild ships an " +
			"image nobody reviewed, and a rollback does not bring the old one back.",
		Bad:  "FROM python:3.8-slim",
		Good: "FROM python:3.12-slim",
		Fix:  "Move to a supported Python release line and distribution, and pin the tag (python:3.12-slim-bookworm, or by digest).",
		References: []string{
			"https://devguide.python.org/versions/",
			"https://github.com/nodejs/release#release-schedule",
			"https://alpinelinux.org/releases/",
			"https://wiki.debian.org/LTS",
			"https://ubuntu.com/about/release-cycle",
			"https://docs.docker.com/build/building/best-practices/#from",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, df := range deployment(pass).dockerfiles {
			onEOL := map[*inf.Stage]bool{} // stages on an end-of-life Python or Node.js, whose finding is the image's
			chain := finalChain(df.D)
			for i, st := range df.D.Stages {
				if st.Image == "" || st.Image == "scratch" || strings.Contains(st.Image, "$") || stageRef(df.D, i, st.Image) {
					continue
				}
				repo, tag, digest := imageRepo(st.Image)
				if repo == "python" && tag != "" {
					if m := pythonTag().FindStringSubmatch(tag); m != nil {
						if v, err := deps.ParseVersion(m[1] + "." + m[2]); err == nil {
							if r, ok := deps.FindRelease(deps.PythonReleases, v); ok && r.EndOfLife(pass.Now) {
								reportRuntimeEOL(pass, df, st, runtimeEOL{name: "Python " + r.Name(), end: r.EndString(),
									risk: "interpreter and standard-library vulnerabilities stay unfixed", part: "interpreter"}, slices.Contains(chain, st))
								onEOL[st] = true
								continue
							}
						}
					}
				}
				if repo == "node" && tag != "" {
					if m := nodeTag().FindStringSubmatch(tag); m != nil {
						if v, err := deps.ParseVersion(m[1] + ".0"); err == nil {
							if r, ok := deps.FindRelease(deps.NodeReleases, v); ok && r.EndOfLife(pass.Now) {
								reportRuntimeEOL(pass, df, st, runtimeEOL{name: fmt.Sprintf("Node.js %d", r.Major), end: r.EndString(),
									risk: "vulnerabilities of the runtime and its bundled OpenSSL stay unfixed", part: "runtime",
									devRun: nodeDevelopment(df)}, slices.Contains(chain, st))
								onEOL[st] = true
								continue
							}
						}
					}
				}
				if i == deployStage(df.D) && digest == "" && (tag == "" || tag == "latest") && !df.Dev {
					pass.Report(analysis.Diagnostic{Location: at(df.Path, st.From.Pos), Severity: report.Low,
						Message: "FROM " + st.Image + " follows a floating tag: each build may ship a different, unreviewed base image, and a rollback does not bring the old one back"})
				}
			}
			if len(chain) > 0 && !onEOL[chain[0]] {
				reportBaseOS(pass, df, chain[0], ownPythonInstalled(chain))
				reportPythonInstall(pass, df, chain)
			}
		}
	},
}

// runtimeEOL is a language runtime out of security support that a stage
// is built on, as its finding says it.
type runtimeEOL struct {
	name   string // "Python 3.8", "Node.js 20"
	end    string // when its support ended: "on 2024-10-07"
	risk   string // what stays unfixed
	part   string // what of it a build stage does not ship: "interpreter"
	devRun bool   // the image runs it in development mode
}

// reportRuntimeEOL reports a stage built on a runtime out of security
// support. A build stage (one the final image is not built FROM) is low:
// its runtime does not ship, though it runs the build (pip, compilers,
// the front end's bundler) of what does; so are a development Dockerfile,
// an image run in development mode and one that only builds.
func reportRuntimeEOL(pass *analysis.Pass, df *dockerfile, st *inf.Stage, r runtimeEOL, shipped bool) {
	d := analysis.Diagnostic{Location: at(df.Path, st.From.Pos),
		Message: fmt.Sprintf("FROM %s builds on %s, whose security support ended %s: %s", st.Image, r.name, r.end, r.risk)}
	switch {
	case !shipped:
		d.Severity = report.Low
		d.Message += "; this is a build stage, whose " + r.part + " does not ship in the final image, but it runs the build of what does"
	case developers(pass, df):
		d.Severity = report.Low
	case r.devRun:
		d.Severity = report.Low
		d.Message += "; the image runs in development mode (NODE_ENV=development, or it serves Storybook), for the developers' machines"
	case buildOnly(df):
		d.Severity = report.Low
		d.Message += buildOnlyNote
	}
	pass.Report(d)
}

// nodeTag reads a Node.js major release from the official node image's
// tag: 25, 25.9.0-alpine3.23, 20-bookworm-slim.
var nodeTag = lazyre.New(`^(\d+)(?:\.\d+){0,2}(?:-.*)?$`)

// nodeDevelopment reports a Dockerfile whose final stage sets NODE_ENV to
// development, or whose command serves Storybook (a workshop of the
// front end's components): an image for the developers' machines.
func nodeDevelopment(df *dockerfile) bool {
	n := len(df.D.Stages)
	if n == 0 {
		return false
	}
	for _, in := range df.D.Stages[n-1].Instructions {
		switch in.Cmd {
		case "ENV":
			if nodeEnvDev().MatchString(in.Args) {
				return true
			}
		case "CMD", "ENTRYPOINT":
			if strings.Contains(in.Args, "storybook") {
				return true
			}
		}
	}
	return false
}

// nodeEnvDev matches NODE_ENV=development (or NODE_ENV development) in an
// ENV instruction.
var nodeEnvDev = lazyre.New(`\bNODE_ENV(?:=|\s+)["']?development\b`)

// buildOnlyNote says why an image that only builds is low.
const buildOnlyNote = "; the image only builds (its command makes a package or the documentation, and it exposes no port): what it builds ships, not the image"

// buildToolCmd matches a command that builds a package or documentation
// and serves nothing: make dist, setup.py bdist_wheel, python -m build,
// pip wheel, sphinx-build, make html.
var buildToolCmd = lazyre.New(`\bmake\s+(?:dist|pex|wheel|whl|docs|html|latexpdf)\b|\bsetup\.py\s+(?:bdist\w*|sdist)\b|\bpython[0-9.]*\s+-m\s+build\b|\bpip[0-9.]*\s+wheel\b|\bsphinx-build\b`)

// buildOnly reports a Dockerfile whose final stage exposes no port and
// whose command builds a package or the documentation (CMD make dist &&
// make pex), or that lives in a documentation folder and runs a shell:
// an image run to produce files, whose base's libraries never serve a
// request.
func buildOnly(df *dockerfile) bool {
	i := deployStage(df.D)
	if i < 0 {
		return false
	}
	cmd := ""
	for _, in := range df.D.Stages[i].Instructions {
		switch in.Cmd {
		case "EXPOSE":
			return false
		case "CMD", "ENTRYPOINT":
			cmd = in.Args
		}
	}
	if buildToolCmd().MatchString(cmd) {
		return true
	}
	shell := strings.Trim(strings.TrimSpace(cmd), `[]"'`)
	return (shell == "/bin/bash" || shell == "bash" || shell == "/bin/sh" || shell == "sh") && slices.Contains(strings.Split(path.Dir(df.Path), "/"), "docs")
}

// pythonInstall matches a package manager installing a versioned Python
// in a RUN: apk add python2-dev, apt-get install python2.7 python3.8-dev
// (Ubuntu's, or the deadsnakes archive's), yum install python27. Its
// groups are the package, the major version and the minor one ("" for
// python2, which is 2.7). python3-dev, with no minor version, is the
// distribution's own Python, which its base image dates.
var pythonInstall = lazyre.New(`\b(?:apk\s+add|apt-get\s+install|apt\s+install|yum\s+install|dnf\s+install|microdnf\s+install)\b[^;&|]*?\s(python(2)(?:\.?(7))?(?:-dev|-minimal)?|python(3)\.([0-9]+)(?:-dev|-minimal|-distutils|-venv|-full)?)(?:\s|$|\\)`)

// reportPythonInstall reports a RUN of the final stage, or of a stage it
// is built FROM, that installs a Python out of security support from the
// distribution: the image then runs, or builds its dependencies with, that
// interpreter, whatever Python its base image has.
func reportPythonInstall(pass *analysis.Pass, df *dockerfile, chain []*inf.Stage) {
	for _, st := range chain {
		for _, in := range st.Instructions {
			if in.Cmd != "RUN" {
				continue
			}
			for _, m := range pythonInstall().FindAllStringSubmatch(in.Args, -1) {
				major, minor := m[2]+m[4], m[3]+m[5]
				if major == "2" {
					minor = "7"
				}
				v, err := deps.ParseVersion(major + "." + minor)
				if err != nil {
					continue
				}
				r, ok := deps.FindRelease(deps.PythonReleases, v)
				if !ok || !r.EndOfLife(pass.Now) {
					continue
				}
				if major == "3" && minor != "" && distroPython(chain) == "3."+minor {
					// python3.8-dev on Ubuntu 20.04: the release's own
					// Python, patched as long as the release is, whose end
					// the FROM finding gives
					continue
				}
				d := analysis.Diagnostic{Location: at(df.Path, in.Pos),
					Message: fmt.Sprintf("RUN installs %s, Python %s, whose security support ended %s: interpreter and standard-library vulnerabilities stay unfixed",
						m[1], r.Name(), r.EndString())}
				switch {
				case developers(pass, df):
					d.Severity = report.Low
				case buildOnly(df):
					d.Severity = report.Low
					d.Message += buildOnlyNote
				}
				pass.Report(d)
				return
			}
		}
	}
}

// pythonNote says that the release's own Python, which a RUN installs by
// its versioned name, goes unpatched with the release.
func pythonNote(pkg string) string {
	if pkg == "" {
		return ""
	}
	return ", nor does the Python the image installs (" + pkg + "), the release's own"
}

// ownPythonInstalled returns the package of the first RUN of chain that
// installs the Python its Ubuntu or Debian release ships as python3, by
// its versioned name (python3.8-dev on Ubuntu 20.04), "" when none does.
func ownPythonInstalled(chain []*inf.Stage) string {
	own := distroPython(chain)
	if own == "" {
		return ""
	}
	for _, st := range chain {
		for _, in := range st.Instructions {
			if in.Cmd != "RUN" {
				continue
			}
			for _, m := range pythonInstall().FindAllStringSubmatch(in.Args, -1) {
				if m[4] == "3" && "3."+m[5] == own {
					return m[1]
				}
			}
		}
	}
	return ""
}

// distroPythons are the Python 3 each Ubuntu and Debian release ships as
// its python3, which the release's security team patches for as long as it
// supports the release, whatever the end of upstream support. The keys are
// the releases as baseOS names them, without a Debian codename.
var distroPythons = map[string]string{
	"Ubuntu 16.04": "3.5", "Ubuntu 18.04": "3.6", "Ubuntu 20.04": "3.8", "Ubuntu 22.04": "3.10", "Ubuntu 24.04": "3.12",
	"Ubuntu 24.10": "3.12", "Ubuntu 25.04": "3.13", "Ubuntu 25.10": "3.13",
	"Debian 9": "3.5", "Debian 10": "3.7", "Debian 11": "3.9", "Debian 12": "3.11", "Debian 13": "3.13",
}

// distroPython returns the python3 version of the Ubuntu or Debian release
// that a stage of chain is built on (ubuntu:focal, debian:11-slim, a tag
// naming bullseye), "" when none names one.
func distroPython(chain []*inf.Stage) string {
	for _, st := range chain {
		repo, tag, _ := imageRepo(st.Image)
		if name, _, ok := baseOS(repo, strings.ToLower(tag)); ok {
			name, _, _ = strings.Cut(name, " (") // Debian 11 (bullseye)
			return distroPythons[name]
		}
	}
	return ""
}

// reportBaseOS reports the image the final stage is built on when its
// operating system's security support has ended. Build stages are left
// alone: what they install does not ship; a development image is low.
func reportBaseOS(pass *analysis.Pass, df *dockerfile, st *inf.Stage, ownPython string) {
	if st.Image == "" || strings.Contains(st.Image, "$") {
		return
	}
	repo, tag, _ := imageRepo(st.Image)
	if name, r, ok := baseOS(repo, strings.ToLower(tag)); ok && r.EndOfLife(pass.Now) {
		sev, note := report.Medium, ""
		switch {
		case developers(pass, df):
			sev = report.Low
		case buildOnly(df):
			sev, note = report.Low, buildOnlyNote
		}
		pass.Report(analysis.Diagnostic{Location: at(df.Path, st.From.Pos), Severity: sev,
			Message: fmt.Sprintf("FROM %s builds on %s, whose security support ended %s: the image's system libraries (OpenSSL, libc, zlib) get no more fixes", st.Image, name, r.EndString()) +
				pythonNote(ownPython) + note})
	}
}

// alpineTag reads an Alpine branch: 3.15, 3.15.4, or alpine3.15 in another
// image's tag (python:3.12-alpine3.19).
var alpineTag = lazyre.New(`^(?:alpine)?(\d+)\.(\d+)(?:\.\d+)?$`)

// ubuntuTag reads an Ubuntu release: 22.04.
var ubuntuTag = lazyre.New(`^(\d+)\.(\d+)$`)

// baseOS finds the operating system release an image reference names: the
// version of the official alpine, debian and ubuntu images, or a
// distribution part of another image's tag (3.11-slim-bullseye,
// 18-alpine3.15). The name it returns is for messages: "Debian 10 (buster)".
func baseOS(repo, tag string) (string, deps.Release, bool) {
	parts := strings.Split(tag, "-")
	switch repo {
	case "alpine":
		if m := alpineTag().FindStringSubmatch(parts[0]); m != nil && !strings.HasPrefix(parts[0], "alpine") {
			return osRelease("Alpine", deps.AlpineReleases, m[1]+"."+m[2])
		}
		return "", deps.Release{}, false
	case "debian":
		major, _, _ := strings.Cut(parts[0], ".")
		if n, ok := deps.DebianCodenames[major]; ok {
			major = fmt.Sprint(n)
		}
		return debianRelease(major)
	case "ubuntu":
		if m := ubuntuTag().FindStringSubmatch(parts[0]); m != nil {
			return osRelease("Ubuntu", deps.UbuntuReleases, m[1]+"."+m[2])
		}
		if v, ok := deps.UbuntuCodenames[parts[0]]; ok {
			return osRelease("Ubuntu", deps.UbuntuReleases, fmt.Sprintf("%d.%d", v[0], v[1]))
		}
		return "", deps.Release{}, false
	}
	for _, p := range parts {
		if n, ok := deps.DebianCodenames[p]; ok {
			return debianRelease(fmt.Sprint(n))
		}
		if m := alpineTag().FindStringSubmatch(p); m != nil && strings.HasPrefix(p, "alpine") {
			return osRelease("Alpine", deps.AlpineReleases, m[1]+"."+m[2])
		}
	}
	return "", deps.Release{}, false
}

// debianRelease finds a Debian release by its major number ("10") and names
// it with its codename, as the images' tags do: "Debian 10 (buster)".
func debianRelease(major string) (string, deps.Release, bool) {
	name, r, ok := osRelease("Debian", deps.DebianReleases, major+".0")
	if !ok {
		return "", r, false
	}
	name = "Debian " + major
	for code, n := range deps.DebianCodenames {
		if fmt.Sprint(n) == major {
			name += " (" + code + ")"
		}
	}
	return name, r, true
}

// osRelease finds version's line in table; Ubuntu's are named 22.04.
func osRelease(distro string, table []deps.Release, version string) (string, deps.Release, bool) {
	v, err := deps.ParseVersion(version)
	if err != nil {
		return "", deps.Release{}, false
	}
	r, ok := deps.FindRelease(table, v)
	if !ok {
		return "", r, false
	}
	if distro == "Ubuntu" {
		return fmt.Sprintf("Ubuntu %d.%02d", r.Major, r.Minor), r, true
	}
	return distro + " " + r.Name(), r, true
}
