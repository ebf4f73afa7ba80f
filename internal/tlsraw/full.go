package tlsraw

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// A complete handshake by hand, for the one test that needs a session:
// client-initiated renegotiation. It speaks ECDHE (X25519, P-256, P-384)
// or the RSA key exchange, with AES-GCM under TLS 1.2 or AES-CBC with
// HMAC-SHA1 under TLS 1.0 to 1.2, which covers every server that still
// offers AES, and does not verify the server's signature or Finished
// message: it learns nothing secret and sends nothing but a second hello.

// fullSuites are the suites the full handshake can complete: ECDHE with
// AES-GCM first, then AES-CBC (the only choice of a TLS 1.0 or 1.1
// server), then the RSA key exchange for servers without ECDHE.
var fullSuites = []uint16{0xC02F, 0xC02B, 0xC030, 0xC02C, 0xC013, 0xC009, 0xC014, 0xC00A, 0x009C, 0x009D, 0x002F, 0x0035}

// keyExchange returns the premaster secret and the ClientKeyExchange body
// for the suite the server chose: ECDHE on the server's named curve, or
// RSA encryption to its certificate's key.
func keyExchange(f *Flight, v uint16) (pms, body []byte, err error) {
	if !strings.HasPrefix(SuiteName(f.Hello.Suite), "TLS_ECDHE_") {
		if len(f.Certificates) == 0 {
			return nil, nil, errors.New("the server sent no certificate for the RSA key exchange")
		}
		cert, err := x509.ParseCertificate(f.Certificates[0])
		if err != nil {
			return nil, nil, fmt.Errorf("the server's certificate: %w", err)
		}
		key, ok := cert.PublicKey.(*rsa.PublicKey)
		if !ok {
			return nil, nil, errors.New("the server's certificate has no RSA key for the RSA key exchange")
		}
		pms = make([]byte, 48)
		pms[0], pms[1] = byte(v>>8), byte(v)
		if _, err := rand.Read(pms[2:]); err != nil {
			return nil, nil, err
		}
		enc, err := rsa.EncryptPKCS1v15(rand.Reader, key, pms)
		if err != nil {
			return nil, nil, err
		}
		return pms, append([]byte{byte(len(enc) >> 8), byte(len(enc))}, enc...), nil
	}
	ske := &cursor{b: f.KeyExchange}
	if ske.u8() != 3 {
		return nil, nil, errors.New("the ServerKeyExchange does not name a curve")
	}
	curve := curveFor(ske.u16())
	peer := ske.vec8()
	if ske.err != nil || curve == nil {
		return nil, nil, errors.New("the server chose a curve djsec does not speak")
	}
	serverPub, err := curve.NewPublicKey(peer)
	if err != nil {
		return nil, nil, fmt.Errorf("the server's ECDHE key: %w", err)
	}
	priv, err := curve.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if pms, err = priv.ECDH(serverPub); err != nil {
		return nil, nil, err
	}
	pub := priv.PublicKey().Bytes()
	return pms, append([]byte{byte(len(pub))}, pub...), nil
}

// protection seals and opens the records of one direction.
type protection interface {
	seal(seq uint64, typ uint8, version uint16, plaintext []byte) []byte
	open(seq uint64, typ uint8, version uint16, record []byte) ([]byte, error)
}

// session is an established connection.
type session struct {
	c                    *Conn
	version              uint16
	client, server       protection
	clientSeq, serverSeq uint64
	clientVerifyData     []byte
	ticket               []byte // the NewSessionTicket's ticket, if any
}

// prf12 is the TLS 1.2 PRF (RFC 5246 §5) over one hash.
func prf12(newHash func() hash.Hash) func(secret []byte, label string, seed []byte, n int) []byte {
	return func(secret []byte, label string, seed []byte, n int) []byte {
		return pHash(newHash, secret, append([]byte(label), seed...), n)
	}
}

