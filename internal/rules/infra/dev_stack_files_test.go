package infra

import (
	"fmt"
	"maps"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/secrets"
	"github.com/djsec/djsec/internal/testenv"
)

// TestDevStackFilesAreLow checks that the secret rules lower what only a
// compose file for development uses (its env_file, a folder its services
// mount), and keep their severity for a file a deployment's compose file
// uses too, or that a deployed image copies.
func TestDevStackFilesAreLow(t *testing.T) {
	const secret = "client_secret: 7DB3KUAAizYCcmZufpHRVOcD0TOkNO3I\n"
	const env = "SECRET_KEY=t8Kx2vQz9LmR4pWn7YcB3hJf6DsA1gEu\n"
	dir := testenv.Tree(t, map[string]string{
		".gitignore": "*.pyc\n",
		// the developers' stack: its network is named for development
		"docker-compose.yml": "services:\n  web:\n    image: shop/web\n    env_file: [docker/web.env]\n" +
			"    volumes:\n      - ./docker/setup:/app/setup\n      - ./config:/app/config\n    networks: [shop-dev]\nnetworks:\n  shop-dev: {}\n",
		// the image ships the folder the stack mounts over its copy
		"Dockerfile":             "FROM python:3.13-slim\nCOPY ./config /app/config\nUSER app\nCMD [\"gunicorn\", \"shop.wsgi\"]\n",
		"config/app.yaml":        secret,
		"docker/web.env":         env,
		"docker/setup/data.yaml": secret,
		// the deployment's stack reads the same kind of files
		"deploy/docker-compose.yml": "services:\n  web:\n    image: shop/web\n    env_file: [web.env]\n" +
			"    volumes:\n      - ./setup:/app/setup\n",
		"deploy/web.env":         env,
		"deploy/setup/data.yaml": secret,
	})
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{secrets.CommittedDotenvFile, secrets.GenericHighEntropySecret}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]report.Severity{}
	for _, f := range res.Findings {
		got[fmt.Sprintf("%s %s", f.Rule, f.Location.Path)] = f.Severity
	}
	want := map[string]report.Severity{
		"DJK201 docker/web.env": report.Low, "DJK107 docker/setup/data.yaml": report.Low,
		"DJK201 deploy/web.env": report.High, "DJK107 deploy/setup/data.yaml": report.Medium,
		"DJK107 config/app.yaml": report.Medium,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %v, want %v", k, got[k], v)
		}
	}
	if t.Failed() {
		t.Logf("all: %v", maps.Collect(maps.All(got)))
	}
}

// TestMakeTargetDevServer checks that an image whose CMD runs a make
// target that starts runserver, in a project whose Procfile runs
// gunicorn, is the developers': no root-user finding, and a low one for
// its old Python. A make target that starts gunicorn is the deployment's.
func TestMakeTargetDevServer(t *testing.T) {
	for _, tc := range []struct {
		recipe string
		want   map[string]report.Severity
	}{
		{"python manage.py runserver 0.0.0.0:8000", map[string]report.Severity{"DJI304": report.Low}},
		{"gunicorn shop.wsgi --bind 0.0.0.0:8000", map[string]report.Severity{"DJI304": report.High, "DJI301": report.Low}},
	} {
		dir := testenv.Tree(t, map[string]string{
			"Dockerfile": "FROM python:3.8.10\nWORKDIR /app\nCOPY . /app\nRUN pip install -r requirements.txt\nCMD [\"make\", \"webserver\"]\n",
			"makefile":   "clean:\n\trm -rf build\n\nwebserver:\n\t" + tc.recipe + "\n\n.PHONY: clean webserver\n",
			"Procfile":   "web: gunicorn shop.wsgi --bind 0.0.0.0:$PORT\n",
			"manage.py":  "import os\n",
		})
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{DockerfileRootUser, DockerfileBaseImage}, Now: analysistest.Now})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]report.Severity{}
		for _, f := range res.Findings {
			got[f.Rule] = f.Severity
		}
		if !maps.Equal(got, tc.want) {
			t.Errorf("make webserver running %q: %v, want %v", tc.recipe, got, tc.want)
		}
	}
}

// TestMakeTargetTestRunner checks that an image with no command whose
// RUN make target installs the test requirements is a test runner's where
// a Procfile deploys the site, and one whose target installs the
// application's requirements is not.
func TestMakeTargetTestRunner(t *testing.T) {
	for _, tc := range []struct {
		requirements string
		want         int
	}{{"requirements_test.txt", 0}, {"requirements.txt", 1}} {
		dir := testenv.Tree(t, map[string]string{
			"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nADD . /app/\nRUN make install_requirements\nEXPOSE 8010\n",
			"makefile":   "install_requirements:\n\tpip install -r " + tc.requirements + "\n",
			"Procfile":   "web: gunicorn shop.wsgi --bind 0.0.0.0:$PORT\n",
			"manage.py":  "import os\n",
		})
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{DockerfileRootUser}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != tc.want {
			t.Errorf("make install_requirements installing %s: %d findings, want %d", tc.requirements, len(res.Findings), tc.want)
		}
	}
}

// TestModWSGIDeployMakesComposeImageDev checks that an image only a
// development stack builds (the source mounted over it) is the
// developers' when an Apache virtual host of the project serves the site
// with mod_wsgi: its runserver_plus is then no deployment's. Without that
// virtual host nothing says the site is deployed another way.
func TestModWSGIDeployMakesComposeImageDev(t *testing.T) {
	for _, tc := range []struct {
		vhost string
		want  int
	}{
		{"<VirtualHost *:443>\n  WSGIDaemonProcess esp processes=4\n  WSGIScriptAlias / /srv/esp/esp.wsgi\n</VirtualHost>\n", 0},
		{"<VirtualHost *:443>\n  ProxyPass / http://127.0.0.1:8000/\n</VirtualHost>\n", 1},
	} {
		dir := testenv.Tree(t, map[string]string{
			"Dockerfile":         "FROM python:3.12-slim\nWORKDIR /app\nCOPY esp /app/esp\nEXPOSE 8000\nCMD [\"python\", \"manage.py\", \"runserver_plus\", \"0.0.0.0:8000\"]\n",
			"docker-compose.yml": "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n    ports:\n      - \"8000:8000\"\n",
			"deploy/config_templates/apache2_vhost.conf": tc.vhost,
			"esp/manage.py": "import os\n",
		})
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{DeploymentDevServer}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != tc.want {
			t.Errorf("virtual host %q: %d findings, want %d: %v", tc.vhost, len(res.Findings), tc.want, res.Findings)
		}
	}
}
