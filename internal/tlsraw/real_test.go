package tlsraw

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

func selfSigned(t *testing.T) (tls.Certificate, []byte, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"localhost"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
}

func selfSignedRSA(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageKeyEncipherment | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestFullHandshakeGo completes the hand-made handshake with Go's server,
// which checks the client's Finished and MACs: the key schedule and the
// record protection are right when it accepts. Every version from TLS 1.0
// to 1.2, AES-GCM and AES-CBC, three curves and the RSA key exchange. Go refuses renegotiation
// (unexpected_message), so the test is negative.
func TestFullHandshakeGo(t *testing.T) {
	cert, _, _ := selfSigned(t)
	rsaCert := selfSignedRSA(t)
	cases := []struct {
		version uint16
		suite   uint16
		curve   tls.CurveID
	}{
		{tls.VersionTLS12, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.X25519},
		{tls.VersionTLS12, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.CurveP256},
		{tls.VersionTLS12, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.CurveP384},
		{tls.VersionTLS11, tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.X25519},
		{tls.VersionTLS10, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, tls.CurveP256},
		{tls.VersionTLS12, tls.TLS_RSA_WITH_AES_128_GCM_SHA256, 0},
		{tls.VersionTLS12, tls.TLS_RSA_WITH_AES_256_GCM_SHA384, 0},
		{tls.VersionTLS11, tls.TLS_RSA_WITH_AES_256_CBC_SHA, 0},
		{tls.VersionTLS10, tls.TLS_RSA_WITH_AES_128_CBC_SHA, 0},
	}
	for _, tc := range cases {
		t.Run(VersionName(tc.version)+" "+tls.CipherSuiteName(tc.suite)+" "+tc.curve.String(), func(t *testing.T) {
			cfg := &tls.Config{Certificates: []tls.Certificate{cert},
				MinVersion: tc.version, MaxVersion: tc.version, CipherSuites: []uint16{tc.suite}, CurvePreferences: []tls.CurveID{tc.curve}}
			if tc.curve == 0 { // the RSA key exchange
				cfg.Certificates, cfg.CurvePreferences = []tls.Certificate{rsaCert}, nil
			}
			l, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			go func() {
				for {
					c, err := l.Accept()
					if err != nil {
						return
					}
					go func() {
						defer c.Close()
						buf := make([]byte, 512)
						c.SetDeadline(time.Now().Add(5 * time.Second))
						c.Read(buf) // the renegotiation hello: Go answers unexpected_message
					}()
				}
			}()
			s := scanner(l.Addr().String())
			r := s.ClientRenegotiation(context.Background())
			if r.Verdict != NotVulnerable || !strings.Contains(r.Detail, "refused with the unexpected_message alert") {
				t.Errorf("got %s (%s), want not vulnerable, refused with unexpected_message", r.Verdict, r.Detail)
			}
		})
	}
}

// TestClientRenegotiationOpenSSL runs `openssl s_server`, a real server
// that can still allow client-initiated renegotiation, with and without
// it, under TLS 1.2 (AES-GCM) and TLS 1.0 (AES-CBC with chained IVs).
func TestClientRenegotiationOpenSSL(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		testenv.Missing(t, "openssl", "apt-get install openssl")
	}
	_, certPEM, keyPEM := selfSigned(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, certPEM, 0o600)
	os.WriteFile(keyFile, keyPEM, 0o600)
	for _, tc := range []struct {
		flags []string
		want  Verdict
	}{
		{[]string{"-tls1_2", "-client_renegotiation"}, Vulnerable},
		{[]string{"-tls1_2"}, NotVulnerable},
		{[]string{"-tls1", "-cipher", "ALL:@SECLEVEL=0", "-client_renegotiation"}, Vulnerable},
		{[]string{"-tls1", "-cipher", "ALL:@SECLEVEL=0"}, NotVulnerable},
	} {
		t.Run(strings.Join(append([]string{"s_server"}, tc.flags...), " "), func(t *testing.T) {
			port := freePort(t)
			args := append([]string{"s_server", "-accept", "127.0.0.1:" + strconv.Itoa(port), "-cert", certFile, "-key", keyFile, "-www", "-quiet"}, tc.flags...)
			cmd := exec.Command(bin, args...)
			cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
			addr := "127.0.0.1:" + strconv.Itoa(port)
			waitListen(t, addr)
			r := scanner(addr).ClientRenegotiation(context.Background())
			if r.Verdict != tc.want {
				t.Errorf("got %s (%s), want %s", r.Verdict, r.Detail, tc.want)
			}
		})
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitListen(t *testing.T, addr string) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return
		}
	}
	t.Fatalf("nothing listens on %s", addr)
}

// TestTLS13Only: a server that accepts only TLS 1.3 has nothing these
// tests look for, and every test says so.
func TestTLS13Only(t *testing.T) {
	cert, _, _ := selfSigned(t)
	addr := goTLSServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13}, false)
	s := scanner(addr)
	for _, tf := range allTests {
		r := tf.fn(s, context.Background())
		if r.Verdict != NotVulnerable || !strings.Contains(r.Detail, "only TLS 1.3") {
			t.Errorf("%s: got %s (%s), want not vulnerable, only TLS 1.3", tf.name, r.Verdict, r.Detail)
		}
	}
}

// TestClientCertificateRequired: a server that asks for a client
// certificate cannot be renegotiated with by a client without one; the
// test says so instead of guessing.
func TestClientCertificateRequired(t *testing.T) {
	cert, _, _ := selfSigned(t)
	addr := goTLSServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MaxVersion: tls.VersionTLS12, ClientAuth: tls.RequireAnyClientCert}, false)
	r := scanner(addr).ClientRenegotiation(context.Background())
	if r.Verdict != Untested || !strings.Contains(r.Detail, "client certificate") {
		t.Errorf("got %s (%s), want not tested for want of a client certificate", r.Verdict, r.Detail)
	}
}

// goTLSServer serves Go's TLS with cfg on a loopback port until the test
// ends: each connection gets its handshake (and, with drain, is read to
// its end) within five seconds. It returns the address.
func goTLSServer(t *testing.T, cfg *tls.Config, drain bool) string {
	t.Helper()
	l, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				if c.(*tls.Conn).Handshake() == nil && drain {
					io.Copy(io.Discard, c)
				}
			}()
		}
	}()
	return l.Addr().String()
}
