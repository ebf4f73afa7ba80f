package infra

import (
	"strings"

	inf "github.com/djsec/djsec/internal/infra"
)

// finalUser returns the USER in effect at the end of stage i, following
// FROM references to earlier stages, and the instruction that set it.
func finalUser(d *inf.Dockerfile, i, depth int) (string, *inf.Instruction) {
	if i < 0 || i >= len(d.Stages) || depth > len(d.Stages) {
		return "", nil
	}
	st := d.Stages[i]
	for j := len(st.Instructions) - 1; j >= 0; j-- {
		if in := st.Instructions[j]; in.Cmd == "USER" {
			user := ""
			if f := strings.Fields(in.Args); len(f) > 0 {
				user = f[0]
			}
			return user, in
		}
	}
	if k := d.StageNamed(st.Image, i); k >= 0 {
		return finalUser(d, k, depth+1)
	}
	return "", nil
}

// stageRef reports whether image names an earlier stage of d.
func stageRef(d *inf.Dockerfile, i int, image string) bool {
	return d.StageNamed(image, i) >= 0
}

// rootUser reports whether a USER value means root.
func rootUser(u string) bool {
	name, _, _ := strings.Cut(u, ":")
	return name == "root" || name == "0"
}

// nonRootImage reports whether a base image is known to run as an
// unprivileged user by default.
func nonRootImage(image string) bool {
	l := strings.ToLower(image)
	return strings.Contains(l, "nonroot") || strings.Contains(l, "unprivileged") || strings.Contains(l, "rootless") ||
		strings.HasPrefix(l, "cgr.dev/chainguard/") || strings.HasPrefix(l, "bitnami/")
}

// rootByDefault reports whether a base image is known to run as root
// unless a USER says otherwise: the official OS and Python images. Other
// images (postgres, nginx, a vendor's application image) choose their own
// user, which djsec cannot see.
func rootByDefault(image string) bool {
	repo, _, _ := imageRepo(image)
	switch repo {
	case "python", "pypy", "debian", "ubuntu", "alpine", "fedora", "centos", "rockylinux", "almalinux",
		"amazonlinux", "buildpack-deps", "continuumio/miniconda3", "continuumio/anaconda3", "ghcr.io/astral-sh/uv":
		return true
	}
	return false
}

// imageTag splits an image reference into repository, tag and digest.
func imageTag(ref string) (repo, tag, digest string) {
	repo = ref
	if i := strings.Index(repo, "@"); i >= 0 {
		repo, digest = repo[:i], repo[i+1:]
	}
	if i := strings.LastIndex(repo, ":"); i >= 0 && !strings.Contains(repo[i:], "/") {
		repo, tag = repo[:i], repo[i+1:]
	}
	return repo, tag, digest
}

// imageRepo is imageTag with the repository lowercased and Docker Hub's
// default registry and namespace dropped: docker.io/library/Postgres:16
// and postgres:16 both name the repository postgres.
func imageRepo(ref string) (repo, tag, digest string) {
	repo, tag, digest = imageTag(ref)
	repo = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(repo), "docker.io/"), "library/")
	return repo, tag, digest
}

func containsWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ';' || r == '&' || r == '|' || r == '(' }) {
		if f == w {
			return true
		}
	}
	return false
}

// composeSetsUser reports whether a compose service built from the
// Dockerfile at path sets user:, which overrides the image's user.
func composeSetsUser(dep *deployLoad, dfPath string) bool {
	for _, cf := range dep.compose {
		for _, s := range cf.C.Services {
			if s.User != nil && serviceDockerfile(cf, s) == dfPath && !rootUser(s.User.Value) {
				return true
			}
		}
	}
	return false
}

// serviceDockerfile returns the path of the Dockerfile a compose service
// builds, or "" when it builds none.
func serviceDockerfile(cf *composeFile, s *inf.Service) string {
	if s.Build == nil {
		return ""
	}
	name := "Dockerfile"
	if s.Dockerfile != nil {
		name = s.Dockerfile.Value
	}
	return pathJoin(pathJoin(pathDir(cf.Path), s.Build.Value), name)
}

// deployStage returns the index of the stage a deployment builds: the
// last one, unless it is named for development or tests (dev, test, ci)
// and an earlier stage is named for production (production, prod,
// release, runtime): then CI and compose files ask for that target, and
// the last stage is a developer's image built on top. -1 when there is
// no stage.
func deployStage(d *inf.Dockerfile) int {
	last := len(d.Stages) - 1
	if last < 0 || !devStages[d.Stages[last].Name] {
		return last
	}
	for i := last - 1; i >= 0; i-- {
		if prodStages[d.Stages[i].Name] {
			return i
		}
	}
	return last
}

var (
	devStages  = map[string]bool{"dev": true, "development": true, "devel": true, "test": true, "tests": true, "testing": true, "ci": true, "debug": true, "local": true}
	prodStages = map[string]bool{"production": true, "prod": true, "release": true, "runtime": true, "final": true, "deploy": true}
)

// finalChain returns the stage a deployment builds (deployStage) and the
// stages it is built FROM, outermost first.
func finalChain(d *inf.Dockerfile) []*inf.Stage {
	var chain []*inf.Stage
	i := deployStage(d)
	for i >= 0 && len(chain) <= len(d.Stages) {
		chain = append([]*inf.Stage{d.Stages[i]}, chain...)
		i = d.StageNamed(d.Stages[i].Image, i)
	}
	return chain
}
