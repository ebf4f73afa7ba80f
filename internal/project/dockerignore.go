package project

import (
	"path"
	"strings"
)

// An image is built from a context folder, less what its .dockerignore
// leaves out: settings that a project keeps for its developers (dev.py,
// local.py) are often among them, so that the image falls back to its
// production settings where the code tries the others first. The
// patterns follow Docker's rules: one per line, # for comments, paths
// relative to the context with a leading / ignored, * and ? within a
// name, ** across folders, ! to take back what an earlier line left out,
// the last matching line deciding; a pattern that matches a folder
// leaves out everything in it.

// dockerIgnore is the patterns of the .dockerignore at the scanned root.
type dockerIgnore []ignorePattern

type ignorePattern struct {
	parts  []string // the pattern's path, split at /
	negate bool
}

// DockerIgnored reports whether the file at rel (relative to the scanned
// root) is left out of an image built from the root by the .dockerignore
// there; false when the root has none or no Dockerfile is in the tree.
func (p *Project) DockerIgnored(rel string) bool {
	ig := p.Memo("project.dockerignore", func() any { return p.readDockerIgnore() }).(dockerIgnore)
	return ig.ignored(rel)
}

func (p *Project) readDockerIgnore() dockerIgnore {
	f := p.File(".dockerignore")
	if f == nil || !p.hasDockerfile() {
		return nil
	}
	data, err := f.Content()
	if err != nil {
		return nil
	}
	return parseDockerIgnore(string(data))
}

func (p *Project) hasDockerfile() bool {
	for _, f := range p.Files {
		if b := path.Base(f.Path); strings.HasPrefix(b, "Dockerfile") || strings.HasSuffix(b, ".Dockerfile") {
			return true
		}
	}
	return false
}

func parseDockerIgnore(data string) dockerIgnore {
	var out dockerIgnore
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pat := ignorePattern{}
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			pat.negate, line = true, strings.TrimSpace(rest)
		}
		line = strings.Trim(path.Clean("/"+line), "/")
		if line == "" || line == "." {
			continue
		}
		pat.parts = strings.Split(line, "/")
		out = append(out, pat)
	}
	return out
}

// ignored reports whether the last pattern that matches rel, or one of
// the folders it is in, leaves it out.
func (ig dockerIgnore) ignored(rel string) bool {
	parts := strings.Split(rel, "/")
	out := false
	for _, pat := range ig {
		for n := 1; n <= len(parts); n++ {
			if matchParts(pat.parts, parts[:n], 0) {
				out = !pat.negate
				break
			}
		}
	}
	return out
}

// matchParts matches a pattern's parts against a path's, ** standing for
// any number of folders. depth bounds the backtracking of many **.
func matchParts(pat, name []string, depth int) bool {
	if depth > 16 {
		return false
	}
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchParts(pat[1:], name[i:], depth+1) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
