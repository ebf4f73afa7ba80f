package probe

// Real servers for the probe's tests: a small Django site under gunicorn
// behind nginx with a certificate made here, Redis, and FerretDB (a real
// server speaking MongoDB's protocol). Each starts on 127.0.0.1 on a free
// port in t.TempDir() and stops with the test; a missing binary skips the
// test with the Debian package to install.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

// need returns the path of a binary or skips the test, naming the package.
func need(t *testing.T, bin, pkg string) string {
	t.Helper()
	if p, err := exec.LookPath(bin); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/bin"} {
		if p := filepath.Join(dir, bin); fileExists(p) {
			return p
		}
	}
	testenv.Missing(t, bin, "apt-get install "+pkg)
	return ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitPort waits until something accepts connections on port.
func waitPort(t *testing.T, port int, what string, logf func() string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not start on port %d: %s", what, port, logf())
}

// startProcess runs a server in the background and stops it when the test
// ends.
func startProcess(t *testing.T, name string, env []string, args ...string) *bytes.Buffer {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &syncWriter{w: &out}, &syncWriter{w: &out}
	// Its own process group, so that stopping it stops its workers too
	// (gunicorn and nginx fork; orphans would keep ports and pipes).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	return &out
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

// testPKI is a CA and a server certificate for localhost signed by it.
type testPKI struct {
	CAFile, CertFile, KeyFile string
	Pool                      *x509.CertPool
}

func makePKI(t *testing.T, dir string, notAfter time.Time) *testPKI {
	t.Helper()
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "djsec test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(10 * 365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: notAfter,
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	p := &testPKI{CAFile: filepath.Join(dir, "ca.pem"), CertFile: filepath.Join(dir, "cert.pem"), KeyFile: filepath.Join(dir, "key.pem"), Pool: x509.NewCertPool()}
	p.Pool.AddCert(caCert)
	writePEM(t, p.CAFile, "CERTIFICATE", caDER)
	writePEM(t, p.CertFile, "CERTIFICATE", der)
	writePEM(t, p.KeyFile, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	return p
}

func writePEM(t *testing.T, name, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(name, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
}

// liveSite is a running Django site behind nginx.
type liveSite struct {
	URL      string // https://localhost:PORT/
	HTTPPort int
	PKI      *testPKI
	Dir      string
}

var (
	migrateOnce sync.Once
	migratedDB  []byte
	migrateErr  error
)

// djangoPython returns Debian's interpreter when it has Django: the python3
// first on PATH may be another one.
func djangoPython(t *testing.T) string {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import django, gunicorn").Run(); err != nil {
		testenv.Missing(t, "Django or gunicorn for /usr/bin/python3", "apt-get install python3-django gunicorn")
	}
	return py
}

// startSite generates the test project into a temporary directory, runs it
// under gunicorn and puts nginx in front with TLS. variant is "insecure",
// "middling" or "hardened".
func startSite(t *testing.T, variant string) *liveSite {
	t.Helper()
	py := djangoPython(t)
	nginx := need(t, "nginx", "nginx-light")
	dir := t.TempDir()
	// nginx workers run as nobody: they must reach the files they serve.
	tmp := filepath.Clean(os.TempDir())
	for d := dir; strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		_ = os.Chmod(d, 0o755)
	}
	site := filepath.Join(dir, "site")
	if err := copyTree("testdata/site", site); err != nil {
		t.Fatal(err)
	}
	env := []string{"DJSEC_VARIANT=" + variant, "PYTHONDONTWRITEBYTECODE=1"}
	migrateOnce.Do(func() {
		cmd := exec.Command(py, "manage.py", "migrate", "--noinput")
		cmd.Dir, cmd.Env = site, append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			migrateErr = fmt.Errorf("migrate: %v: %s", err, out)
			return
		}
		migratedDB, migrateErr = os.ReadFile(filepath.Join(site, "db.sqlite3"))
	})
	if migrateErr != nil {
		t.Fatal(migrateErr)
	}
	must(t, os.WriteFile(filepath.Join(site, "db.sqlite3"), migratedDB, 0o666))
	must(t, os.MkdirAll(filepath.Join(site, "static", "css"), 0o755))
	must(t, os.WriteFile(filepath.Join(site, "static", "css", "site.css"), []byte("body{}\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(site, "media", "invoices"), 0o755))
	must(t, os.WriteFile(filepath.Join(site, "media", "invoices", "2024-001.pdf"), []byte("%PDF-1.4\n"), 0o644))
	if variant == "insecure" {
		// What a careless deploy leaves in the served directory.
		must(t, os.WriteFile(filepath.Join(site, ".env"), []byte("DJANGO_SECRET_KEY=not-so-secret\nDATABASE_URL=postgres://shop:hunter2@db/shop\n"), 0o644))
		must(t, os.MkdirAll(filepath.Join(site, ".git"), 0o755))
		must(t, os.WriteFile(filepath.Join(site, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644))
		must(t, os.WriteFile(filepath.Join(site, ".git", "config"), []byte("[core]\n\trepositoryformatversion = 0\n"), 0o644))
		settings, _ := os.ReadFile(filepath.Join(site, "site_app", "settings.py"))
		must(t, os.WriteFile(filepath.Join(site, "settings.py.bak"), settings, 0o644))
	}
	must(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, 0o755)
		}
		return os.Chmod(p, 0o644)
	}))

	gport := freePort(t)
	glog := startProcess(t, py, append(env, "PYTHONPATH="+site), "-m", "gunicorn", "--chdir", site,
		"--bind", "127.0.0.1:"+strconv.Itoa(gport), "--workers", "2", "--threads", "4", "--timeout", "30", "site_app.wsgi:application")
	waitPort(t, gport, "gunicorn", glog.String)

	pki := makePKI(t, dir, time.Now().Add(365*24*time.Hour))
	tport, hport := freePort(t), freePort(t)
	conf := nginxConf(variant, dir, site, pki, gport, tport, hport)
	must(t, os.MkdirAll(filepath.Join(dir, "nginx"), 0o777))
	must(t, os.Chmod(filepath.Join(dir, "nginx"), 0o777)) // workers write temp files
	confFile := filepath.Join(dir, "nginx", "nginx.conf")
	must(t, os.WriteFile(confFile, []byte(conf), 0o644))
	nlog := startProcess(t, nginx, nil, "-p", filepath.Join(dir, "nginx"), "-c", confFile, "-e", filepath.Join(dir, "nginx", "error.log"))
	waitPort(t, tport, "nginx", func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "nginx", "error.log"))
		return nlog.String() + string(b)
	})
	waitPort(t, hport, "nginx (plain HTTP)", nlog.String)
	warmUp(t, tport, glog.String)
	return &liveSite{URL: fmt.Sprintf("https://localhost:%d/", tport), HTTPPort: hport, PKI: pki, Dir: dir}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func nginxConf(variant, dir, site string, pki *testPKI, gport, tport, hport int) string {
	user := ""
	if os.Geteuid() == 0 {
		user = "user nobody nogroup;"
	}
	common := fmt.Sprintf(`
%s
worker_processes 1;
daemon off;
master_process on;
pid %[2]s/nginx/nginx.pid;
error_log %[2]s/nginx/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path %[2]s/nginx/body;
  proxy_temp_path %[2]s/nginx/proxy;
  fastcgi_temp_path %[2]s/nginx/fastcgi;
  uwsgi_temp_path %[2]s/nginx/uwsgi;
  scgi_temp_path %[2]s/nginx/scgi;
  upstream django { server 127.0.0.1:%[3]d; }
  limit_req_zone $binary_remote_addr zone=login:1m rate=30r/m;
`, user, dir, gport)
	proxy := `proxy_pass http://django; proxy_set_header Host $http_host; proxy_set_header X-Forwarded-Proto https;`
	tlsFiles := fmt.Sprintf("ssl_certificate %s; ssl_certificate_key %s;", pki.CertFile, pki.KeyFile)
	if variant == "insecure" {
		return common + fmt.Sprintf(`
  server {
    listen 127.0.0.1:%[1]d ssl;
    server_name localhost;
    %[2]s
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    ssl_ciphers DEFAULT:@SECLEVEL=0;
    gzip on;   # Django's pages too: BREACH
    location /static/ { alias %[3]s/static/; autoindex on; }
    location /media/ { alias %[3]s/media/; autoindex on; }
    location / { root %[3]s; try_files $uri @django; }
    location @django { %[4]s }
  }
  server {
    listen 127.0.0.1:%[5]d;
    server_name localhost;
    location / { proxy_pass http://django; proxy_set_header Host $http_host; }
  }
}
`, tport, tlsFiles, site, proxy, hport)
	}
	if variant == "middling" {
		// TLS 1.2 and 1.3, dotfiles denied, no listings, but no HSTS,
		// no CSP, the nginx version shown, and no default server.
		return common + fmt.Sprintf(`
  server {
    listen 127.0.0.1:%[1]d ssl;
    server_name localhost;
    %[2]s
    ssl_protocols TLSv1.2 TLSv1.3;
    location ~ /\. { deny all; }
    location /static/ { alias %[3]s/static/; }
    location /media/ { alias %[3]s/media/; }
    location / { %[4]s }
  }
  server {
    listen 127.0.0.1:%[5]d;
    return 301 https://$host:%[1]d$request_uri;
  }
}
`, tport, tlsFiles, site, proxy, hport)
	}
	return common + fmt.Sprintf(`
  server {
    listen 127.0.0.1:%[1]d ssl default_server;
    server_name _;
    %[2]s
    ssl_protocols TLSv1.2 TLSv1.3;   # the default server's protocols are the ones negotiated
    return 444;
  }
  server {
    listen 127.0.0.1:%[1]d ssl;
    server_name localhost 127.0.0.1;
    %[2]s
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    server_tokens off;
    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
    add_header Content-Security-Policy "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'" always;
    add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=()" always;
    add_header Cross-Origin-Opener-Policy same-origin always;
    add_header Cross-Origin-Resource-Policy same-origin always;
    location ~ /\. { deny all; }
    location /static/ { alias %[3]s/static/; }
    location /media/ { alias %[3]s/media/; }
    location /backstage/login/ { limit_req zone=login burst=5 nodelay; limit_req_status 429; %[4]s }
    location / { %[4]s }
  }
  server {
    listen 127.0.0.1:%[5]d;
    return 301 https://$host:%[1]d$request_uri;
  }
}
`, tport, tlsFiles, site, proxy, hport)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// startRedis runs redis-server without a password (or with one).
func startRedis(t *testing.T, password string) int {
	t.Helper()
	bin := need(t, "redis-server", "redis-server")
	port := freePort(t)
	args := []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir(), "--protected-mode", "no"}
	if password != "" {
		args = append(args, "--requirepass", password)
	}
	out := startProcess(t, bin, nil, args...)
	waitPort(t, port, "redis-server", out.String)
	return port
}

