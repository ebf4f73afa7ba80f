package probe

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
)

// rawHello is a ClientHello written by hand, for what crypto/tls will not
// send: suites in an order of djsec's choosing (Go orders them itself),
// finite-field DHE suites, named groups Go does not implement, and a
// session ID to resume. At TLS 1.2 and older the first server flight is in
// the clear, so the ServerHello, the ServerKeyExchange and an abbreviated
// (resumed) handshake can be read without finishing it; at TLS 1.3 only
// the ServerHello (or HelloRetryRequest) is read. The connection is closed
// once that is read; nothing is ever sent encrypted.
type rawHello struct {
	version    uint16   // client_version, at most TLS 1.2
	suites     []uint16 // in the order offered
	groups     []uint16 // supported_groups; nil sends none
	sessionID  []byte   // a session to resume
	serverName string
	// tls13 offers TLS 1.3 alone (supported_versions) with an empty
	// key_share: a server that accepts one of groups answers with a
	// HelloRetryRequest naming it, in the clear, before any key exists.
	tls13 bool
}

// rawServerHello is what the server answered.
type rawServerHello struct {
	version   uint16
	suite     uint16
	sessionID []byte
	// group is the named group of an ECDHE ServerKeyExchange; dhBits the
	// size of the prime of a DHE one.
	group  uint16
	dhBits int
	ffdhe  bool // the DHE prime is one of RFC 7919's
	// resumed: the server sent ChangeCipherSpec right after its
	// ServerHello, an abbreviated handshake resuming the session offered.
	resumed bool
}

// errRefused is a handshake the server ended with an alert: none of what
// was offered is acceptable to it.
var errRefused = errors.New("the server refused the handshake")

const (
	recHandshake = 22
	recAlert     = 21
	recCCS       = 20
	maxFlight    = 64 << 10 // bytes read of the server's first flight
)

func (h *rawHello) marshal() []byte {
	var body []byte
	version := h.version
	if h.tls13 {
		version = 0x0303 // legacy_version; the real one is in supported_versions
		if len(h.sessionID) == 0 {
			h.sessionID = make([]byte, 32) // middlebox compatibility, as browsers send
			_, _ = rand.Read(h.sessionID)
		}
	}
	body = binary.BigEndian.AppendUint16(body, version)
	random := make([]byte, 32)
	_, _ = rand.Read(random)
	body = append(body, random...)
	body = append(body, byte(len(h.sessionID)))
	body = append(body, h.sessionID...)
	body = binary.BigEndian.AppendUint16(body, uint16(2*len(h.suites)))
	for _, s := range h.suites {
		body = binary.BigEndian.AppendUint16(body, s)
	}
	body = append(body, 1, 0) // no compression

	var ext []byte
	add := func(typ uint16, data []byte) {
		ext = binary.BigEndian.AppendUint16(ext, typ)
		ext = binary.BigEndian.AppendUint16(ext, uint16(len(data)))
		ext = append(ext, data...)
	}
	if h.serverName != "" && net.ParseIP(h.serverName) == nil {
		n := []byte(h.serverName)
		var d []byte
		d = binary.BigEndian.AppendUint16(d, uint16(len(n)+3))
		d = append(d, 0)
		d = binary.BigEndian.AppendUint16(d, uint16(len(n)))
		add(0, append(d, n...))
	}
	if len(h.groups) > 0 {
		var d []byte
		d = binary.BigEndian.AppendUint16(d, uint16(2*len(h.groups)))
		for _, g := range h.groups {
			d = binary.BigEndian.AppendUint16(d, g)
		}
		add(10, d)            // supported_groups
		add(11, []byte{1, 0}) // ec_point_formats: uncompressed
	}
	// signature_algorithms: RSA and ECDSA with SHA-2, PSS, and SHA-1 last.
	sigs := []uint16{0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201}
	var d []byte
	d = binary.BigEndian.AppendUint16(d, uint16(2*len(sigs)))
	for _, s := range sigs {
		d = binary.BigEndian.AppendUint16(d, s)
	}
	add(13, d)
	if h.tls13 {
		add(43, []byte{2, 3, 4}) // supported_versions: TLS 1.3
		add(51, []byte{0, 0})    // key_share: none, the server names its group
		add(45, []byte{1, 1})    // psk_key_exchange_modes: psk_dhe_ke
	}
	add(0xff01, []byte{0}) // renegotiation_info, empty: a first handshake
	add(23, nil)           // extended_master_secret: a session made with it resumes only with it
	body = binary.BigEndian.AppendUint16(body, uint16(len(ext)))
	body = append(body, ext...)

	msg := []byte{1, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}
	msg = append(msg, body...)
	rec := []byte{recHandshake, 3, 1, byte(len(msg) >> 8), byte(len(msg))}
	return append(rec, msg...)
}

