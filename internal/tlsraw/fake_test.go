package tlsraw

// Deliberately vulnerable TLS servers, written with raw records: they
// answer the hand-made handshakes as the servers of 2014 did (SSLv3,
// export suites, TLS compression, heartbeat echoing memory, early
// ChangeCipherSpec accepted), which no Debian server can do any more.
// They implement only the first flight; none of them can finish a
// handshake, and none needs to.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fake describes one deliberately vulnerable server.
type fake struct {
	versions    []uint16              // accepted; the best one not above the client's is chosen
	accept      func(id uint16) bool  // suites the server accepts (nil: every known one)
	compression bool                  // chooses DEFLATE when offered (CRIME)
	heartbeat   bool                  // answers the heartbeat extension
	heartbleed  bool                  // echoes what a heartbeat claims (Heartbleed)
	earlyCCS    bool                  // accepts an early ChangeCipherSpec (CVE-2014-0224)
	noReneg     bool                  // ignores the renegotiation SCSV (no RFC 5746)
	noFallback  bool                  // ignores TLS_FALLBACK_SCSV
	robot       bool                  // refuses a badly padded RSA premaster at once (a ROBOT oracle)
	afterCKE    func(c net.Conn)      // a hostile server's answer to the ClientKeyExchange
	dhPrime     []byte                // the DH prime for DHE suites (default 2048-bit)
	handle      func(c net.Conn) bool // a hostile server's own behaviour; true: handled
	leaked      *[]byte               // what a heartbleed response carried, for the test to see
	mu          sync.Mutex
}

// clientHello is what the fake servers read of a ClientHello.
type clientHello struct {
	version     uint16
	suites      []uint16
	compression []uint8
	exts        map[uint16][]byte
	sessionID   []byte
}

func readClientHello(c net.Conn) (*clientHello, error) {
	r, err := readRecord(c)
	if err != nil {
		return nil, err
	}
	cur := &cursor{b: r.Payload}
	if cur.u8() != 1 {
		return nil, io.ErrUnexpectedEOF
	}
	body := &cursor{b: cur.bytes(cur.u24())}
	h := &clientHello{version: body.u16(), exts: map[uint16][]byte{}}
	body.bytes(32)
	h.sessionID = body.vec8()
	suites := &cursor{b: body.vec16()}
	for len(suites.b) >= 2 {
		h.suites = append(h.suites, suites.u16())
	}
	h.compression = body.vec8()
	if len(body.b) > 0 {
		ext := &cursor{b: body.vec16()}
		for ext.err == nil && len(ext.b) > 0 {
			t := ext.u16()
			h.exts[t] = ext.vec16()
		}
	}
	if body.err != nil || cur.err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return h, nil
}

func handshakeMsg(typ uint8, body []byte) []byte {
	return append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
}

func alertRecord(v uint16, desc uint8) []byte {
	return appendRecords(nil, TypeAlert, v, []byte{2, desc})
}

// rfc3526Group14 is the 2048-bit MODP prime of RFC 3526, written out from
// its definition: 2^2048 - 2^1984 - 1 + 2^64 * ( [2^1918 pi] + 124476 ).
var rfc3526Group14 = []byte{0xFF} // replaced in init by a 256-byte prime-sized value

func init() {
	// The tests only need 256 bytes with the top bit set: the scanner
	// measures the size and looks the value up; it never computes with it.
	rfc3526Group14 = bytes.Repeat([]byte{0xC5}, 256)
}

