package cli

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestGuardCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "guard.toml")
	os.WriteFile(good, []byte("listen = \":8080\"\nupstream = \"unix:/run/gunicorn.sock\"\n[[route]]\npath = \"/admin/\"\nallow = [\"10.0.0.0/8\"]\n"), 0o600)
	code, out, stderr := run(t, "guard", "--config", good, "--check")
	if code != 0 || !strings.Contains(out, "ok") || !strings.Contains(out, good+":1:1: DJG004 login-not-protected") {
		t.Fatalf("good config: exit %d, out %q, err %q", code, out, stderr)
	}
	waf := filepath.Join(dir, "waf.toml")
	os.WriteFile(waf, []byte("listen = \":8080\"\n\n[waf]\nenabled = true\ndirectives = [\"SecRule ARGS \\\"@nosuchop x\\\" \\\"id:1\\\"\"]\n"), 0o600)
	code, _, stderr = run(t, "guard", "--check", "--config", waf)
	if code != exitError || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, waf+":3: compiling the WAF rules") {
		t.Errorf("bad WAF directive: exit %d, stderr %q; want 2 and one line at [waf]", code, stderr)
	}
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("listen = \":8080\"\n[[route]]\npath = \"/admin/\"\nallow = [\"10.0.0.300/8\"]\n"), 0o600)
	code, _, stderr = run(t, "guard", "--check", "--config", bad)
	if code != exitError || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, bad+":4: ") {
		t.Fatalf("bad config: exit %d, stderr %q; want 2 and one line with %s:4", code, stderr, bad)
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestGuardServesAndReloadsOnSIGHUP runs `djsec guard` in-process, sends
// the process SIGHUP after changing the config, then SIGINT to stop it.
func TestGuardServesAndReloadsOnSIGHUP(t *testing.T) {
	if testing.Short() {
		t.Skip("signals the test process; skipped with -short")
	}
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "app") }))
	defer up.Close()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "guard.toml")
	listen, admin := freeAddr(t), freeAddr(t)
	write := func(fo string) {
		src := fmt.Sprintf("listen = %q\nupstream = %q\nstate_dir = \"state\"\n[metrics]\nlisten = %q\n[headers]\nframe_options = %q\n[events]\noutput = \"off\"\n", listen, up.URL, admin, fo)
		if err := os.WriteFile(cfgPath, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("DENY")
	done := make(chan int, 1)
	var errb strings.Builder
	go func() { done <- Main([]string{"guard", "--config", cfgPath}, &strings.Builder{}, &errb) }()
	header := func() string {
		for range 100 {
			resp, err := http.Get("http://" + listen + "/")
			if err == nil {
				resp.Body.Close()
				return resp.Header.Get("X-Frame-Options")
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the guard did not answer on %s", listen)
		return ""
	}
	if h := header(); h != "DENY" {
		t.Fatalf("X-Frame-Options %q, want DENY", h)
	}
	write("SAMEORIGIN")
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	var h string
	for range 50 {
		if h = header(); h == "SAMEORIGIN" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if h != "SAMEORIGIN" {
		t.Errorf("after SIGHUP: X-Frame-Options %q, want SAMEORIGIN", h)
	}
	// A broken config on SIGHUP is refused; the old one stays in force.
	os.WriteFile(cfgPath, []byte("listen = \"nowhere\"\n[[route]]\n"), 0o600)
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	time.Sleep(300 * time.Millisecond)
	if h := header(); h != "SAMEORIGIN" {
		t.Errorf("after a SIGHUP with a broken config: X-Frame-Options %q, want SAMEORIGIN still", h)
	}
	write("SAMEORIGIN")
	code, out, _ := run(t, "guard", "bans", "--config", cfgPath)
	if code != 0 || !strings.Contains(out, "no bans") {
		t.Errorf("guard bans: %d %q", code, out)
	}
	code, out, _ = run(t, "guard", "report", "--config", cfgPath)
	if code != exitFindings || !strings.Contains(out, "DJG004") {
		t.Errorf("guard report: %d %q, want 1 and DJG004 (no login route)", code, out)
	}
	code, _, stderr := run(t, "guard", "unban", "203.0.113.9", "--config", cfgPath)
	if code != exitError || !strings.Contains(stderr, "not banned") {
		t.Errorf("guard unban of a client not banned: %d %q", code, stderr)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("guard exited %d: %s", code, errb.String())
		}
		if !strings.Contains(errb.String(), "reload refused") {
			t.Errorf("a broken config on SIGHUP was not reported: %s", errb.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("guard did not stop on SIGINT")
	}
}

func TestGuardInit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "guard.toml")
	code, stdout, stderr := run(t, "guard", "init", example, "--output", out)
	if code != 0 || !strings.Contains(stdout, "wrote "+out) {
		t.Fatalf("guard init: %d %q %q", code, stdout, stderr)
	}
	data, _ := os.ReadFile(out)
	for _, want := range []string{`path = "/admin/"`, `pattern = "^/accounts/login/$"`, "login = true", `path = "/static/"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the config lacks %s", want)
		}
	}
	if code, _, stderr := run(t, "guard", "--check", "--config", out); code != 0 {
		t.Errorf("--check of the written config: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "guard", "init", example, "--output", out); code != exitError || !strings.Contains(stderr, "--force") {
		t.Errorf("init over an existing file: %d %q, want a refusal naming --force", code, stderr)
	}
}
