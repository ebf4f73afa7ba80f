package guard

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests run the guard in front of a real Django site under gunicorn
// (Debian's python3-django and gunicorn, under /usr/bin/python3), started
// once for the package on 127.0.0.1.

var (
	djangoOnce sync.Once
	djangoURL  string
	djangoSock string
	djangoSkip string
	djangoErr  string
	djangoLog  string
	djangoCmds []*exec.Cmd
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range djangoCmds {
		_ = c.Process.Kill()
		_ = c.Wait()
	}
	if djangoSock != "" {
		os.RemoveAll(filepath.Dir(djangoSock))
	}
	os.Exit(code)
}

func freePort(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// django returns the URL of the test site, and its Unix socket.
func django(t testing.TB) (string, string) {
	djangoOnce.Do(func() {
		gunicorn, err := exec.LookPath("gunicorn")
		if err != nil {
			djangoSkip = "gunicorn is not installed (apt-get install -y gunicorn python3-django)"
			return
		}
		if exec.Command("/usr/bin/python3", "-c", "import django").Run() != nil {
			djangoSkip = "Django is not installed for /usr/bin/python3 (apt-get install -y python3-django)"
			return
		}
		dir, _ := filepath.Abs("testdata/site")
		sockDir, err := os.MkdirTemp("", "djsec-guard-sock")
		if err != nil {
			djangoSkip = err.Error()
			return
		}
		djangoSock = filepath.Join(sockDir, "gunicorn.sock")
		addr := freePort(t)
		cmd := exec.Command(gunicorn, "--chdir", dir, "--bind", addr, "--bind", "unix:"+djangoSock,
			"--worker-class", "gthread", "--workers", "1", "--threads", "16", "--log-level", "warning", "djsite:application")
		djangoLog = filepath.Join(sockDir, "requests.log")
		cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "DJSITE_LOG="+djangoLog, "DJSITE_DB="+filepath.Join(sockDir, "db.sqlite3"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			djangoSkip = "starting gunicorn: " + err.Error()
			return
		}
		djangoCmds = append(djangoCmds, cmd)
		djangoURL = "http://" + addr
		for range 300 {
			resp, err := http.Get(djangoURL + "/")
			if err == nil {
				resp.Body.Close()
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		djangoErr = "gunicorn did not answer within 30 s: " + stderr.String()
	})
	if djangoSkip != "" {
		t.Skip(djangoSkip)
	}
	if djangoErr != "" {
		t.Fatal(djangoErr)
	}
	return djangoURL, djangoSock
}

// djangoSaw reports whether the application received a request for path.
func djangoSaw(method, path string) bool {
	data, _ := os.ReadFile(djangoLog)
	return strings.Contains("\n"+string(data), "\n"+method+" "+path+"\n")
}

// events collects the guard's events for assertions.
type events struct {
	mu sync.Mutex
	es []Event
}

func (e *events) Event(ev Event) {
	e.mu.Lock()
	e.es = append(e.es, ev)
	e.mu.Unlock()
}

func (e *events) count(kind string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, ev := range e.es {
		if ev.Kind == kind {
			n++
		}
	}
	return n
}

type running struct {
	g      *Guard
	url    string
	admin  string
	ev     *events
	out    *bytes.Buffer
	cancel context.CancelFunc
	done   chan error
}

// startGuard runs a guard for the config text (with listen and upstream
// filled in when left out) until the test ends.
func startGuard(t testing.TB, src string) *running {
	t.Helper()
	top, _, _ := strings.Cut(src, "\n[")
	if !regexp.MustCompile(`(?m)^listen =`).MatchString(top) {
		src = "listen = \"127.0.0.1:0\"\n" + src
	}
	if !regexp.MustCompile(`(?m)^upstream =`).MatchString(top) {
		u, _ := django(t)
		src = fmt.Sprintf("upstream = %q\n", u) + src
	}
	path := filepath.Join(t.TempDir(), "guard.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	ev := &events{}
	out := &bytes.Buffer{}
	g, err := New(cfg, Options{Events: &lockedWriter{w: out}, Log: &lockedWriter{w: out}, Sinks: []EventSink{ev}})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := g.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{g: g, ev: ev, out: out, cancel: cancel, done: make(chan error, 1)}
	scheme := "http"
	if cfg.TLS.Enabled() {
		scheme = "https"
	}
	r.url = scheme + "://" + ls.Main.Addr().String()
	if ls.Metrics != nil {
		r.admin = "http://" + ls.Metrics.Addr().String()
	}
	go func() { r.done <- g.Serve(ctx, ls) }()
	t.Cleanup(func() {
		r.stop()
		if n := g.metrics.panics.Load(); n > 0 {
			t.Errorf("the guard panicked %d times:\n%s", n, out.String())
		}
	})
	return r
}

func (r *running) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case <-r.done:
	case <-time.After(35 * time.Second):
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

var testClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func get(t testing.TB, url string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Add(hdr[i], hdr[i+1])
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := testClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp, b.String()
}
