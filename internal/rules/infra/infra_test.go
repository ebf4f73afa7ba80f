package infra

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/secrets"
	"github.com/djsec/djsec/internal/testenv"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			analysistest.RequireCases(t, "testdata/"+r.ID)
			analysistest.Run(t, "testdata/"+r.ID, r)
		})
	}
}

// TestHardenedDeployment scans a deployment that gets everything right, in
// every format: no rule of the area may report anything of medium severity
// or above, every file must parse, and what is reported at low severity is
// logged (there is none today).
func TestHardenedDeployment(t *testing.T) {
	res, err := analysis.Scan(analysis.Options{Root: "testdata/integration/hardened", Rules: Rules()})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity >= report.Medium {
			t.Errorf("%s: unexpected %s finding %s: %s", f.Location, f.Severity, f.Rule, f.Message)
		} else {
			t.Logf("%s: %s %s: %s", f.Location, f.Severity, f.Rule, f.Message)
		}
	}
	for _, p := range res.Problems {
		t.Errorf("%s: problem: %s", p.Location, p.Message)
	}
}

// TestComposeSecretOfInternalDatabaseIsLow checks that a password given
// to a database that publishes no port is low, and one given to a
// published database or to the application keeps the rule's severity.
func TestComposeSecretOfInternalDatabaseIsLow(t *testing.T) {
	want := map[string]report.Severity{"POSTGRES_PASSWORD": report.Low, "REPLICA_DB_PASSWORD": report.Low, "MARIADB_ROOT_PASSWORD": report.Medium, "DJANGO_SECRET_KEY": report.Medium}
	seen := 0
	for _, f := range analysistest.Run(t, "testdata/DJI205", ComposeSecretEnvironment) {
		if f.Location.Path != "docker-compose.prod.yml" {
			continue
		}
		for name, sev := range want {
			if strings.Contains(f.Message, " "+name+" ") {
				seen++
				if f.Severity != sev {
					t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, sev)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d findings checked, want %d", seen, len(want))
	}
}

// TestDevServerBesideProductionServer checks that a project deployed with
// a production server (here its Procfile's gunicorn) keeps runserver in
// its other image without a finding: that image is for development.
func TestDevServerBesideProductionServer(t *testing.T) {
	const tree = "testdata/integration/devserver-beside-gunicorn"
	for _, f := range scanTree(t, tree, DeploymentDevServer) {
		t.Errorf("%s: unexpected finding %s: %s", f.Location, f.Rule, f.Message)
	}
	// The same image alone is reported.
	alone := copyFiles(t, tree, "docker/Dockerfile")
	if n := len(scanTree(t, alone, DeploymentDevServer)); n != 1 {
		t.Errorf("the image alone: %d findings, want 1", n)
	}
}

// TestDevServerBesideSSHDeploy checks that a project whose CI deploys
// the repository to its server over SSH, naming no container tool, keeps
// runserver in the image only a development stack builds without a
// finding, and that the same image is reported when the deployment runs
// compose on the server.
func TestDevServerBesideSSHDeploy(t *testing.T) {
	const tree = "testdata/integration/devserver-ssh-deploy"
	for _, f := range scanTree(t, tree, DeploymentDevServer) {
		t.Errorf("%s: unexpected finding %s: %s", f.Location, f.Rule, f.Message)
	}
	dir := copyFiles(t, tree, "Dockerfile", "docker-compose.yml", "requirements.txt")
	workflows := filepath.Join(dir, ".github", "workflows")
	if err := os.MkdirAll(workflows, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(tree, "deploy-images.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(workflows, "deploy.yml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(scanTree(t, dir, DeploymentDevServer)); n != 1 {
		t.Errorf("a deployment that runs compose on the server: %d findings, want 1", n)
	}
}

// TestProxyHeaderFromCDN checks that settings reading X-Forwarded-Proto
// from nginx locations that do not set it, but take the client's address
// from a proxy in front (real_ip_header), are low, and medium once
// nothing says a proxy is in front.
func TestProxyHeaderFromCDN(t *testing.T) {
	const tree = "testdata/integration/proxy-behind-cdn"
	severities := func(dir string) []report.Severity {
		var out []report.Severity
		for _, f := range scanTree(t, dir, ProxySSLHeader) {
			out = append(out, f.Severity)
		}
		return out
	}
	if got := severities(tree); len(got) != 1 || got[0] != report.Low {
		t.Errorf("behind a CDN: severities %v, want one low", got)
	}
	dir := t.TempDir()
	for _, name := range []string{"manage.py", "www/__init__.py", "www/settings.py", "deploy/nginx.conf"} {
		data, err := os.ReadFile(filepath.Join(tree, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "deploy/nginx.conf" {
			data = []byte(strings.NewReplacer("set_real_ip_from 173.245.48.0/20;", "", "real_ip_header X-Forwarded-For;", "").Replace(string(data)))
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := severities(dir); len(got) != 1 || got[0] != report.Medium {
		t.Errorf("without a proxy in front: severities %v, want one medium", got)
	}
}

// TestDevServerOnABranch checks that an entry-point script that runs the
// development server on one branch and uwsgi on the other counts as a
// production server's start, and that one that only mentions uwsgi (in a
// comment, an echo) does not.
func TestDevServerOnABranch(t *testing.T) {
	const tree = "testdata/integration/devserver-branch"
	for _, f := range scanTree(t, tree, DeploymentDevServer) {
		t.Errorf("%s: unexpected finding %s: %s", f.Location, f.Rule, f.Message)
	}
	dir := copyFiles(t, tree, "Dockerfile")
	echo, err := os.ReadFile(filepath.Join(tree, "entrypoint-echo.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "entrypoint.sh"), echo, 0o755); err != nil {
		t.Fatal(err)
	}
	if n := len(scanTree(t, dir, DeploymentDevServer)); n != 1 {
		t.Errorf("a script that only mentions uwsgi: %d findings, want 1", n)
	}
}

// TestDevServerInLocalProcfile checks that a Procfile one of whose
// processes starts docker compose is a local process manager's, whose
// runserver is no finding, and that the same Procfile without that
// process is reported.
func TestDevServerInLocalProcfile(t *testing.T) {
	const tree = "testdata/integration/devserver-honcho"
	for _, f := range scanTree(t, tree, DeploymentDevServer) {
		t.Errorf("%s: unexpected finding %s: %s", f.Location, f.Rule, f.Message)
	}
	data, err := os.ReadFile(filepath.Join(tree, "Procfile"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, web, _ := strings.Cut(string(data), "\n")
	if err := os.WriteFile(filepath.Join(dir, "Procfile"), []byte(web), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(scanTree(t, dir, DeploymentDevServer)); n != 1 {
		t.Errorf("without the compose process: %d findings, want 1", n)
	}
}

// TestDevServerBesideEmbeddedServer checks that a Procfile whose web
// process runs a script serving the site with gevent's WSGIServer counts
// as a production server, and that a script that imports none does not.
func TestDevServerBesideEmbeddedServer(t *testing.T) {
	const tree = "testdata/integration/devserver-beside-gevent"
	for _, f := range scanTree(t, tree, DeploymentDevServer) {
		t.Errorf("%s: unexpected finding %s: %s", f.Location, f.Rule, f.Message)
	}
	// With an app.py that serves nothing, runserver is what runs.
	plain := copyFiles(t, tree, "Dockerfile", "Procfile", "web.sh")
	if err := os.WriteFile(filepath.Join(plain, "app.py"), []byte("import os\n\nprint(os.environ.get(\"PORT\"))\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(scanTree(t, plain, DeploymentDevServer)); n != 1 {
		t.Errorf("with a script that serves nothing: %d findings, want 1", n)
	}
}

// TestDevServerImageAloneRunsAsRoot checks that the development image of
// testdata/DJI301/devserver, left alone there because its Procfile deploys
// with gunicorn, is reported when nothing else starts a production server.
func TestDevServerImageAloneRunsAsRoot(t *testing.T) {
	alone := copyFiles(t, "testdata/DJI301/devserver", "Dockerfile")
	if n := len(scanTree(t, alone, DockerfileRootUser)); n != 1 {
		t.Errorf("the image alone: %d findings, want 1", n)
	}
}

// TestDevBuiltImageAloneRunsAsRoot checks that the image of
// testdata/DJI301/devbuilt-alone, left alone there because only a
// development stack builds it while the tree holds images it deploys, is
// reported when it is the project's only image.
func TestDevBuiltImageAloneRunsAsRoot(t *testing.T) {
	alone := copyFiles(t, "testdata/DJI301/devbuilt-alone", "Dockerfile", "docker-compose.yml")
	if n := len(scanTree(t, alone, DockerfileRootUser)); n != 1 {
		t.Errorf("the image alone: %d findings, want 1", n)
	}
}

// scanTree runs one rule over a tree and returns its findings.
func scanTree(t *testing.T, root string, rule *analysis.Rule) []report.Finding {
	t.Helper()
	res, err := analysis.Scan(analysis.Options{Root: root, Rules: []*analysis.Rule{rule}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// copyFiles copies files of tree, by their paths in it, into the top of a
// new temporary folder, which it returns.
func copyFiles(t *testing.T, tree string, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(tree, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRootInitContainerIsLow checks that root in an init container, which
// runs once before the pod serves anything, is low, and root in a
// container that serves keeps the rule's medium.
func TestRootInitContainerIsLow(t *testing.T) {
	seen := 0
	for _, f := range analysistest.Run(t, "testdata/DJI701", K8sPrivileged) {
		if !strings.Contains(f.Message, "as root (runAsUser: 0)") {
			continue
		}
		seen++
		want := report.Medium
		if strings.Contains(f.Message, "init container") {
			want = report.Low
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	if seen != 2 {
		t.Errorf("%d root findings checked, want 2", seen)
	}
}

// TestComposeSecretInDevelopmentFileIsLow checks that a credential in a
// development compose file is low, on a service that publishes a port:
// one in a folder named dev, one in a folder named for it by a word
// (tools/local-dev), one whose services say ENV: dev, one that mounts a
// folder of the developer's home.
func TestComposeSecretInDevelopmentFileIsLow(t *testing.T) {
	n := 0
	for _, f := range analysistest.Run(t, "testdata/DJI205", ComposeSecretEnvironment) {
		switch f.Location.Path {
		case "dev/docker-compose.yml", "stack/docker-compose.yml", "cluster/docker-compose.yml", "tools/local-dev/docker-compose.yml":
		default:
			continue
		}
		n++
		if f.Severity != report.Low {
			t.Errorf("%s: got %s, want low: %s", f.Location, f.Severity, f.Message)
		}
	}
	if n != 4 {
		t.Errorf("got %d findings in the development compose files, want 4", n)
	}
}

// TestProxySchemeBehindCDNIsLow checks that a server behind a proxy that
// sets X-Forwarded-Proto, and missing only that header, is low.
func TestProxySchemeBehindCDNIsLow(t *testing.T) {
	for _, f := range analysistest.Run(t, "testdata/DJI112", NginxProxyHeaders) {
		if low := strings.Contains(f.Message, "unless the proxy in front"); low != (f.Severity == report.Low) {
			t.Errorf("%s: %s %q", f.Location, f.Severity, f.Message)
		}
	}
}

// TestCopiedScriptIsTheOneRun checks that the script a Dockerfile runs is
// the one its own COPY puts in the image (scripts/prod/start.sh, which
// starts gunicorn), not another of the same name (scripts/dev/start.sh,
// which starts runserver).
func TestCopiedScriptIsTheOneRun(t *testing.T) {
	res, err := analysis.Scan(analysis.Options{Root: "testdata/dji405-copied", Rules: []*analysis.Rule{DeploymentDevServer}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		t.Errorf("%s: unexpected finding %s: %s", f.Location, f.Rule, f.Message)
	}
}

// TestEndOfLifeBaseOSInDevelopmentIsLow checks that an end-of-life
// operating system is medium in the images that ship, and low in one kept
// for development.
func TestEndOfLifeBaseOSInDevelopmentIsLow(t *testing.T) {
	seen := 0
	for _, f := range analysistest.Run(t, "testdata/DJI304", DockerfileBaseImage) {
		if !strings.Contains(f.Message, "system libraries") {
			continue
		}
		seen++
		want := report.Medium
		if strings.HasPrefix(f.Location.Path, "os/dev/") || strings.HasPrefix(f.Location.Path, "os/wheels/") {
			want = report.Low // a development image, and one that only builds a wheel
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	if seen != 10 {
		t.Errorf("%d base-OS findings, want 10", seen)
	}
}

// TestListingOfPublishedFilesIsLow checks that autoindex on in a location
// named for downloads or static files is low, and elsewhere medium.
func TestListingOfPublishedFilesIsLow(t *testing.T) {
	low, other := 0, 0
	for _, f := range analysistest.Run(t, "testdata/DJI107", NginxAutoindex) {
		want := report.Medium
		if strings.Contains(f.Message, "named for downloads") || strings.Contains(f.Message, "serves static files") {
			want = report.Low
			low++
		} else {
			other++
		}
		if f.Severity != want {
			t.Errorf("%s: %s at %v, want %v", f.Location, f.Message, f.Severity, want)
		}
	}
	if low != 2 || other != 3 {
		t.Errorf("%d low and %d other findings, want 2 and 3", low, other)
	}
}

// TestDevComposeSecretsAreLow checks that the values the secrets rules
// find in a development compose file (a connection URI, a Django key) are
// reported once each, low, by the compose rule in their place.
func TestDevComposeSecretsAreLow(t *testing.T) {
	rules := append([]*analysis.Rule{ComposeSecretEnvironment}, secrets.Rules()...)
	res, err := analysis.Scan(analysis.Options{Root: "testdata/dev-secrets", Rules: rules, Tests: analysis.TestsAsIs})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int]int{}
	for _, f := range res.Findings {
		if f.Location.Path != "dev/docker-compose.yml" {
			continue
		}
		lines[f.Location.Line]++
		if f.Severity != report.Low || f.Rule != ComposeSecretEnvironment.ID {
			t.Errorf("%s: %s %s: %s, want the compose rule's low finding alone", f.Location, f.Rule, f.Severity, f.Message)
		}
	}
	if lines[8] != 1 || lines[9] != 1 {
		t.Errorf("findings by line %v, want one on line 8 and one on line 9", lines)
	}
}

// TestDevBuiltImageBesideBuildpack checks that the image of
// testdata/DJI301/devbuilt-alone is left alone when the project deploys
// with a buildpack instead (a Procfile's web process, a Cloud Foundry
// manifest), and not when the Procfile does not start a production
// server, or when an image is published (heroku.yml, a CI workflow that
// pushes one).
func TestDevBuiltImageBesideBuildpack(t *testing.T) {
	for _, tc := range []struct {
		file, content string
		want          int
	}{
		{"Procfile", "release: python manage.py migrate\nweb: gunicorn shop.wsgi --bind 0.0.0.0:$PORT\n", 0},
		{"manifest-production.yml", "applications:\n- name: shop\n  buildpack: python_buildpack\n", 0},
		{"Procfile", "web: bin/run.sh\n", 0},
		{"Procfile", "web: python manage.py runserver 0.0.0.0:$PORT\n", 1},
		{"Procfile", "web: make run\n", 1},
		{"heroku.yml", "build:\n  docker:\n    web: Dockerfile\n", 1},
		{".github/workflows/publish.yml", "jobs:\n  image:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n", 1},
	} {
		dir := copyFiles(t, "testdata/DJI301/devbuilt-alone", "Dockerfile", "docker-compose.yml")
		os.MkdirAll(filepath.Join(dir, "bin"), 0o755)
		os.WriteFile(filepath.Join(dir, "bin/run.sh"), []byte("#!/bin/bash\npython manage.py migrate --noinput\ngunicorn shop.wsgi:application\n"), 0o755)
		if tc.file == "heroku.yml" || strings.HasPrefix(tc.file, ".github") {
			// published images sit beside a buildpack's Procfile
			os.WriteFile(filepath.Join(dir, "Procfile"), []byte("web: gunicorn shop.wsgi\n"), 0o644)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, tc.file)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if n := len(scanTree(t, dir, DockerfileRootUser)); n != tc.want {
			t.Errorf("beside %s %q: %d findings, want %d", tc.file, tc.content, n, tc.want)
		}
	}
}

// TestForwardedTrustBesideDjangoSchemeHeader checks that gunicorn trusting
// X-Forwarded-Proto from anyone is low when the production settings set
// SECURE_PROXY_SSL_HEADER: Django takes the scheme from the header then,
// whatever gunicorn says.
func TestForwardedTrustBesideDjangoSchemeHeader(t *testing.T) {
	fs := analysistest.Run(t, "testdata/dji506-django-scheme", AppServerTrustsAll)
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	if f := fs[0]; f.Severity != report.Low || !strings.Contains(f.Message, "shop.settings's SECURE_PROXY_SSL_HEADER already takes the scheme") {
		t.Errorf("%s: %s %s, want low and naming the settings", f.Location, f.Severity, f.Message)
	}
}

// TestMockImageBesidePublishedImage checks that an image only a
// development stack builds (a mock of a partner's API) is left alone when
// the CI files name every image they publish, even though a deployment
// stack pulls the application's image by name; and that it is reported
// when CI publishes it too, or when what CI builds is not known.
func TestMockImageBesidePublishedImage(t *testing.T) {
	files := map[string]string{
		"Dockerfile":                        "FROM python:3.12-slim\nRUN pip install gunicorn\nUSER app\nCMD [\"gunicorn\", \"shop.wsgi\"]\n",
		"docker-compose.yml":                "services:\n  web:\n    image: example/shop:latest\n    ports:\n      - \"8000:8000\"\n",
		"docker/partner-api/Dockerfile":     "FROM python:3.12-slim\nRUN pip install flask\nCMD [\"flask\", \"run\", \"--host\", \"0.0.0.0\"]\n",
		"docker/docker-compose.partner.yml": "services:\n  partner:\n    build: ./partner-api\n    volumes:\n      - ./partner-api/:/app/\n",
	}
	for _, tc := range []struct {
		workflow string
		want     int
	}{
		{"      - run: |\n          docker build . \\\n            --tag example/shop:$TAG \\\n            --build-arg RELEASE=$TAG\n          docker push example/shop:$TAG\n", 0},
		{"      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          push: true\n", 0},
		{"      - uses: docker/build-push-action@v6\n        with:\n          context: docker/partner-api\n          push: true\n", 1},
		{"      - run: docker build -f docker/partner-api/Dockerfile docker/partner-api && docker push example/partner\n", 1},
		{"      - run: docker build ${{ matrix.context }} -t example/shop && docker push example/shop\n", 1},
		{"      - run: docker compose build && docker compose push\n", 1},
		{"", 1},
	} {
		for _, mock := range []string{"docker/partner-api/Dockerfile", "docker/partner-api/Dockerfile.prod"} {
			tree := map[string]string{}
			for name, content := range files {
				if name == "docker/partner-api/Dockerfile" {
					name = mock
				}
				if name == "docker/docker-compose.partner.yml" && strings.HasSuffix(mock, ".prod") {
					content = "services:\n  partner:\n    build:\n      context: ./partner-api\n      dockerfile: Dockerfile.prod\n" +
						"    volumes:\n      - ./partner-api/:/app/\n"
				}
				tree[name] = content
			}
			if tc.workflow != "" {
				tree[".github/workflows/release.yml"] = "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n" + tc.workflow
			}
			dir := testenv.Tree(t, tree)
			want := tc.want
			if strings.HasSuffix(mock, ".prod") {
				want = 1 // named for production: shipped some way the tree does not show
			}
			if n := len(scanTree(t, dir, DockerfileRootUser)); n != want {
				t.Errorf("%s with CI %q: %d findings, want %d", mock, tc.workflow, n, want)
			}
		}
	}
}

// TestNginxOfDevelopmentStack checks that an nginx configuration that only
// a development stack mounts into its nginx (a CI stack's mock endpoints)
// is not judged as the site's proxy, and that it is when a deployment
// stack mounts it too.
func TestNginxOfDevelopmentStack(t *testing.T) {
	conf := "server {\n  listen 80;\n  server_name shop.example.org;\n  location / {\n    proxy_pass http://web:8000;\n  }\n}\n"
	ci := "services:\n  mocks:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/site.conf:/etc/nginx/conf.d/default.conf\n"
	for _, tc := range []struct {
		files map[string]string
		want  int
	}{
		{map[string]string{"docker/nginx/site.conf": conf, "docker/docker-compose.ci.yml": ci}, 0},
		{map[string]string{"docker/nginx/site.conf": conf, "docker/docker-compose.ci.yml": ci, "docker/docker-compose.prod.yml": ci}, 1},
		{map[string]string{"docker/nginx/site.conf": conf, "docker/docker-compose.prod.yml": ci}, 1},
	} {
		dir := testenv.Tree(t, tc.files)
		if n := len(scanTree(t, dir, NginxNoRateLimit)); n != tc.want {
			t.Errorf("with %d files: %d findings, want %d", len(tc.files), n, tc.want)
		}
	}
}

// TestDevTargetOfProductionDockerfile checks that a compose stack that
// builds only the development stage of a Dockerfile whose production
// stage deploys does not make that Dockerfile a developer's, though a
// comment says the stage serves local development, and that the
// datastore image only that stack builds is: reported once the stack
// builds the production stage too.
func TestDevTargetOfProductionDockerfile(t *testing.T) {
	root := "FROM python:3.8-slim AS base\nRUN pip install -r requirements.txt\n" +
		"# Build the development image: used for local development with docker-compose.\n" +
		"FROM base AS development\nCMD [\"python\", \"manage.py\", \"runserver\"]\n" +
		"FROM base AS production\nUSER app\nCMD [\"gunicorn\", \"shop.wsgi\"]\n"
	db := "FROM postgres:13-bullseye\nRUN apt-get update && apt-get install -y postgis\n"
	compose := func(target string) string {
		return "services:\n  db:\n    build: ./docker/db/\n  web:\n    build:\n      context: ./\n" + target +
			"    environment:\n      DEV_SERVER: 1\n    volumes:\n      - .:/app\n"
	}
	for _, tc := range []struct {
		target string
		want   []string
	}{
		{"      target: development\n", []string{"Dockerfile"}},
		{"", []string{"Dockerfile", "docker/db/Dockerfile"}},
	} {
		dir := testenv.Tree(t, map[string]string{"Dockerfile": root, "docker/db/Dockerfile": db, "docker-compose.yml": compose(tc.target)})
		var got []string
		for _, f := range scanTree(t, dir, DockerfileBaseImage) {
			if f.Severity >= report.Medium { // a development image's is low
				got = append(got, f.Location.Path)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("with target %q: findings in %v, want %v", tc.target, got, tc.want)
		}
	}
}

// TestTestRunnerImageBesideBuildpack checks that an image with no command
// that installs the test requirements is left alone when a buildpack
// deploys the site, and reported when a deployment stack pulls an
// application image (which may be it, with a command of the stack's) or
// when nothing else deploys the site.
func TestTestRunnerImageBesideBuildpack(t *testing.T) {
	runner := "FROM python:3.12-slim\nRUN pip install -r requirements.txt\nRUN pip install -r requirements_test.txt\n"
	for _, tc := range []struct {
		files map[string]string
		want  int
	}{
		{map[string]string{"Dockerfile": runner, "Procfile": "web: gunicorn shop.wsgi\n"}, 0},
		{map[string]string{"Dockerfile": runner, "Procfile": "web: gunicorn shop.wsgi\n",
			"docker-compose.prod.yml": "services:\n  web:\n    image: example/shop:1.0\n    command: gunicorn shop.wsgi\n"}, 1},
		{map[string]string{"Dockerfile": runner}, 1},
	} {
		if n := len(scanTree(t, testenv.Tree(t, tc.files), DockerfileRootUser)); n != tc.want {
			t.Errorf("with %d files: %d findings, want %d", len(tc.files), n, tc.want)
		}
	}
}

// TestLocalDevelopmentFolder checks that an nginx configuration in a
// folder whose name runs "local" and "development" together is the
// developers' proxy, and one in a deployment folder is judged.
func TestLocalDevelopmentFolder(t *testing.T) {
	conf := "server {\n  listen 80;\n  server_name shop.example.org;\n  location / {\n    proxy_pass http://web:8000;\n  }\n}\n"
	for dir, want := range map[string]int{"localdevelopment/nginx": 0, "localdev": 0, "deploy/nginx": 1} {
		tree := testenv.Tree(t, map[string]string{dir + "/nginx.conf": conf})
		if n := len(scanTree(t, tree, NginxNoRateLimit)); n != want {
			t.Errorf("%s/nginx.conf: %d findings, want %d", dir, n, want)
		}
	}
}

// TestProxySchemeDjangoDoesNotReadIsLow checks that a TLS server missing
// only X-Forwarded-Proto is low when no production settings set
// SECURE_PROXY_SSL_HEADER: Django reads no such header until they do.
func TestProxySchemeDjangoDoesNotReadIsLow(t *testing.T) {
	fs := analysistest.Run(t, "testdata/dji112-no-scheme-setting", NginxProxyHeaders)
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	for _, f := range fs {
		if low := strings.Contains(f.Message, "SECURE_PROXY_SSL_HEADER"); low != (f.Severity == report.Low) {
			t.Errorf("%s: %s %q", f.Location, f.Severity, f.Message)
		}
	}
}

// TestOneProblemPerUnreadableFile checks that a file a parser cannot read
// is one problem, at its first error, with a count of the others: a
// Dockerfile that is really something else fails on every line.
func TestOneProblemPerUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("docker/Dockerfile.web", "- hosts: all\n  roles:\n    - build\nFROM python:3.12-slim\n")
	write("deploy/nginx/site.conf", "server {\n  listen 80\n  location / {\n")
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: Rules()})
	if err != nil {
		t.Fatal(err)
	}
	perFile := map[string][]string{}
	for _, p := range res.Problems {
		perFile[p.Location.Path] = append(perFile[p.Location.Path], p.Location.String()+": "+p.Message)
	}
	for _, name := range []string{"docker/Dockerfile.web", "deploy/nginx/site.conf"} {
		if len(perFile[name]) != 1 {
			t.Errorf("%s: want one problem, got %q", name, perFile[name])
		}
	}
	if got := perFile["docker/Dockerfile.web"]; len(got) == 1 && (!strings.Contains(got[0], ":1:") || !strings.Contains(got[0], "(and 2 more errors)")) {
		t.Errorf("Dockerfile problem: want the first error at line 1 and the count of the other two, got %q", got[0])
	}
}

// TestSchemeOfWebSocketLocationsAlone checks that DJI403 reads a TLS
// server whose only proxy_pass is a location for WebSockets as no
// evidence that Django needs SECURE_PROXY_SSL_HEADER (its pages go
// through uwsgi_pass, which passes HTTPS itself), while the same server
// passing pages with proxy_pass is reported.
func TestSchemeOfWebSocketLocationsAlone(t *testing.T) {
	settings := "DEBUG = False\nALLOWED_HOSTS = ['shop.example.com']\nSECRET_KEY = __import__('os').environ['SECRET_KEY']\n" +
		"ROOT_URLCONF = 'shop.urls'\nINSTALLED_APPS = []\nMIDDLEWARE = []\n"
	ws := "    location /ws {\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n" +
		"        proxy_set_header Connection \"upgrade\";\n        proxy_pass http://daphne:8001;\n    }\n"
	for _, tc := range []struct {
		pages string
		want  int
	}{
		{"    location / {\n        include uwsgi_params;\n        uwsgi_pass django;\n    }\n", 0},
		{"    location / {\n        proxy_pass http://web:8000;\n    }\n", 1},
	} {
		dir := testenv.Tree(t, map[string]string{
			"manage.py":              "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
			"shop/__init__.py":       "",
			"shop/settings.py":       settings,
			"deploy/nginx/site.conf": "server {\n    listen 443 ssl;\n    server_name shop.example.com;\n" + tc.pages + ws + "}\n",
		})
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{ProxySSLHeader}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != tc.want {
			t.Errorf("pages %q: got %d findings, want %d", tc.pages, len(res.Findings), tc.want)
		}
	}
}