func (f *fake) serve(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if f.handle != nil && f.handle(c) {
		return
	}
	h, err := readClientHello(c)
	if err != nil {
		return
	}
	best := uint16(0)
	for _, v := range f.versions {
		if v <= h.version && v > best {
			best = v
		}
	}
	rv := min(h.version, VersionTLS10)
	if h.version == VersionSSL30 {
		rv = VersionSSL30
	}
	if best == 0 {
		c.Write(alertRecord(rv, AlertProtocolVersion))
		return
	}
	if !f.noFallback && slices.Contains(h.suites, SCSVFallback) && best < slices.Max(f.versions) {
		c.Write(alertRecord(best, AlertInappropriateFallbk))
		return
	}
	suite := uint16(0)
	for _, s := range h.suites {
		if _, known := suiteNames[s]; known && (f.accept == nil || f.accept(s)) {
			suite = s
			break
		}
	}
	if suite == 0 {
		c.Write(alertRecord(best, AlertHandshakeFailure))
		return
	}
	comp := uint8(0)
	if f.compression && slices.Contains(h.compression, 1) {
		comp = 1
	}
	sh := []byte{byte(best >> 8), byte(best)}
	sh = append(sh, bytes.Repeat([]byte{7}, 32)...)
	sh = append(sh, 0)
	sh = appendU16(sh, suite)
	sh = append(sh, comp)
	var ext []byte
	_, renegExt := h.exts[ExtRenegotiation]
	if !f.noReneg && (renegExt || slices.Contains(h.suites, SCSVRenegotiation)) {
		ext = append(ext, 0xFF, 0x01, 0, 1, 0)
	}
	if _, ok := h.exts[ExtHeartbeat]; ok && f.heartbeat {
		ext = append(ext, 0, 15, 0, 1, 1)
	}
	if len(ext) > 0 { // OpenSSL answered extensions under SSLv3 too
		sh = appendU16(sh, uint16(len(ext)))
		sh = append(sh, ext...)
	}
	flight := handshakeMsg(2, sh)
	cert := fakeCert()
	n := len(cert)
	certs := append([]byte{0, byte((n + 3) >> 8), byte(n + 3), 0, byte(n >> 8), byte(n)}, cert...)
	flight = append(flight, handshakeMsg(11, certs)...)
	if IsDHE(suite) {
		p := f.dhPrime
		if p == nil {
			p = rfc3526Group14
		}
		ske := appendU16(nil, uint16(len(p)))
		ske = append(ske, p...)
		ske = append(ske, 0, 1, 2)
		ske = appendU16(ske, uint16(len(p)))
		ske = append(ske, bytes.Repeat([]byte{3}, len(p))...)
		ske = append(ske, 0, 4, 0xAB, 0xCD, 0xEF, 0x01) // a signature nobody checks
		flight = append(flight, handshakeMsg(12, ske)...)
	}
	flight = append(flight, handshakeMsg(14, nil)...)
	if _, err := c.Write(appendRecords(nil, TypeHandshake, best, flight)); err != nil {
		return
	}
	ccs, cke := 0, false
	for {
		r, err := readRecord(c)
		if err != nil {
			return
		}
		switch r.Type {
		case TypeHeartbeat:
			if !f.heartbleed || len(r.Payload) < 3 {
				continue // discarded, as RFC 6520 asks of a malformed request
			}
			claimed := int(r.Payload[1])<<8 | int(r.Payload[2])
			memory := append(slices.Clone(r.Payload[3:]), bytes.Repeat([]byte("SECRET"), 4096)...)
			resp := append([]byte{2, r.Payload[1], r.Payload[2]}, memory[:claimed]...)
			resp = append(resp, bytes.Repeat([]byte{0}, 16)...)
			if f.leaked != nil {
				f.mu.Lock()
				*f.leaked = resp
				f.mu.Unlock()
			}
			c.Write(appendRecords(nil, TypeHeartbeat, best, resp))
		case TypeHandshake:
			if cke || len(r.Payload) < 6 || r.Payload[0] != 16 {
				// The Finished after ChangeCipherSpec: no key opens it.
				c.Write(alertRecord(best, AlertBadRecordMAC))
				return
			}
			cke = true
			if f.afterCKE != nil {
				f.afterCKE(c)
				return
			}
			if f.robot && !fakePaddingOK(r.Payload[6:], best) {
				c.Write(alertRecord(best, AlertHandshakeFailure))
				return
			}
		case TypeChangeCipherSpec:
			ccs++
			if cke {
				continue
			}
			if !f.earlyCCS {
				c.Write(alertRecord(best, AlertUnexpectedMessage))
				return
			}
			if ccs == 2 {
				c.Write(alertRecord(best, AlertDecryptionFailed))
				return
			}
		default:
			return
		}
	}
}

var fakeKey = sync.OnceValues(func() (*rsa.PrivateKey, []byte) {
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), DNSNames: []string{"localhost"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return key, der
})

// fakeCert is the fake servers' RSA certificate.
func fakeCert() []byte { _, der := fakeKey(); return der }

// fakePaddingOK decrypts an RSA premaster as a careless server does and
// says whether its PKCS#1 v1.5 padding and version are right.
func fakePaddingOK(enc []byte, v uint16) bool {
	key, _ := fakeKey()
	m := new(big.Int).Exp(new(big.Int).SetBytes(enc), key.D, key.N).FillBytes(make([]byte, key.Size()))
	k := len(m)
	if m[0] != 0 || m[1] != 2 || m[k-49] != 0 || m[k-48] != byte(v>>8) || m[k-47] != byte(v) {
		return false
	}
	return !bytes.Contains(m[2:k-49], []byte{0})
}

