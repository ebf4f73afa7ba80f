package probe

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
)

// fakeDNS answers CAA questions on 127.0.0.1 from a table (name -> CAA
// value); every other name has no record.
func fakeDNS(t *testing.T, caa map[string]string) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			q := buf[:n]
			// The name of the question, as dotted text.
			var labels []string
			off := 12
			for off < n && q[off] != 0 {
				l := int(q[off])
				labels = append(labels, string(q[off+1:off+1+l]))
				off += 1 + l
			}
			question := q[12 : off+5]
			resp := append([]byte(nil), q[:2]...)
			resp = append(resp, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0)
			resp = append(resp, question...)
			if v, ok := caa[strings.Join(labels, ".")]; ok {
				resp[7] = 1
				rd := append([]byte{0, 5}, "issue"...)
				rd = append(rd, v...)
				resp = append(resp, 0xc0, 12, 1, 1, 0, 1, 0, 0, 1, 0)
				resp = binary.BigEndian.AppendUint16(resp, uint16(len(rd)))
				resp = append(resp, rd...)
			}
			_, _ = pc.WriteTo(resp, addr)
		}
	}()
	return pc.LocalAddr().String()
}

// publicSeams makes the probe treat its loopback target as a public host
// whose certificate chains to a public root (pool), and asks server for
// CAA records.
func publicSeams(t *testing.T, pool *x509.CertPool, server string) {
	oldHost, oldRoots, oldDNS := publicHost, publicRoots, dnsServer
	publicHost = func(context.Context, string) (bool, string) { return true, "" }
	publicRoots = func() *x509.CertPool { return pool }
	dnsServer = func() (string, error) { return server, nil }
	t.Cleanup(func() { publicHost, publicRoots, dnsServer = oldHost, oldRoots, oldDNS })
}

func TestLookupCAA(t *testing.T) {
	server := fakeDNS(t, map[string]string{"example.com": "letsencrypt.org", "localhost": "pki.example"})
	publicSeams(t, nil, server)
	cases := []struct {
		name, holder, want string
	}{
		{"shop.example.com", "example.com", `0 issue "letsencrypt.org"`},
		{"example.com", "example.com", `0 issue "letsencrypt.org"`},
		{"localhost", "localhost", `0 issue "pki.example"`},
		{"shop.example.org", "", ""},
	}
	for _, c := range cases {
		recs, holder, err := lookupCAA(context.Background(), c.name)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if holder != c.holder || strings.Join(recs, ";") != c.want {
			t.Errorf("%s: got %v at %q, want %q at %q", c.name, recs, holder, c.want, c.holder)
		}
	}
	// Malformed answers are errors, never a crash or a loop.
	for _, m := range [][]byte{nil, {1, 2, 3}, append(make([]byte, 12), 0xc0), {0, 0, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 0xc0, 12, 0xc0, 12}} {
		if _, err := parseCAA(m); err == nil && len(m) < 12 {
			t.Errorf("parseCAA(%x): want an error", m)
		}
	}
}

// issueWith signs a localhost certificate with extra extensions.
func issueWith(t *testing.T, ca *testCA, ext []pkix.Extension) tls.Certificate {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	must(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(90 * 24 * time.Hour), DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		ExtraExtensions: ext,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	must(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestCAAAndCT: on a host taken as public, CAA records are looked up and
// SCTs looked for; a loopback host gets notes instead (TestNginxHandshakes).
func TestCAAAndCT(t *testing.T) {
	ca := newTestCA(t)
	sct := []pkix.Extension{{Id: oidSCTList, Value: []byte{0x04, 0x03, 0x00, 0x01, 0x00}}}
	cases := []struct {
		name     string
		caa      map[string]string
		ext      []pkix.Extension
		tlsSCT   bool
		want     []string
		wantNote string
	}{
		{name: "no CAA, no SCT", want: []string{"DJL125", "DJL126"}},
		{name: "CAA and an embedded SCT", caa: map[string]string{"localhost": "letsencrypt.org"}, ext: sct},
		{name: "SCT in the TLS extension", caa: map[string]string{"localhost": "letsencrypt.org"}, tlsSCT: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			publicSeams(t, ca.pool, fakeDNS(t, c.caa))
			cert := issueWith(t, ca, c.ext)
			if c.tlsSCT {
				cert.SignedCertificateTimestamps = [][]byte{{0, 1, 2, 3}}
			}
			u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
			res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Rules: []*analysisRule{CAAMissing, CTMissing}}, nil)
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Rule)
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("got %v, want %v:\n%s", got, c.want, dump(res))
			}
		})
	}
	t.Run("private CA", func(t *testing.T) {
		publicSeams(t, x509.NewCertPool(), fakeDNS(t, nil))
		u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{issueWith(t, ca, nil)}})
		res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Rules: []*analysisRule{CTMissing}}, nil)
		if len(res.Findings) != 0 || !strings.Contains(strings.Join(res.Notes, "\n"), "does not chain to a public root") {
			t.Errorf("a private CA's certificate: got %s notes %v", dump(res), res.Notes)
		}
	})
}

