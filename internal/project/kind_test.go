package project

import "testing"

func TestNameKind(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"shop/views.py", Python},
		{"shop/templates/shop/base.html", Template},
		{"templates/emails/welcome.txt", Template},
		{"templates/sitemap.xml", Template},
		{"shop/templates/shop/page.HTM", Template},
		{"shop/static/index.html", 0},
		{"shop/jinja2/shop/base.html", 0},
		{"templates/jinja2/base.html", 0},
		{"jinja2/templates/base.html", 0},
		{"shop/templates/shop/app.js", 0},
		{"templates.html", 0},
		{"deploy/nginx/nginx.conf", Nginx},
		{"contrib/nginx.conf", Nginx},
		{"etc/nginx/sites-enabled/default", Nginx},
		{"etc/nginx/conf.d/site.conf", Nginx},
		{"docker/scripts/logrotate/nginx", 0}, // logrotate's settings for nginx's logs
		{"script/monit/nginx", 0},
		{"deploy/nginx", Nginx},
		{"supervisor/conf.d/web.conf", 0},
		{"docker/docker-compose.yml", Compose},
		{"compose.prod.yaml", Compose},
		{"compose-dev.yml", Compose},
		{"docker-compose_local.yaml", Compose},
		{"Dockerfile", Dockerfile},
		{"docker/Dockerfile.prod", Dockerfile},
		{"web.Dockerfile", Dockerfile},
		{"Dockerfile.dockerignore", 0}, // BuildKit's ignore file for one Dockerfile
		{"docker/Dockerfile.md", 0},
		{"tools/ansible/dockerfile.yml", Deploy}, // a playbook that builds the image, read as Ansible
		{"scripts/dockerfile.py", Python},
		{"docker/Dockerfile.j2", Dockerfile}, // a template of one: read when it has no template syntax
		{"infra/main.tf", Deploy},
		{"deploy/redis.conf", Deploy},
		{"k8s/deployment.yaml", Deploy},
		{"package.json", 0},
	}
	for _, tt := range tests {
		if got := NameKind(tt.path); got != tt.want {
			t.Errorf("NameKind(%q): got %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestDeployName(t *testing.T) {
	tests := []struct{ path, want string }{
		{"infra/main.tf", "terraform"},
		{"deploy/redis.conf", "redis"},
		{"etc/mongod.conf", "mongod"},
		{"etc/postgresql/16/main/pg_hba.conf", "pg_hba"},
		{"etc/ssh/sshd_config", "sshd"},
		{"etc/fail2ban/jail.local", "fail2ban"},
		{"etc/fail2ban/jail.d/defaults-debian.conf", "fail2ban"},
		{"gunicorn.conf.py", "gunicorn"},
		{"contrib/gunicorn.py", "gunicorn"},
		{"docker/uwsgi.ini", "uwsgi"},
		{"vercel.json", "vercel"},
		{"monitoring/alertmanager.yml", "alertmanager"},
		{"deploy/shop.service", "systemd"},
		{"Procfile", "procfile"},
		{"etc/default/ufw", "ufw"},
		{"etc/ufw/user.rules", "ufw"},
		{"scripts/provision.sh", "shell"},
		{"k8s/web.yaml", "yaml"},
		{"cfn/stack.template", "cloudformation"},
		{"package.json", ""},
		{"shop/views.py", ""},
	}
	for _, tt := range tests {
		if got := DeployName(tt.path); got != tt.want {
			t.Errorf("DeployName(%q): got %q, want %q", tt.path, got, tt.want)
		}
	}
}
