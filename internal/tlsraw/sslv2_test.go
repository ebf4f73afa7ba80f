package tlsraw

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

// readSSLv2ClientHello reads an SSLv2 CLIENT-HELLO as a server of 1996
// did, and fails on anything the format does not allow: it proves the
// hello is well made.
func readSSLv2ClientHello(c net.Conn) ([]uint32, error) {
	var h [2]byte
	if _, err := io.ReadFull(c, h[:]); err != nil {
		return nil, err
	}
	if h[0]&0x80 == 0 {
		return nil, io.ErrUnexpectedEOF
	}
	body := make([]byte, int(h[0]&0x7F)<<8|int(h[1]))
	if _, err := io.ReadFull(c, body); err != nil {
		return nil, err
	}
	cur := &cursor{b: body}
	typ, version := cur.u8(), cur.u16()
	specLen, sidLen, chLen := int(cur.u16()), int(cur.u16()), int(cur.u16())
	specs := cur.bytes(specLen)
	cur.bytes(sidLen)
	cur.bytes(chLen)
	if cur.err != nil || len(cur.b) != 0 || typ != 1 || version != 2 || specLen%3 != 0 || sidLen != 0 || chLen != 16 {
		return nil, io.ErrUnexpectedEOF
	}
	var ids []uint32
	for i := 0; i < len(specs); i += 3 {
		ids = append(ids, uint32(specs[i])<<16|uint32(specs[i+1])<<8|uint32(specs[i+2]))
	}
	return ids, nil
}

func sslv2Record(msg []byte) []byte {
	return append([]byte{0x80 | byte(len(msg)>>8), byte(len(msg))}, msg...)
}

// sslv2ServerHello builds a SERVER-HELLO with the given certificate and
// cipher kinds and a 16-byte connection id.
func sslv2ServerHello(cert []byte, ciphers []uint32) []byte {
	msg := []byte{4, 0, 1, 0, 2}
	msg = appendU16(msg, uint16(len(cert)))
	msg = appendU16(msg, uint16(3*len(ciphers)))
	msg = appendU16(msg, 16)
	msg = append(msg, cert...)
	for _, id := range ciphers {
		msg = append(msg, byte(id>>16), byte(id>>8), byte(id))
	}
	return sslv2Record(append(msg, bytes.Repeat([]byte{9}, 16)...))
}

// sslv2Server is an SSLv2 server that accepts the listed cipher kinds
// (nil: none, and it lists none, as OpenSSL did before CVE-2015-3197).
func sslv2Server(cert []byte, accept ...uint32) *fake {
	return &fake{handle: func(c net.Conn) bool {
		offered, err := readSSLv2ClientHello(c)
		if err != nil {
			return true
		}
		var both []uint32
		for _, id := range offered {
			for _, a := range accept {
				if id == a {
					both = append(both, id)
				}
			}
		}
		c.Write(sslv2ServerHello(cert, both))
		return true
	}}
}

func TestSSLv2FakeServers(t *testing.T) {
	cert := selfSignedRSA(t).Certificate[0]
	rc4, rc4exp, des3 := uint32(0x010080), uint32(0x020080), uint32(0x0700C0)
	v2only := func(answer func(c net.Conn)) *fake {
		return &fake{handle: func(c net.Conn) bool {
			if _, err := readSSLv2ClientHello(c); err == nil {
				answer(c)
			}
			return true
		}}
	}
	cases := []struct {
		name             string
		srv              *fake
		sslv2, drown     Verdict
		sslv2Hint, dHint string
	}{
		{"sslv2 with export ciphers", sslv2Server(cert, rc4, rc4exp, des3), Vulnerable, Vulnerable,
			"SSL_CK_RC4_128_EXPORT40_WITH_MD5", "40-bit export"},
		{"sslv2 without export ciphers", sslv2Server(cert, rc4, des3), Vulnerable, Vulnerable,
			"2 ciphers: SSL_CK_RC4_128_WITH_MD5, SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "special DROWN"},
		{"sslv2 listing no cipher", sslv2Server(cert), Vulnerable, Vulnerable, "CVE-2015-3197", "certificate SHA-256"},
		{"sslv2 error", v2only(func(c net.Conn) { c.Write(sslv2Record([]byte{0, 0, 1})) }), Vulnerable, Untested,
			"NO-CIPHER-ERROR", "refused every SSLv2 cipher"},
		{"tls alert", v2only(func(c net.Conn) { c.Write(alertRecord(VersionTLS10, AlertHandshakeFailure)) }), NotVulnerable, NotVulnerable,
			"handshake_failure alert", "mail servers"},
		{"tls handshake record", v2only(func(c net.Conn) { c.Write(appendRecords(nil, TypeHandshake, VersionTLS12, []byte{2, 0, 0, 0})) }),
			NotVulnerable, NotVulnerable, "in TLS", "not vulnerable on this host"},
		{"closes", v2only(func(c net.Conn) {}), NotVulnerable, NotVulnerable, "closed the connection", "closed the connection"},
		{"modern tls", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite}, NotVulnerable, NotVulnerable, "no SSLv2", "other servers"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := scanner(tc.srv.start(t))
			r, d := s.SSLv2(context.Background()), s.DROWN(context.Background())
			if r.Verdict != tc.sslv2 || !strings.Contains(r.Detail, tc.sslv2Hint) {
				t.Errorf("SSLv2: got %s (%s), want %s saying %q", r.Verdict, r.Detail, tc.sslv2, tc.sslv2Hint)
			}
			if d.Verdict != tc.drown || !strings.Contains(d.Detail, tc.dHint) {
				t.Errorf("DROWN: got %s (%s), want %s saying %q", d.Verdict, d.Detail, tc.drown, tc.dHint)
			}
			if n := s.Connections(); n != 1 {
				t.Errorf("%d connections for SSLv2 and DROWN, want 1", n)
			}
		})
	}
}