// TestPublicHost: loopback, private and unresolvable hosts are not public.
func TestPublicHost(t *testing.T) {
	for _, h := range []string{"localhost", "127.0.0.1", "10.1.2.3", "::1", "app.localhost", "intranet"} {
		if ok, why := publicHost(context.Background(), h); ok || why == "" {
			t.Errorf("%s: got public=%v (%q), want not public with a reason", h, ok, why)
		}
	}
}

// TestReadFlightHostile: whatever the server sends, reading its first
// flight ends with an answer or an error.
func TestReadFlightHostile(t *testing.T) {
	hello := func(extra ...byte) []byte {
		body := append([]byte{3, 3}, make([]byte, 32)...)
		body = append(body, 0, 0xc0, 0x2f, 0)
		msg := append([]byte{2, 0, 0, byte(len(body))}, body...)
		rec := append([]byte{22, 3, 3, 0, byte(len(msg))}, msg...)
		return append(rec, extra...)
	}
	cases := []struct {
		name  string
		in    []byte
		err   bool
		suite uint16
	}{
		{"empty", nil, true, 0},
		{"HTTP", []byte("HTTP/1.1 400 Bad Request\r\n\r\n"), true, 0},
		{"alert", []byte{21, 3, 3, 0, 2, 2, 40}, true, 0},
		{"huge record", []byte{22, 3, 3, 0xff, 0xff}, true, 0},
		{"short hello", []byte{22, 3, 3, 0, 5, 2, 0, 0, 1, 3}, true, 0},
		{"hello then EOF", hello(), false, 0xc02f},
		{"hello then CCS", hello(20, 3, 3, 0, 1, 1), false, 0xc02f},
		{"message longer than the records", append(hello(), 22, 3, 3, 0, 4, 11, 0xff, 0xff, 0xff), false, 0xc02f},
	}
	for _, c := range cases {
		r, err := readFlight(bytes.NewReader(c.in), false)
		if (err != nil) != c.err {
			t.Errorf("%s: got error %v, want error %v", c.name, err, c.err)
		}
		if c.name == "alert" && !errors.Is(err, errRefused) {
			t.Errorf("alert: got %v, want errRefused", err)
		}
		if err == nil && r.suite != c.suite {
			t.Errorf("%s: got suite %04x, want %04x", c.name, r.suite, c.suite)
		}
	}
}

