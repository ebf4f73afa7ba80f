package guard

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// startAlertmanager runs Debian's prometheus-alertmanager on 127.0.0.1.
func startAlertmanager(t *testing.T) string {
	bin, err := exec.LookPath("prometheus-alertmanager")
	if err != nil {
		t.Skip("prometheus-alertmanager is not installed (apt-get install -y prometheus-alertmanager)")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "am.yml")
	os.WriteFile(cfg, []byte("route:\n  receiver: none\nreceivers:\n  - name: none\n"), 0o600)
	addr := freePort(t)
	cmd := exec.Command(bin, "--config.file="+cfg, "--storage.path="+dir, "--web.listen-address="+addr, "--cluster.listen-address=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := "http://" + addr
	for range 100 {
		if resp, err := http.Get(url + "/-/ready"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return url
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("alertmanager did not become ready")
	return ""
}

func TestBanAlertReachesAlertmanager(t *testing.T) {
	am := startAlertmanager(t)
	g := startGuard(t, fmt.Sprintf(`
[bans]
maxretry = 2
blocked_paths = true
[alerts]
alertmanager = %q
labels = { env = "test" }
`, am))
	get(t, g.url+"/.env")
	get(t, g.url+"/.git/HEAD")
	for range 50 {
		resp, err := http.Get(am + "/api/v2/alerts")
		if err != nil {
			t.Fatal(err)
		}
		var alerts []struct {
			Labels      map[string]string
			Annotations map[string]string
		}
		json.NewDecoder(resp.Body).Decode(&alerts)
		resp.Body.Close()
		for _, a := range alerts {
			if a.Labels["alertname"] == "DjsecGuardClientBanned" && a.Labels["client"] == "127.0.0.1" && a.Labels["env"] == "test" {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	resp, _ := http.Get(am + "/api/v2/alerts")
	b, _ := io.ReadAll(resp.Body)
	t.Fatalf("no DjsecGuardClientBanned alert in Alertmanager after a ban: %s\n%s\n%+v", b, g.out.String(), g.ev.es)
}

func TestAlertsDedupedAndRetried(t *testing.T) {
	var posts, fails atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path != "/api/v2/alerts" || r.Method != "POST" {
			http.Error(w, "no", 404)
			return
		}
		// The first two attempts fail, as a restarting Alertmanager would.
		if posts.Add(1) <= 2 {
			fails.Add(1)
			http.Error(w, "starting", 503)
			return
		}
	}))
	defer srv.Close()
	a := newAlerter(Alerts{Alertmanager: srv.URL, Bans: true}, io.Discard)
	a.base = 10 * time.Millisecond
	now := time.Now()
	until := now.Add(time.Hour)
	for range 5 {
		a.Event(Event{Time: now, Kind: EventBan, Client: "198.51.100.1", Until: &until, Count: 1})
	}
	a.Event(Event{Time: now, Kind: EventBan, Client: "198.51.100.2", Until: &until, Count: 1})
	for range 200 {
		if a.Sent.Load() == 2 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if a.Sent.Load() != 2 || posts.Load() != 4 {
		t.Fatalf("sent %d alerts in %d posts, want 2 in 4 (five bans of one client deduplicated, two failures retried)", a.Sent.Load(), posts.Load())
	}
	// A dead Alertmanager: bounded tries, then the alert is counted lost.
	dead := newAlerter(Alerts{Alertmanager: "http://127.0.0.1:1", Bans: true}, io.Discard)
	dead.base, dead.tries = time.Millisecond, 3
	dead.Event(Event{Time: now, Kind: EventBan, Client: "198.51.100.3", Until: &until})
	for range 200 {
		if dead.Failed.Load() == 1 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("an alert to a dead Alertmanager was never given up on")
}

func TestUpstreamDownAlert(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.Store(string(b))
	}))
	defer srv.Close()
	g := startGuard(t, fmt.Sprintf("upstream = \"http://%s\"\n[alerts]\nalertmanager = %q\n", freePort(t), srv.URL))
	for range 6 {
		if resp, _ := get(t, g.url+"/"); resp.StatusCode != 502 {
			t.Fatalf("upstream down: %d, want 502", resp.StatusCode)
		}
	}
	for range 100 {
		if s, _ := got.Load().(string); strings.Contains(s, "DjsecGuardUpstreamDown") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no DjsecGuardUpstreamDown alert after six failed requests")
}
