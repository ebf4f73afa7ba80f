package project

import (
	"path"
	"strings"
)

// deployKind tells deployment files by their names: nginx configurations,
// compose files, Dockerfiles and the other files internal/infra parses.
func deployKind(rel string) Kind {
	base := path.Base(rel)
	lower := strings.ToLower(base)
	dir := strings.ToLower(path.Dir(rel))
	switch {
	case (lower == "dockerfile" || lower == "containerfile" || strings.HasPrefix(lower, "dockerfile.") ||
		strings.HasSuffix(lower, ".dockerfile")) && !notDockerfile(lower):
		return Dockerfile
	case isComposeName(lower):
		return Compose
	case isNginxName(lower, dir):
		return Nginx
	case DeployName(rel) != "":
		return Deploy
	}
	return 0
}

// notDockerfile reports names that start like a Dockerfile's but hold
// something else: BuildKit's per-Dockerfile ignore file
// (Dockerfile.dockerignore), notes, backups, and files in other formats
// named for the image they build (an Ansible playbook dockerfile.yml, a
// build script dockerfile.py).
func notDockerfile(lower string) bool {
	switch path.Ext(lower) {
	case ".dockerignore", ".md", ".rst", ".txt", ".orig", ".bak", ".swp",
		".yml", ".yaml", ".json", ".toml", ".ini", ".py", ".sh", ".js", ".html", ".xml":
		return true
	}
	return false
}

// aboutNginx reports a folder of another tool's per-service settings,
// where a file named nginx configures that tool for the nginx service:
// log rotation, process monitors, init scripts, defaults.
func aboutNginx(dir string) bool {
	for _, part := range strings.Split(dir, "/") {
		switch part {
		case "logrotate", "logrotate.d", "monit", "monit.d", "monitrc.d", "init.d", "default", "supervisor", "systemd", "fail2ban", "cron.d", "rsyslog.d":
			return true
		}
	}
	return false
}

func isComposeName(lower string) bool {
	for _, ext := range []string{".yml", ".yaml"} {
		if !strings.HasSuffix(lower, ext) {
			continue
		}
		stem := strings.TrimSuffix(lower, ext)
		// docker-compose.prod.yml, docker-compose-dev.yml, and the newer
		// spelling without docker-: compose.prod.yaml, compose-dev.yml
		if stem == "compose" || stem == "docker-compose" || strings.HasPrefix(stem, "docker-compose.") ||
			strings.HasPrefix(stem, "docker-compose-") || strings.HasPrefix(stem, "docker-compose_") ||
			strings.HasPrefix(stem, "compose.") || strings.HasPrefix(stem, "compose-") || strings.HasPrefix(stem, "compose_") {
			return true
		}
	}
	return false
}

func isNginxName(lower, dir string) bool {
	if lower == "nginx" && aboutNginx(dir) {
		// logrotate.d/nginx, monit/conf.d/nginx: another tool's
		// settings for the nginx service, named for it
		return false
	}
	if strings.Contains(lower, "nginx") && (strings.HasSuffix(lower, ".conf") || strings.HasSuffix(lower, ".conf.template") ||
		strings.HasSuffix(lower, ".conf.j2") || strings.HasSuffix(lower, ".nginx") || lower == "nginx") {
		return true
	}
	if strings.HasSuffix(lower, ".nginx") || strings.HasSuffix(lower, ".nginxconf") {
		return true
	}
	// Below an nginx folder (etc/nginx/, deploy/nginx/conf.d/), every
	// .conf file and the files of sites-available and sites-enabled.
	inNginx := false
	for _, part := range strings.Split(dir, "/") {
		if strings.Contains(part, "nginx") {
			inNginx = true
		}
	}
	last := path.Base(dir)
	if last == "sites-available" || last == "sites-enabled" {
		return inNginx || !strings.Contains(lower, ".") || strings.HasSuffix(lower, ".conf")
	}
	return inNginx && (strings.HasSuffix(lower, ".conf") || strings.HasSuffix(lower, ".conf.template"))
}

// DeployName says which deployment format the file at rel is, by its name:
// "terraform", "redis", "mongod", "pg_hba", "sshd", "fail2ban", "gunicorn",
// "uwsgi", "vercel", "alertmanager", "systemd", "procfile", "ufw" (its
// defaults file and user.rules), "shell" (scripts that may run ufw), "yaml" (a YAML file that may be a
// CloudFormation template or a Kubernetes manifest), "cloudformation" (a
// JSON template) or "".
func DeployName(rel string) string {
	lower := strings.ToLower(path.Base(rel))
	switch {
	case strings.HasSuffix(lower, ".tf"):
		return "terraform"
	case lower == "redis.conf" || strings.HasPrefix(lower, "redis") && strings.HasSuffix(lower, ".conf"):
		return "redis"
	case lower == "mongod.conf" || lower == "mongod.yaml" || lower == "mongod.yml":
		return "mongod"
	case lower == "pg_hba.conf":
		return "pg_hba"
	case lower == "sshd_config" || strings.HasPrefix(rel, "sshd_config.d/") || strings.Contains(rel, "/sshd_config.d/"):
		return "sshd"
	case lower == "jail.local" || lower == "jail.conf" || strings.Contains(rel, "fail2ban/") && strings.HasSuffix(lower, ".local") ||
		strings.Contains(rel, "jail.d/") && (strings.HasSuffix(lower, ".local") || strings.HasSuffix(lower, ".conf")):
		return "fail2ban"
	case lower == "gunicorn.conf.py" || lower == "gunicorn_conf.py" || lower == "gunicorn.py" || lower == "gunicorn_config.py":
		return "gunicorn"
	case lower == "uwsgi.ini" || strings.HasPrefix(lower, "uwsgi") && strings.HasSuffix(lower, ".ini"):
		return "uwsgi"
	case lower == "vercel.json":
		return "vercel"
	case strings.HasSuffix(lower, ".service"):
		return "systemd"
	case lower == "procfile":
		return "procfile"
	case lower == "ufw" && strings.HasSuffix(path.Dir(rel), "default") || (lower == "user.rules" || lower == "user6.rules") && strings.Contains(rel, "ufw"):
		return "ufw"
	case strings.HasSuffix(lower, ".sh"):
		return "shell"
	case strings.HasPrefix(lower, "alertmanager") && (strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml")):
		return "alertmanager"
	case strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml"):
		return "yaml"
	case strings.HasSuffix(lower, ".template") || (strings.HasSuffix(lower, ".json") &&
		(strings.Contains(lower, "cloudformation") || strings.Contains(lower, "cfn") || strings.Contains(lower, "stack"))):
		return "cloudformation"
	}
	return ""
}