// start runs the fake server on 127.0.0.1 until the test ends.
func (f *fake) start(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { l.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); f.serve(c) }()
		}
	}()
	return l.Addr().String()
}

func scanner(addr string) *Scanner {
	return &Scanner{Target: Target{Addr: addr, ServerName: "localhost", Timeout: 2 * time.Second}}
}

type testFn struct {
	name string
	fn   func(*Scanner, context.Context) Result
}

var allTests = []testFn{
	{"heartbleed", (*Scanner).Heartbleed}, {"ccs", (*Scanner).CCSInjection}, {"renegotiation", (*Scanner).SecureRenegotiation},
	{"fallback", (*Scanner).FallbackSCSV}, {"sweet32", (*Scanner).SWEET32}, {"freak", (*Scanner).FREAK},
	{"logjam", (*Scanner).LOGJAM}, {"beast", (*Scanner).BEAST}, {"poodle", (*Scanner).POODLE}, {"crime", (*Scanner).CRIME},
	{"client-renegotiation", (*Scanner).ClientRenegotiation},
	{"null", (*Scanner).NULLCiphers}, {"anon", (*Scanner).AnonCiphers}, {"low", (*Scanner).LOWCiphers},
	{"robot", (*Scanner).ROBOT}, {"ticketbleed", (*Scanner).Ticketbleed},
}

// modernSuite: AEAD suites with ECDHE or RSA, no RC4 (testssl.sh counts
// it LOW).
func modernSuite(id uint16) bool {
	return !IsExport(id) && !IsBlock64(id) && !IsCBC(id) && !IsDHE(id) && !IsAnon(id) && !IsNull(id) && !strings.Contains(name(id), "RC4")
}

