package probe

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type certSpec struct {
	bits     int
	notAfter time.Time
	dns      []string
	sigAlg   x509.SignatureAlgorithm
}

// testCA signs certificates for the TLS tests.
type testCA struct {
	cert *x509.Certificate
	key  crypto.Signer
	pool *x509.CertPool
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "djsec tls test CA"},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(10 * 365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return &testCA{cert: c, key: key, pool: pool}
}

func (ca *testCA) issue(t *testing.T, s certSpec) (tls.Certificate, error) {
	t.Helper()
	if s.bits == 0 {
		s.bits = 2048
	}
	if s.notAfter.IsZero() {
		s.notAfter = time.Now().Add(200 * 24 * time.Hour)
	}
	if s.dns == nil {
		s.dns = []string{"localhost"}
	}
	key, err := rsa.GenerateKey(rand.Reader, s.bits)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: s.dns[0]},
		NotBefore: time.Now().Add(-24 * time.Hour), NotAfter: s.notAfter, DNSNames: s.dns,
		IPAddresses: []net.IP{}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, SignatureAlgorithm: s.sigAlg,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// tlsServer serves a tiny hardened page over TLS with the given config.
func tlsServer(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload")
		w.Write([]byte("<html>ok</html>"))
	}))
	srv.TLS = cfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/"
}

func tlsRules() []*analysisRule {
	return []*analysisRule{TLSLegacyProtocol, TLSWeakCipher, TLSNoForwardSecrecy, TLSCertUntrusted, TLSCertHostname, TLSCertExpiry, TLSWeakKey, TLSWeakSignature, TLSCertExpiring}
}

func TestTLSChecks(t *testing.T) {
	ca := newTestCA(t)
	good, err := ca.issue(t, certSpec{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		cert  certSpec
		cfg   func(*tls.Config)
		roots bool
		want  []string // "RULE fragment"
		grade string
	}{
		{name: "good", roots: true, grade: "A+"},
		{name: "untrusted", want: []string{"DJL104 djsec tls test CA"}, grade: "T"},
		{name: "expired", cert: certSpec{notAfter: time.Now().Add(-time.Hour)}, roots: true, want: []string{"DJL106 expired on"}, grade: "T"},
		{name: "expires in 10 days", cert: certSpec{notAfter: time.Now().Add(10*24*time.Hour + time.Hour)}, roots: true, want: []string{"DJL109 valid but expires in 10 days"}},
		{name: "expires in 20 days", cert: certSpec{notAfter: time.Now().Add(20*24*time.Hour + time.Hour)}, roots: true, want: []string{"DJL109 valid but expires in 20 days"}},
		{name: "wrong host", cert: certSpec{dns: []string{"shop.example.com"}}, roots: true, want: []string{"DJL105 not valid for localhost"}, grade: "M"},
		{name: "1024-bit key", cert: certSpec{bits: 1024}, roots: true, want: []string{"DJL107 1024-bit RSA"}, grade: "B"},
		{name: "SHA-1 signature", cert: certSpec{sigAlg: x509.SHA1WithRSA}, roots: true, want: []string{"DJL108 SHA1-RSA"}, grade: "T"},
		{name: "TLS 1.0 and 1.1", roots: true, cfg: func(c *tls.Config) { c.MinVersion = tls.VersionTLS10 }, want: []string{"DJL101 TLS 1.0", "DJL101 TLS 1.1"}, grade: "B"},
		{name: "3DES and RSA key exchange", roots: true, cfg: func(c *tls.Config) {
			c.MaxVersion = tls.VersionTLS12
			c.CipherSuites = []uint16{tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, tls.TLS_RSA_WITH_AES_128_GCM_SHA256}
		}, want: []string{"DJL102 3DES", "DJL103 picks TLS_RSA_WITH"}, grade: "C"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cert := good
			if c.cert.bits != 0 || !c.cert.notAfter.IsZero() || c.cert.dns != nil || c.cert.sigAlg != 0 {
				var err error
				if cert, err = ca.issue(t, c.cert); err != nil {
					t.Skipf("cannot make this certificate: %v", err)
				}
			}
			cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
			if c.cfg != nil {
				c.cfg(cfg)
			}
			u := tlsServer(t, cfg)
			opts := Options{Target: u, Rules: tlsRules()}
			if c.roots {
				opts.RootCAs = ca.pool
			}
			res := runProbe(t, opts, nil)
			for _, w := range c.want {
				rule, frag, _ := strings.Cut(w, " ")
				found := false
				for _, f := range res.Findings {
					found = found || (f.Rule == rule && strings.Contains(f.Message, frag))
				}
				if !found {
					t.Errorf("no %s finding mentioning %q in\n%s", rule, frag, dump(res))
				}
			}
			if len(res.Findings) != len(c.want) {
				t.Errorf("got %d findings, want %d:\n%s", len(res.Findings), len(c.want), dump(res))
			}
			if c.grade != "" {
				for _, g := range res.Grades {
					if g.Name == "tls" && g.Grade != c.grade {
						t.Errorf("tls grade: got %s, want %s (%v)", g.Grade, c.grade, g.Reasons)
					}
					if g.Name == "tls" && c.name == "good" && !strings.HasPrefix(g.Reasons[len(g.Reasons)-1], "seen: TLS 1.2, TLS 1.3; RSA 2048-bit key, SHA256-RSA; valid until ") {
						t.Errorf("tls grade reasons: got %q, want them to end with what was seen", g.Reasons)
					}
				}
			}
		})
	}
}