// ferretDB returns a FerretDB binary: $DJSEC_FERRETDB, ferretdb on PATH,
// one built earlier into the user cache directory, or, with DJSEC_LONG=1,
// one built now from the module proxy (the recipe in buildFerretDB, a minute or
// two). Otherwise it skips the test, in one line saying how to get one.
func ferretDB(t *testing.T) string {
	t.Helper()
	bin, err := ferretBuild.wait()
	if err != nil {
		testenv.Missing(t, "FerretDB (a MongoDB-protocol server)", err.Error())
	}
	return bin
}

// ferretBuild finds or builds FerretDB once per test binary. TestMain
// starts it in the background, so that the build overlaps the other tests.
var ferretBuild = &lazyBuild{}

type lazyBuild struct {
	once sync.Once
	done chan struct{}
	bin  string
	err  error
}

func (b *lazyBuild) start() {
	b.once.Do(func() {
		b.done = make(chan struct{})
		go func() {
			defer close(b.done)
			b.bin, b.err = findOrBuildFerretDB()
		}()
	})
}

func (b *lazyBuild) wait() (string, error) {
	b.start()
	<-b.done
	return b.bin, b.err
}

func findOrBuildFerretDB() (string, error) {
	if p := os.Getenv("DJSEC_FERRETDB"); p != "" {
		if !fileExists(p) {
			return "", fmt.Errorf("DJSEC_FERRETDB=%s does not exist", p)
		}
		return p, nil
	}
	if p, err := exec.LookPath("ferretdb"); err == nil {
		return p, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory to build it in (%v): set DJSEC_FERRETDB to a ferretdb binary", err)
	}
	bin := filepath.Join(cache, "djsec-ferretdb", "ferretdb")
	if fileExists(bin) {
		return bin, nil
	}
	if !testenv.Long() {
		return "", fmt.Errorf("set %s=1 to build it into %s (a minute or two; .ci/run does), or DJSEC_FERRETDB to a ferretdb binary", testenv.LongVar, filepath.Dir(bin))
	}
	if err := buildFerretDB(filepath.Dir(bin)); err != nil {
		return "", fmt.Errorf("cannot build it: %v", err)
	}
	return bin, nil
}