// prf10 is the TLS 1.0 and 1.1 PRF (RFC 2246 §5): P_MD5 of the first half
// of the secret XOR P_SHA1 of the second.
func prf10(secret []byte, label string, seed []byte, n int) []byte {
	ls := append([]byte(label), seed...)
	half := (len(secret) + 1) / 2
	a := pHash(md5.New, secret[:half], ls, n)
	b := pHash(sha1.New, secret[len(secret)-half:], ls, n)
	for i := range a {
		a[i] ^= b[i]
	}
	return a
}

func pHash(newHash func() hash.Hash, secret, seed []byte, n int) []byte {
	out := make([]byte, 0, n+64)
	mac := hmac.New(newHash, secret)
	mac.Write(seed)
	a := mac.Sum(nil)
	for len(out) < n {
		mac.Reset()
		mac.Write(a)
		mac.Write(seed)
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

// establish completes a handshake at version v on a new connection.
func (s *Scanner) establish(ctx context.Context, v uint16) (*session, error) {
	h := &ClientHello{Version: v, Suites: fullSuites, Renegotiation: true}
	c, f, err := s.handshakeAt(ctx, h, true)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			c.Close()
		}
	}()
	if f.Hello.Version != v {
		return nil, fmt.Errorf("the server answered with %s, not %s", VersionName(f.Hello.Version), VersionName(v))
	}
	suite := f.Hello.Suite
	pms, ckeBody, err := keyExchange(f, v)
	if err != nil {
		return nil, err
	}
	prf, transcriptHash := prf12(sha256.New), func(b []byte) []byte { x := sha256.Sum256(b); return x[:] }
	if suite == 0xC030 || suite == 0xC02C || suite == 0x009D {
		prf, transcriptHash = prf12(sha512.New384), func(b []byte) []byte { x := sha512.Sum384(b); return x[:] }
	}
	if v < VersionTLS12 {
		prf = prf10
		transcriptHash = func(b []byte) []byte { m, s1 := md5.Sum(b), sha1.Sum(b); return append(m[:], s1[:]...) }
	}
	var flight []byte
	if f.CertRequest {
		// No certificate to offer: an empty list, as any client without
		// one answers; a server that requires one refuses after it.
		flight = handshakeMessage(11, []byte{0, 0, 0})
	}
	cke := handshakeMessage(16, ckeBody)
	flight = append(flight, cke...)
	c.Transcript = append(c.Transcript, flight...)
	master := prf(pms, "master secret", append(h.Random[:], f.Hello.Random[:]...), 48)
	keyBlock := func(n int) []byte { return prf(master, "key expansion", append(f.Hello.Random[:], h.Random[:]...), n) }
	ss := &session{c: c, version: v}
	switch suite {
	case 0xC02F, 0xC02B, 0xC030, 0xC02C, 0x009C, 0x009D:
		keyLen := 16
		if suite == 0xC030 || suite == 0xC02C || suite == 0x009D {
			keyLen = 32
		}
		kb := keyBlock(2*keyLen + 8)
		if ss.client, err = newGCM(kb[:keyLen], kb[2*keyLen:2*keyLen+4]); err != nil {
			return nil, err
		}
		if ss.server, err = newGCM(kb[keyLen:2*keyLen], kb[2*keyLen+4:]); err != nil {
			return nil, err
		}
	case 0xC013, 0xC009, 0xC014, 0xC00A, 0x002F, 0x0035:
		keyLen := 16
		if suite == 0xC014 || suite == 0xC00A || suite == 0x0035 {
			keyLen = 32
		}
		kb := keyBlock(2*20 + 2*keyLen + 2*16)
		k := kb[40:]
		iv := k[2*keyLen:]
		if ss.client, err = newCBC(kb[:20], k[:keyLen], iv[:16], v); err != nil {
			return nil, err
		}
		if ss.server, err = newCBC(kb[20:40], k[keyLen:2*keyLen], iv[16:32], v); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("the server chose %s, which was not offered", SuiteName(suite))
	}
	ss.clientVerifyData = prf(master, "client finished", transcriptHash(c.Transcript), 12)
	// From here on a refusal is not a refusal of what the hello offered:
	// the handshake itself failed, most likely for want of a client
	// certificate when one was asked for.
	failed := func(err error) error {
		if f.CertRequest {
			return fmt.Errorf("%w (%v)", errClientCert, err)
		}
		return fmt.Errorf("the server ended the handshake after djsec's key exchange: %v", err)
	}
	if err := c.Write(TypeHandshake, v, flight); err != nil {
		return nil, failed(err)
	}
	if err := c.Write(TypeChangeCipherSpec, v, []byte{1}); err != nil {
		return nil, failed(err)
	}
	if err := ss.send(TypeHandshake, handshakeMessage(20, ss.clientVerifyData)); err != nil {
		return nil, failed(err)
	}
	// The server's answer: perhaps a NewSessionTicket, then
	// ChangeCipherSpec and its encrypted Finished.
	for i, ccs := 0, false; i < 8; i++ {
		typ, _, p, err := c.ReadRecord()
		if err != nil {
			return nil, failed(err)
		}
		switch {
		case typ == TypeChangeCipherSpec:
			ccs = true
		case typ == TypeHandshake && !ccs:
			// NewSessionTicket: lifetime hint, then the ticket.
			if len(p) > 10 && p[0] == 4 {
				cur := &cursor{b: p[8:]}
				if t := cur.vec16(); cur.err == nil && len(t) > 0 {
					ss.ticket = t
				}
			}
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

// send seals one record with the client's keys.
func (ss *session) send(typ uint8, plaintext []byte) error {
	rec := ss.client.seal(ss.clientSeq, typ, ss.version, plaintext)
	ss.clientSeq++
	return ss.c.Write(typ, ss.version, rec)
}

// open opens one record from the server.
func (ss *session) open(typ uint8, rec []byte) ([]byte, error) {
	pt, err := ss.server.open(ss.serverSeq, typ, ss.version, rec)
	if err != nil {
		return nil, err
	}
	ss.serverSeq++
	return pt, nil
}

var errClientCert = errors.New("the server requires a client certificate, which djsec does not have")

var errDecrypt = errors.New("a record from the server does not decrypt (the handshake keys disagree)")

func additionalData(seq uint64, typ uint8, version uint16, n int) []byte {
	var b [13]byte
	binary.BigEndian.PutUint64(b[:8], seq)
	b[8], b[9], b[10], b[11], b[12] = typ, byte(version>>8), byte(version), byte(n>>8), byte(n)
	return b[:]
}

// gcmProtection is AES-GCM as TLS 1.2 uses it (RFC 5288): a 4-byte
// implicit nonce from the key block and the sequence number as the 8
// explicit bytes.
type gcmProtection struct {
	aead cipher.AEAD
	salt []byte
}

func newGCM(key, salt []byte) (protection, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		return nil, err
	}
	return &gcmProtection{aead: a, salt: salt}, nil
}

func (g *gcmProtection) seal(seq uint64, typ uint8, version uint16, pt []byte) []byte {
	var explicit [8]byte
	binary.BigEndian.PutUint64(explicit[:], seq)
	nonce := append(append([]byte{}, g.salt...), explicit[:]...)
	return g.aead.Seal(append([]byte{}, explicit[:]...), nonce, pt, additionalData(seq, typ, version, len(pt)))
}

func (g *gcmProtection) open(seq uint64, typ uint8, version uint16, rec []byte) ([]byte, error) {
	if len(rec) < 8+g.aead.Overhead() {
		return nil, errDecrypt
	}
	nonce := append(append([]byte{}, g.salt...), rec[:8]...)
	n := len(rec) - 8 - g.aead.Overhead()
	pt, err := g.aead.Open(nil, nonce, rec[8:], additionalData(seq, typ, version, n))
	if err != nil {
		return nil, errDecrypt
	}
	return pt, nil
}

// cbcProtection is AES-CBC with HMAC-SHA1, MAC then encrypt: under TLS
// 1.0 the IV chains from record to record, from 1.1 on each record
// carries its own.
type cbcProtection struct {
	block   cipher.Block
	macKey  []byte
	iv      []byte // TLS 1.0's chained IV
	chained bool
}

func newCBC(macKey, key, iv []byte, v uint16) (protection, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return &cbcProtection{block: b, macKey: macKey, iv: append([]byte{}, iv...), chained: v == VersionTLS10}, nil
}

func (c *cbcProtection) mac(seq uint64, typ uint8, version uint16, pt []byte) []byte {
	m := hmac.New(sha1.New, c.macKey)
	m.Write(additionalData(seq, typ, version, len(pt)))
	m.Write(pt)
	return m.Sum(nil)
}

func (c *cbcProtection) seal(seq uint64, typ uint8, version uint16, pt []byte) []byte {
	data := append(append([]byte{}, pt...), c.mac(seq, typ, version, pt)...)
	pad := 16 - (len(data)+1)%16
	if pad == 16 {
		pad = 0
	}
	for i := 0; i <= pad; i++ {
		data = append(data, byte(pad))
	}
	iv := c.iv
	var out []byte
	if !c.chained {
		iv = make([]byte, 16)
		_, _ = rand.Read(iv)
		out = append(out, iv...)
	}
	enc := make([]byte, len(data))
	cipher.NewCBCEncrypter(c.block, iv).CryptBlocks(enc, data)
	if c.chained {
		c.iv = append([]byte{}, enc[len(enc)-16:]...)
	}
	return append(out, enc...)
}

func (c *cbcProtection) open(seq uint64, typ uint8, version uint16, rec []byte) ([]byte, error) {
	iv := c.iv
	if !c.chained {
		if len(rec) < 16 {
			return nil, errDecrypt
		}
		iv, rec = rec[:16], rec[16:]
	}
	if len(rec) == 0 || len(rec)%16 != 0 || len(rec) < 32 {
		return nil, errDecrypt
	}
	pt := make([]byte, len(rec))
	cipher.NewCBCDecrypter(c.block, iv).CryptBlocks(pt, rec)
	if c.chained {
		c.iv = append([]byte{}, rec[len(rec)-16:]...)
	}
	pad := int(pt[len(pt)-1])
	if pad+1+20 > len(pt) {
		return nil, errDecrypt
	}
	for _, b := range pt[len(pt)-1-pad:] {
		if int(b) != pad {
			return nil, errDecrypt
		}
	}
	body := pt[:len(pt)-1-pad-20]
	if !hmac.Equal(c.mac(seq, typ, version, body), pt[len(body):len(body)+20]) {
		return nil, errDecrypt
	}
	return body, nil
}

// ClientRenegotiation: after a complete handshake at the best version up
// to TLS 1.2, send a second ClientHello inside the session, as `openssl s_client` does on "R". A
// server that answers with a ServerHello lets any client make it redo the
// expensive half of a handshake at will (a denial of service lever, and
// with insecure renegotiation CVE-2009-3555).
func (s *Scanner) ClientRenegotiation(ctx context.Context) Result {
	acc, _, r := s.base(ctx)
	if r != nil {
		return *r
	}
	v := highest(acc)
	if v < VersionTLS10 {
		return untested("the test completes a TLS 1.0 to 1.2 handshake, and the server accepts only SSLv3")
	}
	ss, err := s.establish(ctx, v)
	if err != nil {
		if errors.Is(err, errClientCert) {
			return untested("%v", err)
		}
		if Refused(err) {
			return untested("the test needs an AES suite (GCM or CBC, ECDHE or RSA key exchange), which the server refused under %s (%v)", VersionName(v), err)
		}
		return untested("completing a %s handshake: %v", VersionName(v), err)
	}
	defer ss.c.Close()
	again := &ClientHello{Version: v, Suites: fullSuites, RenegotiationData: ss.clientVerifyData}
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
			return Result{Verdict: Vulnerable, Version: v,
				Detail: "the server accepts a client-initiated renegotiation (it answered a second ClientHello with a ServerHello)"}
		case typ == TypeHandshake:
			continue // HelloRequest or a ticket: read on
		}
		return untested("after the renegotiation request the server sent a record of type %d", typ)
	}
	return untested("no answer to the renegotiation request among the records the server sent")
}
