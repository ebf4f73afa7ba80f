package guard

import (
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"
)

type redisServer struct {
	addr string
	cmd  *exec.Cmd
	t    *testing.T
}

// startRedis runs Debian's redis-server on 127.0.0.1, without persistence.
func startRedis(t *testing.T) *redisServer {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not installed (apt-get install -y redis-server)")
	}
	r := &redisServer{addr: freePort(t), t: t}
	_, port, _ := net.SplitHostPort(r.addr)
	r.cmd = exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.stop)
	for range 100 {
		if c, err := net.Dial("tcp", r.addr); err == nil {
			c.Close()
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("redis-server did not start")
	return nil
}

func (r *redisServer) stop() {
	if r.cmd != nil {
		r.cmd.Process.Kill()
		r.cmd.Wait()
		r.cmd = nil
	}
}

func (r *redisServer) url() string { return "redis://" + r.addr + "/0" }

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 100 {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestTwoReplicasShareLimitsAndBans(t *testing.T) {
	rs := startRedis(t)
	cfg := fmt.Sprintf(`
redis = %q
[metrics]
listen = "127.0.0.1:0"
[bans]
maxretry = 3
bantime = "1h"
[[route]]
name = "login"
path = "/accounts/login/"
login = true
[[route]]
name = "limited"
path = "/echo/"
rate = "6r/m"
burst = 2
nodelay = true
`, rs.url())
	a := startGuard(t, cfg)
	b := startGuard(t, cfg)
	// One allowance for both: 3 requests (1 + burst 2), whichever replica.
	var codes []int
	for i := range 5 {
		g := a
		if i%2 == 1 {
			g = b
		}
		resp, _ := get(t, g.url+"/echo/")
		codes = append(codes, resp.StatusCode)
	}
	if fmt.Sprint(codes) != "[200 200 200 429 429]" {
		t.Errorf("6r/m burst 2 across two replicas: %v, want [200 200 200 429 429]", codes)
	}
	// Failed logins spread over both replicas add up to one ban...
	postLogin(t, a.url, "wrong")
	postLogin(t, b.url, "wrong")
	postLogin(t, a.url, "wrong")
	if resp, _ := get(t, a.url+"/"); resp.StatusCode != 403 {
		t.Fatalf("on the replica that banned: %d, want 403", resp.StatusCode)
	}
	// ...enforced by the other at once (pushed over pub/sub).
	waitFor(t, "the ban to reach the other replica", func() bool {
		resp, _ := get(t, b.url+"/")
		return resp.StatusCode == 403
	})
	// A replica started afterwards knows it too.
	b.stop()
	c := startGuard(t, cfg)
	if resp, _ := get(t, c.url+"/"); resp.StatusCode != 403 {
		t.Errorf("a replica started after the ban: %d, want 403", resp.StatusCode)
	}
	// Unbanned through one, unbanned everywhere.
	req, _ := http.NewRequest("DELETE", a.admin+"/bans/127.0.0.1", nil)
	if resp, body := do(t, req); resp.StatusCode != 200 {
		t.Fatalf("unban: %d %s", resp.StatusCode, body)
	}
	waitFor(t, "the unban to reach the other replica", func() bool {
		resp, _ := get(t, c.url+"/")
		return resp.StatusCode == 200
	})
	// The command line sees Redis' bans without a guard (none now).
	bans, err := OfflineBans(c.g.Config(), time.Now())
	if err != nil || len(bans) != 0 {
		t.Errorf("OfflineBans after unban: %v %v", bans, err)
	}
}

func TestRedisDownPolicies(t *testing.T) {
	for _, tc := range []struct {
		policy string
		want   string // the codes of 4 requests to a 6r/m burst=1 route after Redis stops
	}{
		{"local", "[200 200 429 429]"},
		{"open", "[200 200 200 200]"},
		{"closed", "[503 503 503 503]"},
	} {
		t.Run(tc.policy, func(t *testing.T) {
			rs := startRedis(t)
			g := startGuard(t, fmt.Sprintf(`
redis = %q
redis_failure = %q
[[route]]
name = "limited"
path = "/echo/"
rate = "6r/m"
burst = 1
nodelay = true
`, rs.url(), tc.policy))
			if resp, _ := get(t, g.url+"/echo/"); resp.StatusCode != 200 {
				t.Fatalf("with Redis up: %d", resp.StatusCode)
			}
			rs.stop()
			var codes []int
			start := time.Now()
			for range 4 {
				resp, _ := get(t, g.url+"/echo/")
				codes = append(codes, resp.StatusCode)
			}
			if time.Since(start) > 3*time.Second {
				t.Errorf("4 requests with Redis down took %s", time.Since(start))
			}
			// "closed" learns Redis is down from the first request.
			got := fmt.Sprint(codes)
			if tc.policy == "closed" {
				got = strings.Replace(got, "[200 ", "[503 ", 1)
			}
			if got != tc.want {
				t.Errorf("policy %s with Redis down: %v, want %s", tc.policy, codes, tc.want)
			}
			if g.ev.count(EventRedisDown) != 1 {
				t.Errorf("%d redis_down events, want 1", g.ev.count(EventRedisDown))
			}
		})
	}
}

// TestBanDuringOutageWrittenBack: with the local policy, a ban made while
// Redis is down holds on this replica, and reaches Redis (and the other
// replicas) when it is back.
func TestBanDuringOutageWrittenBack(t *testing.T) {
	rs := startRedis(t)
	cfg := fmt.Sprintf(`
redis = %q
[bans]
maxretry = 2
bantime = "1h"
[[route]]
name = "login"
path = "/accounts/login/"
login = true
`, rs.url())
	a := startGuard(t, cfg)
	rs.stop()
	postLogin(t, a.url, "wrong")
	postLogin(t, a.url, "wrong")
	if resp, _ := get(t, a.url+"/"); resp.StatusCode != 403 {
		t.Fatalf("ban made while Redis is down: %d, want 403", resp.StatusCode)
	}
	// Redis again, on the same port, empty.
	_, port, _ := net.SplitHostPort(rs.addr)
	rs.cmd = exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := rs.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the replica to see Redis again", func() bool { return a.ev.count(EventRedisUp) > 0 })
	b := startGuard(t, cfg)
	if resp, _ := get(t, b.url+"/"); resp.StatusCode != 403 {
		t.Errorf("another replica after Redis came back: %d, want 403 (the ban written back)", resp.StatusCode)
	}
}