// TestSSLv2Hostile: answers that lie about their lengths, stop short,
// drip or say nothing make the SSLv2 test "not tested", within the
// exchange timeout and with no allocation past the record's 32 KiB.
func TestSSLv2Hostile(t *testing.T) {
	cases := []struct {
		name, why string
		answer    []byte
		drip      bool
	}{
		{"lying certificate length", "do not add up", func() []byte {
			b := sslv2ServerHello(make([]byte, 40), []uint32{0x010080})
			b[7], b[8] = 0x7F, 0xFF // certificate length 32767 in a short record
			return b
		}(), false},
		{"cipher specs not in threes", "not a multiple of 3", func() []byte {
			b := sslv2ServerHello(nil, []uint32{0x010080})
			b[10] = 4
			return b
		}(), false},
		{"record longer than sent", "truncated SSLv2 record of 32767 bytes", []byte{0xFF, 0xFF, 4, 0, 1}, false},
		{"short header", "shorter than its header", sslv2Record([]byte{4, 0, 1}), false},
		{"wrong version", "version 0x0300", sslv2Record([]byte{4, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0}), false},
		{"unknown message", "message type 7", sslv2Record([]byte{7, 0, 0}), false},
		{"not TLS", "neither an SSLv2 nor a TLS record", []byte("HTTP/1.1 400 Bad Request\r\n\r\n"), false},
		{"oversized TLS record", "record of 65535 bytes", []byte{22, 3, 3, 0xFF, 0xFF}, false},
		{"slowloris", "timeout", sslv2ServerHello(make([]byte, 200), []uint32{0x010080}), true},
		{"silent", "timeout", nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.why == "timeout" {
				t.Skip("waits for the exchange timeout")
			}
			srv := &fake{handle: func(c net.Conn) bool {
				if _, err := readSSLv2ClientHello(c); err != nil {
					return true
				}
				switch {
				case tc.drip:
					for _, b := range tc.answer {
						if _, err := c.Write([]byte{b}); err != nil {
							return true
						}
						time.Sleep(300 * time.Millisecond)
					}
				case tc.answer == nil:
					time.Sleep(5 * time.Second)
				default:
					c.Write(tc.answer)
					time.Sleep(100 * time.Millisecond)
				}
				return true
			}}
			s := scanner(srv.start(t))
			start := time.Now()
			for name, r := range map[string]Result{"SSLv2": s.SSLv2(context.Background()).Result, "DROWN": s.DROWN(context.Background()).Result} {
				if r.Verdict != Untested || !strings.Contains(r.Detail, tc.why) {
					t.Errorf("%s: got %s (%s), want not tested saying %q", name, r.Verdict, r.Detail, tc.why)
				}
			}
			if d := time.Since(start); d > s.Timeout+time.Second {
				t.Errorf("took %v, over the exchange timeout of %v", d, s.Timeout)
			}
		})
	}
}

// TestSSLv2OpenSSL: Debian's OpenSSL 3 has no SSLv2; its server must be
// found not to speak it (real nginx is covered by the probe's tests).
func TestSSLv2OpenSSL(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		testenv.Missing(t, "openssl", "apt-get install openssl")
	}
	_, certPEM, keyPEM := selfSigned(t)
	dir := t.TempDir()
	certFile, keyFile := dir+"/cert.pem", dir+"/key.pem"
	_ = os.WriteFile(certFile, certPEM, 0o600)
	_ = os.WriteFile(keyFile, keyPEM, 0o600)
	port := freePort(t)
	cmd := exec.Command(bin, "s_server", "-accept", "127.0.0.1:"+strconv.Itoa(port), "-cert", certFile, "-key", keyFile, "-www", "-quiet")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	addr := "127.0.0.1:" + strconv.Itoa(port)
	waitListen(t, addr)
	s := scanner(addr)
	if r := s.SSLv2(context.Background()); r.Verdict != NotVulnerable {
		t.Errorf("SSLv2: got %s (%s), want not vulnerable", r.Verdict, r.Detail)
	} else {
		t.Log(r.Detail)
	}
	if r := s.DROWN(context.Background()); r.Verdict != NotVulnerable {
		t.Errorf("DROWN: got %s (%s), want not vulnerable", r.Verdict, r.Detail)
	}
}