// TestTLSGradeCaps grades handshake observations made up here, one
// weakness at a time, and wants SSL Labs' letter and the cap's reason.
func TestTLSGradeCaps(t *testing.T) {
	ca := newTestCA(t)
	cert, err := ca.issue(t, certSpec{})
	must(t, err)
	leaf, _ := x509.ParseCertificate(cert.Certificate[0])
	modern := func() *tlsInfo {
		return &tlsInfo{
			Versions: map[uint16]bool{tls.VersionTLS12: true, tls.VersionTLS13: true},
			Accepted: map[uint16][]uint16{tls.VersionTLS12: {tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}},
			Insecure: map[uint16][]uint16{}, Preferred: tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			TLS13Suite: tls.TLS_AES_256_GCM_SHA384, Chain: []*x509.Certificate{leaf}, Verified: true,
		}
	}
	cases := []struct {
		name     string
		change   func(*tlsInfo)
		findings []report.Finding
		grade    string
		reason   string
	}{
		{name: "modern, no HSTS", grade: "A", reason: "score 93 (A)"},
		{name: "TLS 1.0", change: func(i *tlsInfo) {
			i.Versions[tls.VersionTLS10] = true
			i.Accepted[tls.VersionTLS10] = []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA}
		}, grade: "B", reason: "capped at B: TLS 1.0 accepted"},
		{name: "no TLS 1.3", change: func(i *tlsInfo) { delete(i.Versions, tls.VersionTLS13) }, grade: "A-", reason: "warning (an A becomes A-): TLS 1.3 not accepted"},
		{name: "RC4 on TLS 1.2", change: func(i *tlsInfo) {
			i.Accepted[tls.VersionTLS12] = append(i.Accepted[tls.VersionTLS12], tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA)
		}, grade: "C", reason: "capped at C: RC4 accepted with TLS 1.1 or newer"},
		{name: "3DES on TLS 1.2", change: func(i *tlsInfo) {
			i.Accepted[tls.VersionTLS12] = append(i.Accepted[tls.VersionTLS12], tls.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA)
		}, grade: "C", reason: "SWEET32"},
		{name: "static RSA preferred", change: func(i *tlsInfo) {
			i.Accepted[tls.VersionTLS12] = append(i.Accepted[tls.VersionTLS12], tls.TLS_RSA_WITH_AES_128_GCM_SHA256)
			i.Preferred = tls.TLS_RSA_WITH_AES_128_GCM_SHA256
		}, grade: "B", reason: "capped at B: no forward secrecy with clients that support it"},
		{name: "CBC preferred", change: func(i *tlsInfo) {
			i.Accepted[tls.VersionTLS12] = append(i.Accepted[tls.VersionTLS12], tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)
			i.Preferred = tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
		}, grade: "B", reason: "capped at B: no AEAD with clients that support it"},
		{name: "no AEAD", change: func(i *tlsInfo) {
			delete(i.Versions, tls.VersionTLS13)
			i.Accepted[tls.VersionTLS12] = []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA}
		}, grade: "B", reason: "capped at B: no AEAD suite"},
		{name: "1024-bit DH", change: func(i *tlsInfo) { i.Groups.DHBits, i.Groups.DHSuite = 1024, 0x009e }, grade: "B", reason: "capped at B: weak key exchange (1024-bit DHE group)"},
		{name: "512-bit DH", change: func(i *tlsInfo) { i.Groups.DHBits, i.Groups.DHSuite = 512, 0x009e }, grade: "F", reason: "capped at F: insecure key exchange (512-bit DHE group)"},
		{name: "name mismatch", findings: []report.Finding{{Rule: TLSCertHostname.ID, Message: "the certificate is not valid for localhost"}}, grade: "M", reason: "M: the certificate is not valid for localhost (the grade would be A"},
		{name: "untrusted and mismatched", findings: []report.Finding{
			{Rule: TLSCertHostname.ID, Message: "not valid for localhost"}, {Rule: TLSCertUntrusted.ID, Message: "the certificate is not trusted"},
		}, grade: "T", reason: "T: the certificate is not trusted"},
		{name: "Heartbleed, found by another rule", findings: []report.Finding{{Rule: "DJL1xx", Name: "tls-heartbleed"}}, grade: "F", reason: "capped at F: vulnerable to Heartbleed (DJL1xx)"},
		{name: "NULL suites, found by another rule", findings: []report.Finding{{Rule: "DJL1xx", Name: "tls-null-cipher-accepted"}}, grade: "F", reason: "capped at F: NULL suites accepted (no encryption) (DJL1xx)"},
		{name: "anonymous suites, found by another rule", findings: []report.Finding{{Rule: "DJL1xx", Name: "tls-anonymous-cipher-accepted"}}, grade: "F", reason: "capped at F: anonymous suites accepted (no authentication) (DJL1xx)"},
		{name: "no secure renegotiation", findings: []report.Finding{{Rule: "DJL1xx", Name: "tls-insecure-renegotiation"}}, grade: "A-", reason: "secure renegotiation (RFC 5746) not supported"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := Options{Target: "https://127.0.0.1:1/", Timeout: time.Second}
			o.defaults()
			s, err := newSite(context.Background(), &o)
			must(t, err)
			info := modern()
			if c.change != nil {
				c.change(info)
			}
			s.once("tls", func() any { return info })
			g := tlsGrade(s, c.findings)
			all := strings.Join(g.Reasons, "\n")
			if g.Grade != c.grade || !strings.Contains(all, c.reason) {
				t.Errorf("got %s, want %s with a reason containing %q:\n%s", g.Grade, c.grade, c.reason, all)
			}
		})
	}
}

