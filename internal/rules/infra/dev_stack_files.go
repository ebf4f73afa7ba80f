package infra

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/rules/secrets"
)

// The secret rules judge a file by its own name and folder; which stacks
// use it is known here, from the compose files.
func init() { secrets.DevStackFile = devStackFile }

// devStackFile says why the file rel is for development when compose
// services use it (as an env_file, or mounted, itself or a folder holding
// it) and every compose file whose services do is one for development:
// a local stack's env file or demo configuration. "" otherwise, when no
// compose file uses it, or when an image that is not the developers'
// copies it (a source folder a development stack mounts over the code the
// image holds).
func devStackFile(p *project.Project, rel string) string {
	dep := p.Memo("infra.deploy", func() any { return loadDeploy(p) }).(*deployLoad)
	user := ""
	for _, cf := range dep.compose {
		if !composeUses(cf, rel) {
			continue
		}
		if !cf.Dev {
			return ""
		}
		user = cf.Path
	}
	if user == "" || shippedInImage(dep, rel) {
		return ""
	}
	return "only " + user + ", a compose file for development, uses it"
}

// composeUses reports whether a service of cf reads the file rel: names
// it as an env_file, or mounts it or a folder holding it.
func composeUses(cf *composeFile, rel string) bool {
	dir := path.Dir(cf.Path)
	for _, s := range cf.C.Services {
		for _, ef := range s.EnvFiles {
			if composePath(dir, ef.Value) == rel {
				return true
			}
		}
		for i, v := range s.Volumes {
			if i >= len(s.Targets) || s.Targets[i] == "" || !strings.HasPrefix(v.Value, ".") {
				continue // a named volume, or a path outside the tree
			}
			src := composePath(dir, v.Value)
			if src != "." && (src == rel || strings.HasPrefix(rel, src+"/")) {
				return true
			}
		}
	}
	return false
}

// composePath resolves a path a compose file gives, relative to its
// folder, to one relative to the project's root.
func composePath(dir, p string) string {
	return path.Clean(path.Join(dir, p))
}

// shippedInImage reports a file that a Dockerfile other than the
// developers' copies into its image by name (COPY ./src /app/src),
// with the build context taken to be the Dockerfile's folder or the
// project's root, either of which it most often is.
func shippedInImage(dep *deployLoad, rel string) bool {
	for _, df := range dep.dockerfiles {
		if df.Dev {
			continue
		}
		for _, st := range df.D.Stages {
			for _, in := range st.Instructions {
				if (in.Cmd != "COPY" && in.Cmd != "ADD") || in.Flags["from"] != "" {
					continue
				}
				args := strings.Fields(in.Args)
				if len(args) < 2 {
					continue
				}
				for _, src := range args[:len(args)-1] {
					for _, ctx := range []string{path.Dir(df.Path), "."} {
						if copies(composePath(ctx, src), rel) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// copies reports a COPY source, resolved against the project's root,
// that is rel or a folder holding it, or a pattern rel matches. The whole
// context (COPY . .) says nothing: it ships the development stacks' files
// too, which the application does not read.
func copies(src, rel string) bool {
	if src == "." {
		return false
	}
	if src == rel || strings.HasPrefix(rel, src+"/") {
		return true
	}
	ok, _ := path.Match(src, rel)
	return ok
}
