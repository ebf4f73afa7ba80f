package infra

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// A project whose CI pushes an image may deploy any of its Dockerfiles, as
// far as the compose files tell. When the CI files spell out every image
// they build (docker build ., docker/build-push-action with its context and
// file), the published images are those, and a Dockerfile that only
// development stacks build (a mock of a partner's API, a test service) is
// a developer's, whatever else the project ships.

// publishedDockerfiles returns the Dockerfiles the project's CI files
// build, and whether that list is known: every build found names a
// Dockerfile of the project, without variables, and no CI file builds or
// pushes through compose, whose services may build anything.
func publishedDockerfiles(p *project.Project) (map[string]bool, bool) {
	out := map[string]bool{}
	for _, f := range p.Files {
		base := path.Base(f.Path)
		if !strings.Contains(f.Path, ".github/workflows/") && base != ".gitlab-ci.yml" {
			continue
		}
		data, err := f.Content()
		if err != nil {
			return nil, false
		}
		text := strings.ReplaceAll(string(data), "\\\n", " ")
		if strings.Contains(text, "compose") && composeBuild().MatchString(text) {
			return nil, false
		}
		for _, m := range dockerBuild().FindAllStringSubmatch(text, -1) {
			df, ok := buildCommandDockerfile(m[1])
			if !ok || p.File(df) == nil {
				return nil, false
			}
			out[df] = true
		}
		for _, step := range buildPushSteps(text) {
			if p.File(step) == nil {
				return nil, false
			}
			out[step] = true
		}
	}
	return out, len(out) > 0
}

// dockerBuild matches a docker build command and the rest of its line.
var dockerBuild = lazyre.New(`\bdocker\s+(?:buildx\s+|image\s+)?build\b([^\n]*)`)

// composeBuild matches a compose command that builds or pushes services.
var composeBuild = lazyre.New(`\bdocker[ -]compose\b[^\n]*\s(?:build|push)\b`)

// buildValueFlags are the flags of docker build that take a value as the
// next word.
var buildValueFlags = map[string]bool{"-t": true, "--tag": true, "--build-arg": true, "-f": true, "--file": true,
	"--target": true, "--platform": true, "--label": true, "--cache-from": true, "--cache-to": true, "--secret": true,
	"-o": true, "--output": true, "--progress": true, "--network": true, "--ssh": true, "--iidfile": true,
	"--metadata-file": true, "--build-context": true, "--allow": true, "--attest": true, "--builder": true,
	"--add-host": true, "--shm-size": true, "--ulimit": true, "-m": true, "--memory": true}

// buildCommandDockerfile returns the Dockerfile the arguments of a docker
// build command name: the -f file, or Dockerfile in the context. false
// when a word is a variable or the command has no context.
func buildCommandDockerfile(args string) (string, bool) {
	if i := strings.IndexAny(args, "#;|&"); i >= 0 {
		args = args[:i]
	}
	words := strings.Fields(args)
	file, context := "", ""
	for i := 0; i < len(words); i++ {
		w := strings.Trim(words[i], `"'`)
		flag, value, inline := strings.Cut(w, "=")
		switch {
		case strings.HasPrefix(w, "-") && buildValueFlags[flag]:
			if !inline && i+1 < len(words) {
				i++
				value = strings.Trim(words[i], `"'`)
			}
			if flag == "-f" || flag == "--file" {
				file = value
			}
		case strings.HasPrefix(w, "-"):
			// --push, --load, --no-cache: no value
		case context == "":
			context = w
		}
	}
	if context == "" || strings.Contains(context+file, "$") {
		return "", false
	}
	if file == "" {
		file = pathJoin(context, "Dockerfile")
	}
	return path.Clean(strings.TrimPrefix(file, "./")), true
}

// buildPushSteps returns the Dockerfile each docker/build-push-action step
// of a workflow builds (its file, or Dockerfile in its context, the
// repository's root by default); "" for a step whose context or file is a
// variable.
func buildPushSteps(text string) []string {
	var out []string
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if !strings.Contains(line, "docker/build-push-action@") {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " -"))
		context, file := ".", ""
		for _, l := range lines[i+1:] {
			t := strings.TrimLeft(l, " ")
			if t == "" {
				continue
			}
			if len(l)-len(t) < indent || strings.HasPrefix(t, "- ") && len(l)-len(t) <= indent {
				break // the next step
			}
			key, value, _ := strings.Cut(t, ":")
			value = strings.Trim(strings.TrimSpace(value), `"'`)
			switch key {
			case "context":
				context = value
			case "file":
				file = value
			}
		}
		if file == "" {
			file = pathJoin(context, "Dockerfile")
		}
		if strings.Contains(context+file, "$") {
			out = append(out, "")
			continue
		}
		out = append(out, path.Clean(strings.TrimPrefix(file, "./")))
	}
	return out
}
