package probe

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
)

// TestCertificateExpiryWording judges one certificate, made here, at
// several dates: expired and not yet valid are DJL106 (high), still valid
// but close to its end DJL109 (medium under 14 days, low under 30), and a
// certificate that expires soon is never called expired.
func TestCertificateExpiryWording(t *testing.T) {
	ca := newTestCA(t)
	notAfter := time.Now().Add(200 * 24 * time.Hour).Truncate(time.Second)
	cert, err := ca.issue(t, certSpec{notAfter: notAfter})
	if err != nil {
		t.Fatal(err)
	}
	u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	const day = 24 * time.Hour
	cases := []struct {
		name     string
		now      time.Time
		rule     string
		severity report.Severity
		fragment string
	}{
		{"expired 3 days ago", notAfter.Add(3*day + time.Hour), "DJL106", report.High, "expired on " + notAfter.UTC().Format("2006-01-02") + " (3 days ago)"},
		{"expired an hour ago", notAfter.Add(time.Hour), "DJL106", report.High, "(less than a day ago)"},
		{"not valid yet", time.Now().Add(-10 * day), "DJL106", report.High, "not valid before"},
		{"1 day left", notAfter.Add(-day - time.Hour), "DJL109", report.Medium, "valid but expires in 1 day ("},
		{"hours left", notAfter.Add(-time.Hour), "DJL109", report.Medium, "valid but expires within a day"},
		{"13 days left", notAfter.Add(-13*day - time.Hour), "DJL109", report.Medium, "expires in 13 days"},
		{"14 days left", notAfter.Add(-14*day - time.Hour), "DJL109", report.Low, "expires in 14 days"},
		{"29 days left", notAfter.Add(-29*day - time.Hour), "DJL109", report.Low, "should have replaced it"},
		{"30 days left", notAfter.Add(-30*day - time.Hour), "", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Now: c.now, Rules: []*analysisRule{TLSCertExpiry, TLSCertExpiring}}, nil)
			if c.rule == "" {
				if len(res.Findings) != 0 {
					t.Errorf("got findings, want none:\n%s", dump(res))
				}
				return
			}
			if len(res.Findings) != 1 {
				t.Fatalf("got %d findings, want one %s:\n%s", len(res.Findings), c.rule, dump(res))
			}
			f := res.Findings[0]
			if f.Rule != c.rule || f.Severity != c.severity || !strings.Contains(f.Message, c.fragment) {
				t.Errorf("got %s %s %q, want %s %s mentioning %q", f.Rule, f.Severity, f.Message, c.rule, c.severity, c.fragment)
			}
			if c.rule == "DJL109" && (strings.Contains(f.Message, "expired") || strings.Contains(f.Name, "expired")) {
				t.Errorf("a certificate that is still valid is called expired: %s %q", f.Name, f.Message)
			}
			if f.Fix == "" || len(f.CWE) == 0 || len(f.Checklist) == 0 || f.Confidence == 0 {
				t.Errorf("incomplete finding: %+v", f)
			}
		})
	}
}

// issueNames makes a leaf certificate for the test CA with exactly these
// names: a Common Name and subjectAltName entries, either may be empty.
func (ca *testCA) issueNames(t *testing.T, cn string, dns []string, ips []net.IP) tls.Certificate {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-24 * time.Hour), NotAfter: time.Now().Add(200 * 24 * time.Hour), DNSNames: dns, IPAddresses: ips,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestCertificateNameWording serves certificates whose names are only in
// the Common Name, or in the CN and a subjectAltName that misses the host,
// and wants each described as what it is.
func TestCertificateNameWording(t *testing.T) {
	ca := newTestCA(t)
	cases := []struct {
		name      string
		cn        string
		dns       []string
		fragments []string
		fix       string // a fragment of the finding's fix
	}{
		{"CN only, the host", "localhost", nil, []string{"names localhost only in its Common Name", "no subjectAltName", "valid for no host"}, "-addext subjectAltName=DNS:localhost"},
		{"CN only, a wildcard for the host's parent", "*.localhost", nil, []string{"has no subjectAltName", `the Common Name "*.localhost"`, "would not match"}, "subjectAltName"},
		{"CN only, another host", "shop.example.com", nil, []string{"not valid for localhost", "no subjectAltName", `the Common Name "shop.example.com"`}, "subjectAltName=DNS:localhost"},
		{"no name at all", "", nil, []string{"names no host at all"}, "subjectAltName"},
		{"SAN misses the host the CN names", "localhost", []string{"www.example.com"}, []string{"its subjectAltName names www.example.com", "does not count"}, "every host name"},
		{"SAN misses the host", "www.example.com", []string{"www.example.com"}, []string{"not valid for localhost (it names www.example.com)"}, "every host name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cert := ca.issueNames(t, c.cn, c.dns, nil)
			u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
			res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Rules: []*analysisRule{TLSCertHostname}}, nil)
			if len(res.Findings) != 1 {
				t.Fatalf("got %d findings, want one DJL105:\n%s", len(res.Findings), dump(res))
			}
			f := res.Findings[0]
			for _, frag := range c.fragments {
				if !strings.Contains(f.Message, frag) {
					t.Errorf("message %q does not mention %q", f.Message, frag)
				}
			}
			if !strings.Contains(f.Fix, c.fix) {
				t.Errorf("fix %q does not mention %q", f.Fix, c.fix)
			}
			if f.Rule != "DJL105" || f.Severity != report.High || len(f.CWE) == 0 || len(f.Checklist) == 0 {
				t.Errorf("incomplete finding: %+v", f)
			}
		})
	}
	// A certificate naming the host in subjectAltName is fine, whatever
	// its CN says.
	cert := ca.issueNames(t, "something-else", []string{"localhost"}, nil)
	u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	if res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Rules: []*analysisRule{TLSCertHostname}}, nil); len(res.Findings) != 0 {
		t.Errorf("a SAN naming the host: got\n%s", dump(res))
	}
}

func TestLegacyCNMatches(t *testing.T) {
	for _, c := range []struct {
		cn, host string
		want     bool
	}{
		{"shop.example.com", "shop.example.com", true},
		{"Shop.Example.com.", "shop.example.com", true},
		{"*.example.com", "shop.example.com", true},
		{"*.example.com", "example.com", false},
		{"*.example.com", "a.shop.example.com", false},
		{"*.*.com", "a.b.com", false},
		{"example.com", "shop.example.com", false},
	} {
		if got := legacyCNMatches(c.cn, c.host); got != c.want {
			t.Errorf("legacyCNMatches(%q, %q): got %v, want %v", c.cn, c.host, got, c.want)
		}
	}
}