func buildFerretDB(dir string) error {
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"go.mod":   "module ferretdbbuild\n\ngo 1.26\n",
		"tools.go": "//go:build tools\n\npackage tools\n\nimport _ \"github.com/FerretDB/FerretDB/cmd/ferretdb\"\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run := func(args ...string) error {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "CGO_ENABLED=0", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, lastLines(out, 5))
		}
		return nil
	}
	if err := run("get", "github.com/FerretDB/FerretDB@v1.24.0"); err != nil {
		return err
	}
	if err := run("mod", "tidy"); err != nil {
		return err
	}
	if err := run("mod", "vendor"); err != nil {
		return err
	}
	vdir := filepath.Join(src, "vendor", "github.com", "FerretDB", "FerretDB", "build", "version")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(vdir, "version.txt"), []byte("v1.24.0"), 0o644); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-mod=vendor", "-o", filepath.Join(dir, "ferretdb"), "github.com/FerretDB/FerretDB/cmd/ferretdb")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v: %s", err, lastLines(out, 5))
	}
	return nil
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "; ")
}

// startFerretDB runs FerretDB with its SQLite backend, no authentication.
func startFerretDB(t *testing.T) int {
	t.Helper()
	bin := ferretDB(t)
	port := freePort(t)
	dir := t.TempDir()
	out := startProcess(t, bin, nil, "--handler=sqlite", "--sqlite-url=file:"+dir+"/", "--listen-addr=127.0.0.1:"+strconv.Itoa(port),
		"--telemetry=disable", "--log-level=error", "--state-dir="+dir)
	waitPort(t, port, "ferretdb", out.String)
	return port
}

// warmUp waits for Django to answer through nginx: gunicorn binds its port
// before its workers have imported the application.
func warmUp(t *testing.T, port int, logf func() string) {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	defer c.CloseIdleConnections()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := c.Get(fmt.Sprintf("https://127.0.0.1:%d/djsec-warm-up/", port))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("Django did not answer through nginx: %s", logf())
}
