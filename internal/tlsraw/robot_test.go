package tlsraw

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

// teeConn reads through r (which keeps what was read).
type teeConn struct {
	net.Conn
	r io.Reader
}

func (c teeConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// ticketServer is Go's TLS server (RSA certificate, session tickets on)
// behind a front that answers any hello carrying a session ticket
// itself: as F5 BIG-IP's Ticketbleed did when leak is set (a 32-byte
// session ID, the bytes sent then memory), or with a fixed padding when
// constant is set. Without leak or constant every connection goes to Go.
func ticketServer(t *testing.T, leak, constant bool) string {
	t.Helper()
	backend := goTLSServer(t, &tls.Config{Certificates: []tls.Certificate{selfSignedRSA(t)}, MaxVersion: tls.VersionTLS12}, true)
	f := &fake{handle: func(c net.Conn) bool {
		var raw bytes.Buffer
		h, err := readClientHello(teeConn{c, io.TeeReader(c, &raw)})
		if err != nil {
			return true
		}
		if ticket := h.exts[ExtSessionTicket]; len(ticket) > 0 && (leak || constant) {
			sid := h.sessionID
			memory := bytes.Repeat([]byte{0xA5}, 32)
			if leak {
				_, _ = rand.Read(memory)
			}
			sh := []byte{3, 3}
			sh = append(sh, bytes.Repeat([]byte{7}, 32)...)
			sh = append(sh, 32)
			sh = append(sh, append(sid, memory...)[:32]...)
			sh = append(sh, 0xC0, 0x2F, 0)
			c.Write(appendRecords(nil, TypeHandshake, VersionTLS12, handshakeMsg(2, sh)))
			c.Write(appendRecords(nil, TypeChangeCipherSpec, VersionTLS12, []byte{1}))
			return true
		}
		b, err := net.Dial("tcp", backend)
		if err != nil {
			return true
		}
		defer b.Close()
		b.Write(raw.Bytes())
		go io.Copy(c, b)
		io.Copy(b, c)
		return true
	}}
	return f.start(t)
}

func TestTicketbleed(t *testing.T) {
	for _, tc := range []struct {
		name           string
		leak, constant bool
		want           Verdict
		hint           string
	}{
		{"leaker", true, false, Vulnerable, "26 bytes of its memory"},
		{"constant padding", false, true, NotVulnerable, "always with the same bytes"},
		{"go", false, false, NotVulnerable, "does not pad"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := scanner(ticketServer(t, tc.leak, tc.constant))
			r := s.Ticketbleed(context.Background())
			if r.Verdict != tc.want || !strings.Contains(r.Detail, tc.hint) {
				t.Errorf("got %s (%s), want %s with %q", r.Verdict, r.Detail, tc.want, tc.hint)
			}
			if n := s.Connections(); n > 12 {
				t.Errorf("%d connections for Ticketbleed", n)
			}
		})
	}
}

// TestRobotNginx runs Debian's nginx with an RSA certificate, the RSA key
// exchange (AES128-SHA) offered and session tickets on: a maintained
// OpenSSL is no Bleichenbacher oracle and has no Ticketbleed.
func TestRobotNginx(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if bin, err = exec.LookPath("/usr/sbin/nginx"); err != nil {
			testenv.Missing(t, "nginx", "apt-get install nginx-light")
		}
	}
	cert := selfSignedRSA(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	kder, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey.(*rsa.PrivateKey))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600)
	port := freePort(t)
	conf := fmt.Sprintf(`daemon off;
master_process off;
error_log %[1]s/error.log;
pid %[1]s/nginx.pid;
events {}
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[2]d ssl;
        ssl_certificate %[3]s;
        ssl_certificate_key %[4]s;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256:AES128-SHA;
        ssl_session_tickets on;
        location / { return 200 "ok"; }
    }
}
`, dir, port, certFile, keyFile)
	confFile := filepath.Join(dir, "nginx.conf")
	os.WriteFile(confFile, []byte(conf), 0o600)
	var out bytes.Buffer
	cmd := exec.Command(bin, "-p", dir, "-c", confFile, "-e", filepath.Join(dir, "error.log"))
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	addr := "127.0.0.1:" + strconv.Itoa(port)
	waitListen(t, addr)
	s := scanner(addr)
	if r := s.ROBOT(context.Background()); r.Verdict != NotVulnerable || strings.Contains(r.Detail, "no RSA key exchange") {
		t.Errorf("ROBOT: got %s (%s), want not vulnerable with the RSA key exchange tested", r.Verdict, r.Detail)
	} else {
		t.Logf("ROBOT: %s", r.Detail)
	}
	if r := s.Ticketbleed(context.Background()); r.Verdict != NotVulnerable || strings.Contains(r.Detail, "no session tickets") {
		t.Errorf("Ticketbleed: got %s (%s), want not vulnerable with a ticket tested", r.Verdict, r.Detail)
	} else {
		t.Logf("Ticketbleed: %s", r.Detail)
	}
}

// TestRobotHostile: what a server does after the malformed key exchange
// can be anything; ROBOT stays within its bounds and never calls noise an
// oracle.
func TestRobotHostile(t *testing.T) {
	rsaOnly := func(id uint16) bool { return id == 0x002F }
	var flip sync.Mutex
	n := 0
	cases := []struct {
		name     string
		afterCKE func(c net.Conn)
		want     Verdict
		hint     string
	}{
		{"silent", func(c net.Conn) { time.Sleep(5 * time.Second) }, NotVulnerable, "no answer"},
		{"garbage", func(c net.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) }, Untested, "not answer with a TLS record"},
		{"oversized record", func(c net.Conn) { c.Write([]byte{21, 3, 3, 0xFF, 0xFF}) }, Untested, "record of 65535 bytes"},
		{"endless records", func(c net.Conn) {
			for i := 0; i < 1000; i++ {
				if _, err := c.Write([]byte{23, 3, 3, 0, 1, 0}); err != nil {
					return
				}
			}
		}, NotVulnerable, "record of type 23"},
		{"alternating alerts", func(c net.Conn) {
			flip.Lock()
			n++
			desc := []uint8{AlertBadRecordMAC, AlertHandshakeFailure}[n%2]
			flip.Unlock()
			c.Write(alertRecord(VersionTLS12, desc))
		}, -1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := scanner((&fake{versions: []uint16{VersionTLS12}, accept: rsaOnly, afterCKE: tc.afterCKE}).start(t))
			start := time.Now()
			r := s.ROBOT(context.Background())
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("ROBOT took %v", d)
			}
			if n := s.Connections(); n > 11+len(legacyVersions)+1 {
				t.Errorf("%d connections", n)
			}
			if tc.want == -1 {
				// Noise: either both rounds happened to agree (an oracle
				// by every measure djsec has) or, mostly, not tested.
				t.Logf("%s: %s", r.Verdict, r.Detail)
				return
			}
			if r.Verdict != tc.want || !strings.Contains(r.Detail, tc.hint) {
				t.Errorf("got %s (%s), want %s with %q", r.Verdict, r.Detail, tc.want, tc.hint)
			}
		})
	}
}
