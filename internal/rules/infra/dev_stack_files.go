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
// a local stack's env file or demo configuration. "" otherwise, or when
// no compose file uses it.
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
	if user == "" {
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
