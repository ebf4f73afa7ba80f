package tlsraw

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
)

// A complete TLS 1.2 handshake by hand, for the one test that needs a
// session: client-initiated renegotiation. It speaks only ECDHE (X25519,
// P-256, P-384) with AES-GCM, which every TLS 1.2 server of the last
// decade accepts, and does not verify the server's signature or Finished
// message: it learns nothing secret and sends nothing but a second hello.

// fullSuites are the suites the full handshake can complete.
var fullSuites = []uint16{0xC02F, 0xC02B, 0xC030, 0xC02C}

// session is an established TLS 1.2 connection.
type session struct {
	c                *Conn
	version          uint16
	clientAEAD       cipher.AEAD
	serverAEAD       cipher.AEAD
	clientIV         []byte
	serverIV         []byte
	clientSeq        uint64
	serverSeq        uint64
	clientVerifyData []byte
}

func prf(newHash func() hash.Hash, secret []byte, label string, seed []byte, n int) []byte {
	ls := append([]byte(label), seed...)
	out := make([]byte, 0, n+64)
	mac := hmac.New(newHash, secret)
	mac.Write(ls)
	a := mac.Sum(nil)
	for len(out) < n {
		mac.Reset()
		mac.Write(a)
		mac.Write(ls)
		out = mac.Sum(out)
		mac.Reset()
		mac.Write(a)
		a = mac.Sum(nil)
	}
	return out[:n]
}

func curveFor(id uint16) ecdh.Curve {
	switch id {
	case 29:
		return ecdh.X25519()
	case 23:
		return ecdh.P256()
	case 24:
		return ecdh.P384()
	}
	return nil
}

// establish completes a TLS 1.2 handshake on a new connection.
func (s *Scanner) establish(ctx context.Context) (*session, error) {
	h := &ClientHello{Version: VersionTLS12, Suites: fullSuites, Renegotiation: true}
	c, f, err := s.handshakeAt(ctx, h)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			c.Close()
		}
	}()
	if f.Hello.Version != VersionTLS12 {
		return nil, fmt.Errorf("the server answered with %s, not TLS 1.2", VersionName(f.Hello.Version))
	}
	ske := &cursor{b: f.KeyExchange}
	if ske.u8() != 3 {
		return nil, errors.New("the ServerKeyExchange does not name a curve")
	}
	curve := curveFor(ske.u16())
	peer := ske.vec8()
	if ske.err != nil || curve == nil {
		return nil, errors.New("the server chose a curve djsec does not speak")
	}
	serverPub, err := curve.NewPublicKey(peer)
	if err != nil {
		return nil, fmt.Errorf("the server's ECDHE key: %w", err)
	}
	priv, err := curve.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	pms, err := priv.ECDH(serverPub)
	if err != nil {
		return nil, err
	}
	newHash, keyLen := sha256.New, 16
	if f.Hello.Suite == 0xC030 || f.Hello.Suite == 0xC02C {
		newHash, keyLen = sha512.New384, 32
	}
	pub := priv.PublicKey().Bytes()
	cke := handshakeMessage(16, append([]byte{byte(len(pub))}, pub...))
	c.Transcript = append(c.Transcript, cke...)
	random := append(h.Random[:], f.Hello.Random[:]...)
	master := prf(newHash, pms, "master secret", random, 48)
	swapped := append(f.Hello.Random[:], h.Random[:]...)
	kb := prf(newHash, master, "key expansion", swapped, 2*keyLen+8)
	ss := &session{c: c, version: VersionTLS12, clientIV: kb[2*keyLen : 2*keyLen+4], serverIV: kb[2*keyLen+4:]}
	if ss.clientAEAD, err = gcm(kb[:keyLen]); err != nil {
		return nil, err
	}
	if ss.serverAEAD, err = gcm(kb[keyLen : 2*keyLen]); err != nil {
		return nil, err
	}
	th := newHash()
	th.Write(c.Transcript)
	ss.clientVerifyData = prf(newHash, master, "client finished", th.Sum(nil), 12)
	if err := c.Write(TypeHandshake, VersionTLS12, cke); err != nil {
		return nil, err
	}
	if err := c.Write(TypeChangeCipherSpec, VersionTLS12, []byte{1}); err != nil {
		return nil, err
	}
	if err := ss.send(TypeHandshake, handshakeMessage(20, ss.clientVerifyData)); err != nil {
		return nil, err
	}
	// The server's answer: perhaps a NewSessionTicket, then
	// ChangeCipherSpec and its encrypted Finished.
	for i, ccs := 0, false; i < 8; i++ {
		typ, _, p, err := c.ReadRecord()
		if err != nil {
			return nil, err
		}
		switch {
		case typ == TypeChangeCipherSpec:
			ccs = true
		case typ == TypeHandshake && !ccs:
			// NewSessionTicket
		case typ == TypeHandshake && ccs:
			pt, err := ss.open(typ, p)
			if err != nil {
				return nil, err
			}
			if len(pt) < 4 || pt[0] != 20 {
				return nil, errors.New("the server's Finished message is missing")
			}
			ok = true
			return ss, nil
		default:
			return nil, fmt.Errorf("unexpected record of type %d before the server's Finished", typ)
		}
	}
	return nil, errors.New("no Finished from the server")
}

