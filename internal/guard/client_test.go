package guard

import (
	"net/http"
	"strings"
	"testing"
)

func TestClientOf(t *testing.T) {
	trusted := []Prefix{{mustPrefix("10.0.0.0/8")}, {mustPrefix("2001:db8:ffff::/48")}}
	for _, tc := range []struct {
		name, remote, xff, want, key string
	}{
		{"direct", "198.51.100.7:5555", "", "198.51.100.7", "198.51.100.7"},
		{"spoofed XFF from an untrusted peer is ignored", "198.51.100.7:5555", "1.2.3.4", "198.51.100.7", "198.51.100.7"},
		{"trusted proxy: last hop", "10.0.0.2:80", "203.0.113.9", "203.0.113.9", "203.0.113.9"},
		{"rightmost untrusted, never leftmost", "10.0.0.2:80", "1.2.3.4, 203.0.113.9", "203.0.113.9", "203.0.113.9"},
		{"trusted hops skipped", "10.0.0.2:80", "1.2.3.4, 203.0.113.9, 10.1.1.1", "203.0.113.9", "203.0.113.9"},
		{"several headers", "10.0.0.2:80", "1.2.3.4\n203.0.113.9, 10.1.1.1", "203.0.113.9", "203.0.113.9"},
		{"garbage hop stops the walk", "10.0.0.2:80", "203.0.113.9, bogus", "10.0.0.2", "10.0.0.2"},
		{"hop with a port", "10.0.0.2:80", "203.0.113.9:4711", "203.0.113.9", "203.0.113.9"},
		{"IPv6 keyed by /64", "[2001:db8:1:2:aaaa::5]:443", "", "2001:db8:1:2:aaaa::5", "2001:db8:1:2::/64"},
		{"IPv4-mapped IPv6 peer", "[::ffff:198.51.100.7]:1", "", "198.51.100.7", "198.51.100.7"},
		{"IPv6 trusted proxy", "[2001:db8:ffff::1]:80", "2001:db8:9::1", "2001:db8:9::1", "2001:db8:9::/64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest("GET", "http://x/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range strings.Split(tc.xff, "\n") {
				if v != "" {
					r.Header.Add("X-Forwarded-For", v)
				}
			}
			c := clientOf(r, trusted, nil)
			if c.addr.String() != tc.want {
				t.Errorf("client %s, want %s", c.addr, tc.want)
			}
			if keyString(c.key) != tc.key {
				t.Errorf("key %s, want %s", keyString(c.key), tc.key)
			}
		})
	}
}

func TestParseClientKey(t *testing.T) {
	for in, want := range map[string]string{
		"203.0.113.7":        "203.0.113.7",
		"2001:db8:1:2::9":    "2001:db8:1:2::/64",
		"2001:db8:1:2::/64":  "2001:db8:1:2::/64",
		"::ffff:203.0.113.7": "203.0.113.7",
		"203.0.113.0/24":     "error",
		"not an address":     "error",
		"2001:db8:1::/48":    "error",
	} {
		p, err := ParseClientKey(in)
		got := keyString(p)
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("ParseClientKey(%q) = %s, want %s", in, got, want)
		}
	}
}