// rawHandshake sends the hello and reads the server's first flight: the
// ServerHello and, for a full handshake, up to ServerHelloDone.
func (s *Site) rawHandshake(h rawHello) (*rawServerHello, error) {
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Timeout)
	defer cancel()
	if err := s.client.acquire(ctx); err != nil {
		return nil, err
	}
	defer s.client.release()
	if h.serverName == "" {
		h.serverName = s.host
	}
	d := &net.Dialer{Timeout: s.opts.Timeout}
	conn, err := d.DialContext(ctx, "tcp", s.HostPort())
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	if _, err := conn.Write(h.marshal()); err != nil {
		return nil, fmt.Errorf("sending the hello: %w", err)
	}
	return readFlight(io.LimitReader(conn, maxFlight), h.tls13)
}

// readFlight parses records until ServerHelloDone, a ChangeCipherSpec
// (resumption) or an alert; at TLS 1.3 (helloOnly), until the ServerHello,
// after which everything is encrypted.
func readFlight(r io.Reader, helloOnly bool) (*rawServerHello, error) {
	out := &rawServerHello{}
	var hs []byte // handshake bytes, messages may span records
	seenHello := false
	hdr := make([]byte, 5)
	for {
		if _, err := io.ReadFull(r, hdr); err != nil {
			if seenHello {
				return out, nil
			}
			return nil, fmt.Errorf("reading the server's answer: %w", err)
		}
		n := int(binary.BigEndian.Uint16(hdr[3:]))
		if n > 1<<14+2048 {
			return nil, errors.New("the server's answer is not TLS")
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(r, payload); err != nil {
			return nil, fmt.Errorf("reading the server's answer: %w", err)
		}
		switch hdr[0] {
		case recAlert:
			if seenHello {
				return out, nil
			}
			return nil, errRefused
		case recCCS:
			if seenHello {
				out.resumed = true
				return out, nil
			}
			return nil, errors.New("the server's answer is not TLS")
		case recHandshake:
			hs = append(hs, payload...)
		default:
			return nil, errors.New("the server's answer is not TLS")
		}
		for len(hs) >= 4 {
			typ := hs[0]
			mlen := int(hs[1])<<16 | int(hs[2])<<8 | int(hs[3])
			if len(hs) < 4+mlen {
				break
			}
			m := hs[4 : 4+mlen]
			hs = hs[4+mlen:]
			switch typ {
			case 2: // ServerHello
				if err := parseServerHello(m, out); err != nil {
					return nil, err
				}
				seenHello = true
				if helloOnly {
					return out, nil
				}
			case 12: // ServerKeyExchange
				parseKeyExchange(m, out)
			case 14: // ServerHelloDone
				return out, nil
			}
		}
	}
}

func parseServerHello(m []byte, out *rawServerHello) error {
	if len(m) < 2+32+1 {
		return errors.New("short ServerHello")
	}
	out.version = binary.BigEndian.Uint16(m)
	m = m[34:]
	sl := int(m[0])
	if len(m) < 1+sl+3 {
		return errors.New("short ServerHello")
	}
	out.sessionID = append([]byte(nil), m[1:1+sl]...)
	out.suite = binary.BigEndian.Uint16(m[1+sl:])
	// Extensions: the version chosen and the key_share's group (a
	// HelloRetryRequest names only the group).
	m = m[1+sl+3:]
	if len(m) < 2 {
		return nil
	}
	m = m[2:]
	for len(m) >= 4 {
		typ, n := binary.BigEndian.Uint16(m), int(binary.BigEndian.Uint16(m[2:]))
		if len(m) < 4+n {
			break
		}
		data := m[4 : 4+n]
		m = m[4+n:]
		switch {
		case typ == 43 && n == 2:
			out.version = binary.BigEndian.Uint16(data)
		case typ == 51 && n >= 2:
			out.group = binary.BigEndian.Uint16(data)
		}
	}
	return nil
}

// parseKeyExchange reads the group of an ECDHE key exchange (curve type 3,
// a named curve) or the prime of a DHE one, told apart by the suite.
func parseKeyExchange(m []byte, out *rawServerHello) {
	if dheSuite(out.suite) {
		if len(m) < 2 {
			return
		}
		plen := int(binary.BigEndian.Uint16(m))
		if len(m) < 2+plen {
			return
		}
		p := m[2 : 2+plen]
		for len(p) > 0 && p[0] == 0 {
			p = p[1:]
		}
		out.ffdhe = bytes.HasPrefix(p, ffdhePrefix)
		if len(p) > 0 {
			bits := 8 * len(p)
			for b := p[0]; b&0x80 == 0; b <<= 1 {
				bits--
			}
			out.dhBits = bits
		}
		return
	}
	if len(m) >= 3 && m[0] == 3 {
		out.group = binary.BigEndian.Uint16(m[1:])
	}
}

// ffdhePrefix starts every RFC 7919 prime: 64 one bits, then the digits of
// e. A group a server made with openssl dhparam does not.
var ffdhePrefix = []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xad, 0xf8, 0x54, 0x58, 0xa2, 0xbb, 0x4a, 0x9a}

