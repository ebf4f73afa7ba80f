package guard

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/probe"
)

// TestProbeOfGuardedSite runs djsec's own probe, with its active checks,
// against the test site behind the guard: the guard's headers earn an A,
// and the probe's failed admin logins end in a ban, not in a finding.
func TestProbeOfGuardedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole probe; skipped with -short")
	}
	cert, key := selfSigned(t, t.TempDir())
	redirect := freePort(t)
	g := startGuard(t, fmt.Sprintf(`
[tls]
cert = %q
key = %q
redirect_http = %q
[bans]
maxretry = 5
[[route]]
name = "admin login"
pattern = "^/admin/login/$"
methods = ["POST"]
login = true
`, cert, key, redirect))
	pem, _ := os.ReadFile(cert)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	_, port, _ := net.SplitHostPort(redirect)
	p, _ := strconv.Atoi(port)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := probe.Run(ctx, probe.Options{Target: g.url, Active: true, RootCAs: pool, HTTPPort: p})
	if err != nil {
		t.Fatal(err)
	}
	for _, gr := range res.Grades {
		if gr.Name == "headers" && !strings.HasPrefix(gr.Grade, "A") {
			t.Errorf("headers grade %s, want A or better: %v", gr.Grade, gr.Reasons)
		}
	}
	for _, f := range res.Findings {
		if f.Rule == "DJL501" {
			t.Errorf("the probe's failed logins met no limit: %s", f.Message)
		}
	}
	if g.ev.count(EventBan) != 1 {
		t.Errorf("%d bans after the probe's failed logins, want 1", g.ev.count(EventBan))
	}
}
