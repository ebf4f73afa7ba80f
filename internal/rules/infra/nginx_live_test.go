package infra

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	inf "github.com/djsec/djsec/internal/infra"
)

// TestInheritanceMatchesNginx starts a real nginx on 127.0.0.1 and checks
// that the headers each location sends are the ones the rules' model of
// add_header and proxy_set_header inheritance predicts.
func TestInheritanceMatchesNginx(t *testing.T) {
	if testing.Short() {
		t.Skip("starts nginx")
	}
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if _, err2 := os.Stat("/usr/sbin/nginx"); err2 != nil {
			t.Skip("nginx is not installed (apt-get install -y nginx-light)")
		}
		bin = "/usr/sbin/nginx"
	}
	dir := t.TempDir()
	port := freePort(t)
	backend := freePort(t)
	// A backend that echoes the headers nginx passed, so that
	// proxy_set_header inheritance is seen too.
	srv := &http.Server{Addr: fmt.Sprintf("127.0.0.1:%d", backend), Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var names []string
		for k := range r.Header {
			names = append(names, strings.ToLower(k))
		}
		sort.Strings(names)
		w.Header().Set("X-Seen", strings.Join(names, ","))
		w.Write([]byte("ok"))
	})}
	ln, err := net.Listen("tcp", srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	site := fmt.Sprintf(`
server {
    listen 127.0.0.1:%d;
    add_header Strict-Transport-Security "max-age=1" always;
    add_header X-Frame-Options DENY always;
    proxy_set_header X-Forwarded-Proto https;
    proxy_set_header X-Custom-Host example.com;
    location /plain/ { proxy_pass http://127.0.0.1:%d; }
    location /own/ {
        add_header Cache-Control public always;
        proxy_pass http://127.0.0.1:%d;
    }
    location /ownproxy/ {
        proxy_set_header X-Only this;
        proxy_pass http://127.0.0.1:%d;
    }
    location /outer/ {
        location /outer/inner/ {
            add_header X-Inner 1 always;
            proxy_pass http://127.0.0.1:%d;
        }
        proxy_pass http://127.0.0.1:%d;
    }
}
`, port, backend, backend, backend, backend, backend)
	conf := fmt.Sprintf(`
worker_processes 1;
error_log %[1]s/error.log;
pid %[1]s/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %[1]s/cb;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/site.conf;
}
`, dir)
	os.WriteFile(filepath.Join(dir, "site.conf"), []byte(site), 0o644)
	os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644)
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-g", "daemon off;")
	if out, err := exec.Command(bin, "-t", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput(); err != nil {
		t.Skipf("nginx cannot run here: %s", strings.TrimSpace(string(out)))
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	client := &http.Client{Timeout: 2 * time.Second}
	get := func(path string) *http.Response {
		for range 50 {
			resp, err := client.Get(fmt.Sprintf("http://127.0.0.1:%d%s", port, path))
			if err == nil {
				resp.Body.Close()
				return resp
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("nginx did not answer %s", path)
		return nil
	}

	f := inf.ParseNginxFile("site.conf", []byte(site))
	conf1 := &nginxConf{Root: "site.conf", Top: f.Directives}
	for _, s := range conf1.servers() {
		for _, l := range locations(s) {
			if passes(l.last()) == nil {
				continue
			}
			path := l.last().Arg(0)
			resp := get(path)
			want := headerSet(addHeaders(l))
			got := map[string]bool{}
			for _, h := range []string{"strict-transport-security", "x-frame-options", "cache-control", "x-inner"} {
				if resp.Header.Get(h) != "" {
					got[h] = true
				}
			}
			t.Logf("%s: headers %v, backend saw %v", path, sorted(got), resp.Header.Get("X-Seen"))
			if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
				t.Errorf("%s: nginx sent %v, the model predicts %v", path, sorted(got), sorted(want))
			}
			ps, _ := l.array("proxy_set_header")
			wantProxy := headerSet(ps)
			gotProxy := map[string]bool{}
			for _, h := range strings.Split(resp.Header.Get("X-Seen"), ",") {
				if h == "x-forwarded-proto" || h == "x-custom-host" || h == "x-only" {
					gotProxy[h] = true
				}
			}
			if fmt.Sprint(sorted(gotProxy)) != fmt.Sprint(sorted(wantProxy)) {
				t.Errorf("%s: the backend saw %v, the model predicts %v", path, sorted(gotProxy), sorted(wantProxy))
			}
		}
	}
}

func headerSet(ds []*inf.Directive) map[string]bool {
	out := map[string]bool{}
	for _, d := range ds {
		out[strings.ToLower(d.Arg(0))] = true
	}
	return out
}

func sorted(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
