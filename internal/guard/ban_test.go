package guard

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestBanDurationsGrow(t *testing.T) {
	cfg := Defaults().Bans
	cfg.BanTime, cfg.Factor, cfg.MaxBanTime = Duration(time.Minute), 3, Duration(time.Hour)
	var got []time.Duration
	for n := 1; n <= 5; n++ {
		got = append(got, banDuration(&cfg, n))
	}
	if fmt.Sprint(got) != "[1m0s 3m0s 9m0s 27m0s 1h0m0s]" {
		t.Errorf("ban times %v, want 1m 3m 9m 27m then capped at 1h", got)
	}
}

func TestBanStoreWindow(t *testing.T) {
	b, _ := newBanStore("")
	cfg := Defaults().Bans
	cfg.MaxRetry, cfg.FindTime = 3, Duration(time.Minute)
	k := keyOf(netip.MustParseAddr("198.51.100.4"))
	t0 := time.Unix(1e9, 0)
	// Failures further apart than findtime never add up to a ban.
	for i := range 5 {
		if ban, _ := b.failure(k, t0.Add(time.Duration(i)*40*time.Second), &cfg, "x"); ban != nil {
			t.Fatalf("banned after failures 40 s apart with findtime 1m and maxretry 3 (failure %d)", i+1)
		}
	}
	t1 := t0.Add(time.Hour)
	b.failure(k, t1, &cfg, "x")
	b.failure(k, t1.Add(time.Second), &cfg, "x")
	ban, _ := b.failure(k, t1.Add(2*time.Second), &cfg, "x")
	if ban == nil || ban.Count != 1 {
		t.Fatalf("three failures in 2 s: %+v, want a first ban", ban)
	}
	if _, ok := b.banned(k, t1.Add(3*time.Second)); !ok {
		t.Errorf("not banned right after the ban")
	}
	if _, ok := b.banned(k, ban.Until); ok {
		t.Errorf("still banned when the ban ends")
	}
	ignored := cfg
	ignored.Ignore = []Prefix{{mustPrefix("198.51.100.0/24")}}
	other := keyOf(netip.MustParseAddr("198.51.100.5"))
	for range 10 {
		if ban, _ := b.failure(other, t1, &ignored, "x"); ban != nil {
			t.Fatalf("an ignored address was banned")
		}
	}
}

func postLogin(t *testing.T, base, password string) int {
	t.Helper()
	resp, err := testClient.PostForm(base+"/accounts/login/", url.Values{"password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestLoginBans drives Django's answers: a wrong password re-renders the
// form (200), a right one redirects (302). Three failures ban the client;
// the ban survives a restart; unban lifts it.
func TestLoginBans(t *testing.T) {
	state := t.TempDir()
	cfg := fmt.Sprintf(`
state_dir = %q
[metrics]
listen = "127.0.0.1:0"
[bans]
maxretry = 3
findtime = "1m"
bantime = "1h"
[[route]]
name = "login"
path = "/accounts/login/"
login = true
`, state)
	g := startGuard(t, cfg)
	if c := postLogin(t, g.url, "right"); c != 302 {
		t.Fatalf("right password: %d, want Django's 302", c)
	}
	for i := range 3 {
		if c := postLogin(t, g.url, "wrong"); c != 200 {
			t.Fatalf("wrong password %d: %d, want Django's 200", i+1, c)
		}
	}
	resp, body := get(t, g.url+"/")
	if resp.StatusCode != 403 || !strings.Contains(body, "banned") {
		t.Fatalf("after 3 failed logins: %d %q, want 403 banned", resp.StatusCode, body)
	}
	if ra := resp.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("banned answer without Retry-After")
	}
	if g.ev.count(EventBan) != 1 || g.ev.count(EventLoginFailure) != 3 {
		t.Errorf("events: %d bans, %d login failures; want 1 and 3", g.ev.count(EventBan), g.ev.count(EventLoginFailure))
	}
	// The admin listener lists it and the metrics count it.
	resp, body = get(t, g.admin+"/bans")
	var list struct{ Bans []Ban }
	json.Unmarshal([]byte(body), &list)
	if len(list.Bans) != 1 || list.Bans[0].Client != "127.0.0.1" || list.Bans[0].Count != 1 {
		t.Errorf("GET /bans: %s", body)
	}
	_, metrics := get(t, g.admin+"/metrics")
	for _, want := range []string{
		`djsec_guard_login_failures_total{route="login"} 3`,
		"djsec_guard_bans_total 1",
		"djsec_guard_bans_active 1",
		`djsec_guard_blocked_total{reason="banned"} 1`,
		`djsec_guard_request_duration_seconds_bucket{route="login",le="+Inf"} 4`,
		`djsec_guard_requests_total{route="login",code="200"} 3`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// A restart keeps the ban.
	g.stop()
	g2 := startGuard(t, cfg)
	if resp, _ := get(t, g2.url+"/"); resp.StatusCode != 403 {
		t.Fatalf("after restart: %d, want 403 (the ban persisted)", resp.StatusCode)
	}
	req, _ := http.NewRequest("DELETE", g2.admin+"/bans/127.0.0.1", nil)
	if resp, body := do(t, req); resp.StatusCode != 200 {
		t.Fatalf("DELETE /bans/127.0.0.1: %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, g2.url+"/"); resp.StatusCode != 200 {
		t.Fatalf("after unban: %d, want 200", resp.StatusCode)
	}
	if resp, _ := do(t, req); resp.StatusCode != 404 {
		t.Errorf("unban of a client not banned: %d, want 404", resp.StatusCode)
	}
}

func TestBlockedPathsCountTowardBans(t *testing.T) {
	g := startGuard(t, "[bans]\nmaxretry = 2\nblocked_paths = true\n")
	get(t, g.url+"/.env")
	get(t, g.url+"/.git/config")
	if resp, _ := get(t, g.url+"/"); resp.StatusCode != 403 {
		t.Errorf("a scanner asking for .env and .git: %d, want banned (403)", resp.StatusCode)
	}
}
