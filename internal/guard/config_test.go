package guard

import (
	"net/netip"
	"strings"
	"testing"
	"time"
)

func mustPrefix(s string) netip.Prefix {
	p, err := parsePrefix(s)
	if err != nil {
		panic(err)
	}
	return p
}

func TestConfigErrorsHaveALine(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"syntax", "listen = \":8080\"\nupstream = \n", "g.toml:2: "},
		{"bad rate", "[[route]]\npath = \"/login/\"\nrate = \"5 per minute\"\n", `g.toml:3: .*bad rate "5 per minute"`},
		{"bad cidr", "trusted_proxies = [\"10.0.0.0/33\"]\n", `g.toml:1: .*bad address range`},
		{"unknown key", "listen = \":1\"\n\n[bans]\nfindtme = \"1m\"\n", `g.toml:4: unknown key "bans.findtme"`},
		{"route without path", "listen = \":1\"\n[[route]]\npath = \"/x/\"\n[[route]]\nrate = \"1r/s\"\n", `g.toml:4: route 2 has neither path nor pattern`},
		{"burst without rate", "[[route]]\npath = \"/a/\"\nburst = 5\n", `g.toml:1: route "/a/": burst, delay and nodelay need a rate`},
		{"bad upstream", "upstream = \"127.0.0.1:8000\"\n", `g.toml:1: upstream is "127.0.0.1:8000"`},
		{"bad duration", "[timeouts]\nheader = \"ten seconds\"\n", `g.toml:2: .*bad duration`},
		{"bad size", "[default]\nmax_body = \"big\"\n", `g.toml:2: .*bad size`},
		{"bad policy", "redis_failure = \"maybe\"\n", `g.toml:1: redis_failure is "maybe"`},
		{"bad pattern", "[[route]]\npattern = \"^/(a\"\n", `g.toml:2: .*bad pattern`},
		{"duplicate names", "[[route]]\npath = \"/a/\"\n[[route]]\nname = \"/a/\"\npath = \"/b/\"\n", `g.toml:3: two routes are named "/a/"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig("g.toml", []byte(tc.src))
			if err == nil {
				t.Fatalf("no error, want %s", tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			if !matches(tc.want, err.Error()) {
				t.Errorf("got %q, want %s", err, tc.want)
			}
		})
	}
}

func TestConfigDefaultsAndUnits(t *testing.T) {
	c, err := ParseConfig("g.toml", []byte(`
upstream = "unix:/run/gunicorn.sock"
trusted_proxies = ["10.0.0.0/8", "192.0.2.1"]
[bans]
bantime = "1d"
[[route]]
path = "/accounts/login/"
methods = ["post"]
rate = "30r/m"
burst = 5
nodelay = true
login = true
[[route]]
name = "admin"
path = "/admin/"
allow = ["10.0.0.0/8"]
max_body = "64k"
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Routes[0].Rate.Per != 2*time.Second || c.Routes[0].Methods[0] != "POST" {
		t.Errorf("route 1: rate %s methods %v, want 2s [POST]", c.Routes[0].Rate.Per, c.Routes[0].Methods)
	}
	if len(c.Routes[0].FailureStatus) == 0 {
		t.Errorf("a login route got no failure statuses by default")
	}
	if c.Routes[1].MaxBody != 64<<10 || c.Routes[0].MaxBody != c.Default.MaxBody {
		t.Errorf("max_body: %d and %d, want 65536 and the default", c.Routes[1].MaxBody, c.Routes[0].MaxBody)
	}
	if c.Bans.BanTime.D() != 24*time.Hour || c.Bans.MaxRetry != 5 {
		t.Errorf("bans: %s, %d", c.Bans.BanTime.D(), c.Bans.MaxRetry)
	}
	if c.Headers.HSTS == "" || len(c.Block.Paths) == 0 {
		t.Errorf("defaults lost: hsts %q, %d blocked paths", c.Headers.HSTS, len(c.Block.Paths))
	}
}

func TestACMEConfig(t *testing.T) {
	for src, want := range map[string]string{
		"state_dir = \"s\"\n[tls]\nacme = [\"shop.example.org\"]\n":                             "",
		"[tls]\nacme = [\"shop.example.org\"]\n":                                                "acme needs state_dir",
		"state_dir = \"s\"\n[tls]\nacme = [\"*.example.org\"]\n":                                "not a host name",
		"state_dir = \"s\"\n[tls]\nacme = [\"a.example\"]\ncert = \"c.pem\"\nkey = \"k.pem\"\n": "keep one",
	} {
		_, err := ParseConfig("g.toml", []byte(src))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
	cfg, _ := ParseConfig("g.toml", []byte("state_dir = \""+t.TempDir()+"\"\n[tls]\nacme = [\"shop.example.org\"]\n"))
	m := newACME(cfg)
	// A host not listed is refused before any CA is asked.
	if err := m.HostPolicy(nil, "evil.example"); err == nil {
		t.Errorf("acme host policy accepts a host not listed")
	}
	if err := m.HostPolicy(nil, "shop.example.org"); err != nil {
		t.Errorf("acme host policy refuses a listed host: %v", err)
	}
}

// FuzzParseConfig: no config text crashes the parser, and every error is
// one line.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("listen = \":8080\"\n[[route]]\npath = \"/a/\"\nrate = \"1r/s\"\nburst = 3\n"))
	f.Add([]byte("[tls]\nacme = [\"x\"]\n[waf]\nparanoia = 9\n"))
	f.Add([]byte("[[route]]\npattern = \"(\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseConfig("f.toml", data)
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans lines: %q", err)
		}
	})
}

func TestRestartOnly(t *testing.T) {
	a, _ := ParseConfig("a.toml", []byte("listen = \":1\"\n[headers]\nframe_options = \"DENY\"\n"))
	b, _ := ParseConfig("b.toml", []byte("listen = \":2\"\nredis_failure = \"open\"\n[headers]\nframe_options = \"SAMEORIGIN\"\n[events]\noutput = \"off\"\n"))
	if got := strings.Join(restartOnly(a, b), ", "); got != "listen, redis, [events] output" {
		t.Errorf("restartOnly: %q", got)
	}
}