// TestFakeServers runs every test against deliberately vulnerable servers
// and against a modern one, and wants exactly the verdicts listed.
func TestFakeServers(t *testing.T) {
	oakley2 := primeOf(t, "RFC2409/Oakley Group 2")
	cases := []struct {
		name string
		srv  *fake
		want map[string]Verdict // tests not listed must say not vulnerable
		hint map[string]string  // a word the detail must carry
	}{
		{"modern", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite}, nil, map[string]string{"fallback": "only TLS 1.2"}},
		{"sslv3-cbc", &fake{versions: []uint16{VersionSSL30, VersionTLS10, VersionTLS12}},
			map[string]Verdict{"poodle": Vulnerable, "beast": Vulnerable, "sweet32": Vulnerable, "freak": Vulnerable, "logjam": Vulnerable,
				"null": Vulnerable, "anon": Vulnerable, "low": Vulnerable},
			map[string]string{"poodle": "SSLv3", "beast": "likely mitigated", "logjam": "EXPORT"}},
		{"sslv3-rc4-only", &fake{versions: []uint16{VersionSSL30}, accept: func(id uint16) bool { return id == 0x0005 }},
			map[string]Verdict{"ticketbleed": NotVulnerable}, map[string]string{"poodle": "no CBC"}},
		{"3des-only-legacy", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x000A || modernSuite(id) }},
			map[string]Verdict{"sweet32": Vulnerable}, map[string]string{"sweet32": "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}},
		{"rsa-export", &fake{versions: []uint16{VersionTLS10}, accept: func(id uint16) bool { return IsRSAExport(id) || id == 0xC02F }},
			map[string]Verdict{"freak": Vulnerable, "sweet32": Vulnerable, "beast": Vulnerable}, map[string]string{"freak": "EXPORT"}},
		{"dhe-export", &fake{versions: []uint16{VersionTLS10, VersionTLS11}, accept: func(id uint16) bool { return IsDHEExport(id) || id == 0xC02F }},
			map[string]Verdict{"logjam": Vulnerable, "sweet32": Vulnerable, "beast": Vulnerable}, map[string]string{"logjam": "DHE export"}},
		{"null-ciphers", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return IsNull(id) && !IsAnon(id) || modernSuite(id) }},
			map[string]Verdict{"null": Vulnerable}, map[string]string{"null": "TLS_RSA_WITH_NULL_MD5"}},
		{"ecdhe-null-only", &fake{versions: []uint16{VersionTLS11, VersionTLS12}, accept: func(id uint16) bool { return id == 0xC010 || modernSuite(id) }},
			map[string]Verdict{"null": Vulnerable}, map[string]string{"null": "under TLS 1.2: TLS_ECDHE_RSA_WITH_NULL_SHA"}},
		{"anon-ciphers", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x00A6 || id == 0x00A7 || id == 0xC018 || modernSuite(id) }},
			map[string]Verdict{"anon": Vulnerable}, map[string]string{"anon": "TLS_DH_anon_WITH_AES_128_GCM_SHA256"}},
		{"des-only-legacy", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x0009 || modernSuite(id) }},
			map[string]Verdict{"low": Vulnerable, "sweet32": Vulnerable}, map[string]string{"low": "TLS_RSA_WITH_DES_CBC_SHA"}},
		{"dh-1024-common", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x009E }, dhPrime: oakley2},
			map[string]Verdict{"logjam": Vulnerable}, map[string]string{"logjam": "Oakley Group 2"}},
		{"dh-1024-own", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x009E }, dhPrime: bytes.Repeat([]byte{0xD7}, 128)},
			nil, map[string]string{"logjam": "1024-bit DH group"}},
		{"dh-768", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x009E }, dhPrime: bytes.Repeat([]byte{0xD7}, 96)},
			map[string]Verdict{"logjam": Vulnerable}, map[string]string{"logjam": "768-bit"}},
		{"dh-2048", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x009E }},
			nil, map[string]string{"logjam": "2048-bit"}},
		{"compression", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite, compression: true},
			map[string]Verdict{"crime": Vulnerable}, nil},
		{"heartbeat-fixed", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite, heartbeat: true},
			nil, map[string]string{"heartbleed": "not answered"}},
		{"heartbleed", &fake{versions: []uint16{VersionTLS11, VersionTLS12}, accept: modernSuite, heartbeat: true, heartbleed: true},
			map[string]Verdict{"heartbleed": Vulnerable}, map[string]string{"heartbleed": "51 bytes"}},
		{"early-ccs", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite, earlyCCS: true},
			map[string]Verdict{"ccs": Vulnerable}, map[string]string{"ccs": "decryption_failed"}},
		{"no-secure-renegotiation", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite, noReneg: true},
			map[string]Verdict{"renegotiation": Vulnerable}, nil},
		{"no-fallback-scsv", &fake{versions: []uint16{VersionTLS11, VersionTLS12}, accept: modernSuite, noFallback: true},
			map[string]Verdict{"fallback": Vulnerable}, map[string]string{"fallback": "TLS 1.1"}},
		{"robot-oracle", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite, robot: true},
			map[string]Verdict{"robot": Vulnerable}, map[string]string{"robot": "wrong first two bytes: handshake_failure alert"}},
		{"rsa-no-oracle", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x009C }},
			nil, map[string]string{"robot": "same answer (bad_record_mac alert"}},
		{"no-rsa-kex", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0xC02F }},
			nil, map[string]string{"robot": "no RSA key exchange"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := scanner(tc.srv.start(t))
			for _, tf := range allTests {
				r := tf.fn(s, context.Background())
				want, ok := tc.want[tf.name]
				switch {
				case ok:
				case tf.name == "client-renegotiation" || tf.name == "ticketbleed":
					// The fake servers cannot finish a handshake: the
					// real ones of real_test.go cover this test.
					want = Untested
				default:
					want = NotVulnerable
				}
				if r.Verdict != want {
					t.Errorf("%s: got %s (%s), want %s", tf.name, r.Verdict, r.Detail, want)
				}
				if w := tc.hint[tf.name]; w != "" && !bytes.Contains([]byte(r.Detail), []byte(w)) {
					t.Errorf("%s: detail %q does not say %q", tf.name, r.Detail, w)
				}
			}
			if n := s.conns.Load(); n > DefaultMaxConns {
				t.Errorf("%d connections, over the budget of %d", n, DefaultMaxConns)
			}
		})
	}
}

func primeOf(t *testing.T, name string) []byte {
	t.Helper()
	CommonPrime(nil)
	for hex, n := range primes {
		if n == name {
			b, ok := new(big.Int).SetString(hex, 16)
			if !ok {
				t.Fatal("bad prime")
			}
			return b.Bytes()
		}
	}
	t.Fatalf("no prime named %q", name)
	return nil
}