func handshakeMessage(typ uint8, body []byte) []byte {
	return append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
}

func gcm(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// send encrypts one record with the client's key (RFC 5288).
func (ss *session) send(typ uint8, plaintext []byte) error {
	var explicit [8]byte
	binary.BigEndian.PutUint64(explicit[:], ss.clientSeq)
	nonce := append(append([]byte{}, ss.clientIV...), explicit[:]...)
	aad := append(explicit[:], typ, byte(ss.version>>8), byte(ss.version), byte(len(plaintext)>>8), byte(len(plaintext)))
	out := ss.clientAEAD.Seal(append([]byte{}, explicit[:]...), nonce, plaintext, aad)
	ss.clientSeq++
	return ss.c.Write(typ, ss.version, out)
}

// open decrypts one record from the server.
func (ss *session) open(typ uint8, p []byte) ([]byte, error) {
	if len(p) < 8+ss.serverAEAD.Overhead() {
		return nil, errors.New("an encrypted record too short to hold anything")
	}
	nonce := append(append([]byte{}, ss.serverIV...), p[:8]...)
	n := len(p) - 8 - ss.serverAEAD.Overhead()
	var seq [8]byte
	binary.BigEndian.PutUint64(seq[:], ss.serverSeq)
	aad := append(seq[:], typ, byte(ss.version>>8), byte(ss.version), byte(n>>8), byte(n))
	pt, err := ss.serverAEAD.Open(nil, nonce, p[8:], aad)
	if err != nil {
		return nil, errors.New("a record from the server does not decrypt (the handshake keys disagree)")
	}
	ss.serverSeq++
	return pt, nil
}

// ClientRenegotiation: after a complete TLS 1.2 handshake, send a second
// ClientHello inside the session, as `openssl s_client` does on "R". A
// server that answers with a ServerHello lets any client make it redo the
// expensive half of a handshake at will (a denial of service lever, and
// with insecure renegotiation CVE-2009-3555).
func (s *Scanner) ClientRenegotiation(ctx context.Context) Result {
	acc, _, r := s.base(ctx)
	if r != nil {
		return *r
	}
	if !acc[VersionTLS12] {
		return untested("the test completes a TLS 1.2 handshake, and the server does not accept TLS 1.2")
	}
	ss, err := s.establish(ctx)
	if err != nil {
		if Refused(err) {
			return untested("the test needs an ECDHE suite with AES-GCM, which the server refused (%v)", err)
		}
		return untested("completing a TLS 1.2 handshake: %v", err)
	}
	defer ss.c.Close()
	again := &ClientHello{Version: VersionTLS12, Suites: fullSuites, RenegotiationData: ss.clientVerifyData}
	s.prepare(again)
	ss.c.SetWait(s.quiet())
	if err := ss.send(TypeHandshake, again.Marshal()); err != nil {
		if Refused(err) {
			return safe("the server closed the connection on a renegotiation request")
		}
		return untested("sending the renegotiation request: %v", err)
	}
	for i := 0; i < 4; i++ {
		typ, _, p, err := ss.c.ReadRecord()
		var a *Alert
		switch {
		case isTimeout(err):
			return safe("a client-initiated renegotiation drew no answer (timed out)")
		case Refused(err) && !errors.As(err, &a):
			return safe("the server closed the connection on a client-initiated renegotiation")
		case err != nil && !errors.As(err, &a):
			return untested("after the renegotiation request: %v", err)
		}
		pt, derr := ss.open(typ, p)
		if derr != nil {
			return untested("after the renegotiation request: %v", derr)
		}
		switch {
		case typ == TypeAlert && len(pt) == 2:
			return safe("a client-initiated renegotiation is refused with the %s alert", (&Alert{Level: pt[0], Description: pt[1]}).name())
		case typ == TypeHandshake && len(pt) > 0 && pt[0] == 2:
			return Result{Verdict: Vulnerable, Version: VersionTLS12,
				Detail: "the server accepts a client-initiated renegotiation (it answered a second ClientHello with a ServerHello)"}
		case typ == TypeHandshake:
			continue // HelloRequest or a ticket: read on
		}
		return untested("after the renegotiation request the server sent a record of type %d", typ)
	}
	return untested("no answer to the renegotiation request among the records the server sent")
}