// TestReadFlightRandom feeds random and mutated first flights: every one
// ends with an answer or an error, within the bytes given.
func TestReadFlightRandom(t *testing.T) {
	seed := []byte{22, 3, 3, 0, 46, 2, 0, 0, 42, 3, 3}
	seed = append(seed, make([]byte, 32)...)
	seed = append(seed, 0, 0xc0, 0x2f, 0, 0, 6, 0, 51, 0, 2, 0, 29)
	buf := make([]byte, 300)
	for i := 0; i < 3000; i++ {
		in := append([]byte(nil), seed...)
		if i%2 == 0 {
			_, _ = rand.Read(buf[:i%len(buf)])
			in = append(in[:i%len(in)], buf[:i%len(buf)]...)
		} else {
			_, _ = rand.Read(buf)
			in = buf[:i%len(buf)]
		}
		_, _ = readFlight(bytes.NewReader(in), i%3 == 0)
	}
}

// TestCipherOrderGoServer: Go's server picks AES-GCM or ChaCha20 by the
// client's first AEAD suite, but never the weak suite a client lists
// first: that is the server's choice, not the client's order.
func TestCipherOrderGoServer(t *testing.T) {
	ca := newTestCA(t)
	cert, err := ca.issue(t, certSpec{})
	must(t, err)
	u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MaxVersion: tls.VersionTLS12})
	res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Rules: []*analysisRule{TLSCipherOrder}}, nil)
	if len(res.Findings) != 0 {
		t.Errorf("Go's server: got %s", dump(res))
	}
	if g := gradeNamed(res, "tls"); !strings.Contains(strings.Join(g.Reasons, "\n"), "server cipher order at TLS 1.2") {
		t.Errorf("the grade does not say the server chooses: %v", g.Reasons)
	}
}

// TestTLS13Only: a server that speaks only TLS 1.3 has no cipher order or
// DHE to test; its groups are read from HelloRetryRequests, and Go's
// server resumes with tickets.
func TestTLS13Only(t *testing.T) {
	ca := newTestCA(t)
	cert, err := ca.issue(t, certSpec{})
	must(t, err)
	u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13})
	res := runProbe(t, Options{Target: u, RootCAs: ca.pool, Rules: tlsInfoRules()}, nil)
	for _, f := range res.Findings {
		if f.Severity > report.Info {
			t.Errorf("unexpected %s %s: %s", f.Severity, f.Rule, f.Message)
		}
	}
	g := gradeNamed(res, "tls")
	all := strings.Join(g.Reasons, "\n")
	for _, want := range []string{"cipher order not tested: the server speaks only TLS 1.3", "TLS 1.3 suites TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256", "ECDHE curves secp256r1 secp384r1 secp521r1 X25519", "tickets yes at TLS 1.3"} {
		if !strings.Contains(all, want) {
			t.Errorf("no reason mentioning %q in:\n%s", want, all)
		}
	}
	if g.Grade != "A+" {
		t.Errorf("tls grade: got %s, want A+:\n%s", g.Grade, all)
	}
}

// TestRawHellosDropped: behind a middlebox that lets Go's hellos through
// but holds hand-made ones (no signed_certificate_timestamp extension),
// the probe gives up on them after two timeouts (the ones in flight time
// out together) and says which tests did not run.
func TestRawHellosDropped(t *testing.T) {
	ca := newTestCA(t)
	cert, err := ca.issue(t, certSpec{})
	must(t, err)
	u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	backend := u[strings.Index(u, "//")+2 : strings.LastIndex(u, "/")]
	backend = strings.Replace(backend, "localhost", "127.0.0.1", 1)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				n, err := c.Read(buf)
				if err != nil || !bytes.Contains(buf[:n], []byte{0x00, 0x12, 0x00, 0x00}) {
					time.Sleep(3 * time.Second) // held, then dropped
					return
				}
				b, err := net.Dial("tcp", backend)
				if err != nil {
					return
				}
				defer b.Close()
				_, _ = b.Write(buf[:n])
				go func() { _, _ = io.Copy(b, c) }()
				_, _ = io.Copy(c, b)
			}()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	start := time.Now()
	res := runProbe(t, Options{Target: "https://localhost:" + strconv.Itoa(port) + "/", RootCAs: ca.pool, Timeout: time.Second, Rules: tlsInfoRules()}, nil)
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("the probe took %s behind a middlebox holding hand-made hellos", d)
	}
	all := strings.Join(gradeNamed(res, "tls").Reasons, "\n")
	for _, want := range []string{"cipher order not tested: ", "some curves not tested: "} {
		if !strings.Contains(all, want) {
			t.Errorf("the grade does not say %q:\n%s", want, all)
		}
	}
}