// ffdheBits are the sizes of the RFC 7919 groups, by named-group code.
var ffdheBits = map[uint16]int{256: 2048, 257: 3072, 258: 4096, 259: 6144, 260: 8192}

// Suites a hand-made hello offers, by IANA code.
var (
	// ecdheSuites: ECDHE with RSA or ECDSA, strongest first.
	ecdheSuites = []uint16{
		0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, // GCM, ChaCha20
		0xc023, 0xc027, 0xc024, 0xc028, // CBC-SHA256/384
		0xc009, 0xc013, 0xc00a, 0xc014, // CBC-SHA
		0xc008, 0xc012, 0xc007, 0xc011, // 3DES, RC4
	}
	// dheSuites: finite-field DHE, which Go does not implement.
	dheSuites = []uint16{
		0x009e, 0x009f, 0xccaa, // GCM, ChaCha20
		0x0067, 0x006b, 0x0033, 0x0039, // CBC
		0x0045, 0x0088, 0x0016, // Camellia, 3DES
		0x00a2, 0x00a3, 0x0040, 0x006a, 0x0032, 0x0038, 0x0013, // DSS
	}
)

func dheSuite(id uint16) bool {
	for _, s := range dheSuites {
		if s == id {
			return true
		}
	}
	return false
}

// namedGroups are the groups of supported_groups djsec knows the names of,
// with their strength in bits of security (RFC 8446, RFC 7919; SEC 2 for
// the old binary and short curves).
var namedGroups = map[uint16]struct {
	name string
	bits int // symmetric-equivalent strength
}{
	15: {"secp160k1", 80}, 16: {"secp160r1", 80}, 17: {"secp160r2", 80},
	18: {"secp192k1", 96}, 19: {"secp192r1", 96},
	20: {"secp224k1", 112}, 21: {"secp224r1", 112},
	22: {"secp256k1", 128}, 23: {"secp256r1", 128}, 24: {"secp384r1", 192}, 25: {"secp521r1", 256},
	26: {"brainpoolP256r1", 128}, 27: {"brainpoolP384r1", 192}, 28: {"brainpoolP512r1", 256},
	29: {"X25519", 128}, 30: {"X448", 224},
	256: {"ffdhe2048", 103}, 257: {"ffdhe3072", 128}, 258: {"ffdhe4096", 150}, 259: {"ffdhe6144", 175}, 260: {"ffdhe8192", 192},
	0x11ec: {"X25519MLKEM768", 128},
}

func groupName(id uint16) string {
	if g, ok := namedGroups[id]; ok {
		return g.name
	}
	return fmt.Sprintf("group 0x%04x", id)
}

// tls13Groups are the groups offered one at a time at TLS 1.3: the curves
// and the RFC 7919 finite-field groups.
var tls13Groups = []uint16{23, 24, 25, 29, 30, 256, 257, 258, 259, 260}

// ecGroups are the elliptic curves a hand-made hello can offer, weakest
// first.
var ecGroups = []uint16{15, 16, 17, 18, 19, 20, 21, 22, 26, 23, 29, 24, 27, 30, 25, 28}

// rawRetry runs a raw handshake unless hand-made hellos already went
// unanswered twice on this site: a middlebox that drops unusual hellos
// would otherwise cost a timeout for each of the dozens of them.
func (s *Site) rawRetry(h rawHello) (*rawServerHello, error) {
	silent := s.once("raw timeouts", func() any { return new(atomic.Int32) }).(*atomic.Int32)
	if silent.Load() >= 2 {
		return nil, errRawSilent
	}
	r, err := s.rawHandshake(h)
	var ne net.Error
	if err != nil && errors.As(err, &ne) && ne.Timeout() && s.ctx.Err() == nil {
		silent.Add(1)
	}
	return r, err
}

// errRawSilent stops the hand-made handshakes of a site that does not
// answer them.
var errRawSilent = errors.New("the server did not answer two hand-made hellos in time, so the others were not sent")

// suiteNames names the suites crypto/tls does not know.
var suiteNames = map[uint16]string{
	0x009e: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009f: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
	0xccaa: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0x0067: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
	0x006b: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
	0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 0x0045: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",
	0x0088: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", 0x0016: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
	0x00a2: "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 0x00a3: "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384",
	0x0040: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 0x006a: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",
	0x0032: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 0x0038: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
	0x0013: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", 0xc008: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
}

// suiteName is the IANA name of a suite, for those Go does not speak too.
func suiteName(id uint16) string {
	if n, ok := suiteNames[id]; ok {
		return n
	}
	return tls.CipherSuiteName(id)
}
