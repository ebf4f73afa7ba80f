package tlsraw

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SSLv2 (1995) has its own record format: a two-byte header whose top bit
// is set and whose other 15 bits are the length, then the message. No
// TLS library of today speaks it; these hellos are made by hand.

// SSLv2Cipher is one SSLv2 cipher kind (three bytes on the wire).
type SSLv2Cipher struct {
	ID     uint32
	Name   string
	Export bool // 40-bit secret key: the general DROWN attack needs one
}

// sslv2Ciphers are the seven cipher kinds of the SSLv2 specification.
var sslv2Ciphers = []SSLv2Cipher{
	{0x010080, "SSL_CK_RC4_128_WITH_MD5", false},
	{0x020080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5", true},
	{0x030080, "SSL_CK_RC2_128_CBC_WITH_MD5", false},
	{0x040080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5", true},
	{0x050080, "SSL_CK_IDEA_128_CBC_WITH_MD5", false},
	{0x060040, "SSL_CK_DES_64_CBC_WITH_MD5", false},
	{0x0700C0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5", false},
}

// SSLv2CipherName names an SSLv2 cipher kind.
func SSLv2CipherName(id uint32) string {
	for _, c := range sslv2Ciphers {
		if c.ID == id {
			return c.Name
		}
	}
	return fmt.Sprintf("0x%06X", id)
}

func sslv2Export(id uint32) bool {
	for _, c := range sslv2Ciphers {
		if c.ID == id {
			return c.Export
		}
	}
	return false
}

// SSLv2ClientHello returns an SSLv2 CLIENT-HELLO record offering the seven
// SSLv2 cipher kinds, no session id and a 16-byte challenge.
func SSLv2ClientHello() []byte {
	specs := make([]byte, 0, 3*len(sslv2Ciphers))
	for _, c := range sslv2Ciphers {
		specs = append(specs, byte(c.ID>>16), byte(c.ID>>8), byte(c.ID))
	}
	challenge := make([]byte, 16)
	_, _ = rand.Read(challenge)
	msg := []byte{1, 0x00, 0x02} // CLIENT-HELLO, version 2
	msg = appendU16(msg, uint16(len(specs)))
	msg = appendU16(msg, 0) // session id length
	msg = appendU16(msg, uint16(len(challenge)))
	msg = append(msg, specs...)
	msg = append(msg, challenge...)
	return append([]byte{0x80 | byte(len(msg)>>8), byte(len(msg))}, msg...)
}

// SSLv2ServerHello is what an SSLv2 SERVER-HELLO says.
type SSLv2ServerHello struct {
	SessionIDHit bool
	CertType     uint8
	Certificate  []byte
	Ciphers      []uint32
	ConnectionID []byte
}

// sslv2Error is an SSLv2 ERROR message: the server speaks SSLv2 but
// refused the hello.
type sslv2Error struct{ code uint16 }

func (e *sslv2Error) Error() string {
	names := map[uint16]string{1: "NO-CIPHER-ERROR", 2: "NO-CERTIFICATE-ERROR", 4: "BAD-CERTIFICATE-ERROR", 6: "UNSUPPORTED-CERTIFICATE-TYPE-ERROR"}
	if n, ok := names[e.code]; ok {
		return "the server sent the SSLv2 error " + n
	}
	return fmt.Sprintf("the server sent SSLv2 error %d", e.code)
}

// errMalformedV2 marks an answer that starts as SSLv2 and breaks its own
// lengths.
var errMalformedV2 = errors.New("malformed SSLv2 SERVER-HELLO")

// readSSLv2Answer reads the server's answer to an SSLv2 CLIENT-HELLO: an
// SSLv2 SERVER-HELLO, an SSLv2 ERROR (*sslv2Error), a TLS record (its
// *Alert, or ErrNotSSLv2 wrapped), a closed connection (ErrClosed), or an
// error. The record's length is at most 2^15-1 by its format; every length
// inside is checked against it.
func readSSLv2Answer(r io.Reader) (*SSLv2ServerHello, error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:1]); err != nil {
		return nil, closedErr(err)
	}
	if _, err := io.ReadFull(r, h[1:]); err != nil {
		return nil, fmt.Errorf("truncated answer: %w", err)
	}
	if h[0] >= TypeChangeCipherSpec && h[0] <= TypeHeartbeat && h[1] == 3 {
		rec, err := readRecord(io.MultiReader(bytes.NewReader(h[:]), r))
		if err != nil {
			return nil, err
		}
		if rec.Type == TypeAlert && len(rec.Payload) >= 2 {
			return nil, &Alert{Level: rec.Payload[0], Description: rec.Payload[1]}
		}
		return nil, fmt.Errorf("%w (a TLS record of type %d)", errTLSAnswer, rec.Type)
	}
	if h[0]&0x80 == 0 {
		return nil, errors.New("the server answered with neither an SSLv2 nor a TLS record")
	}
	n := int(h[0]&0x7F)<<8 | int(h[1])
	body := make([]byte, n) // at most 32767 bytes
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("truncated SSLv2 record of %d bytes: %w", n, err)
	}
	c := &cursor{b: body}
	switch c.u8() {
	case 0: // ERROR
		code := c.u16()
		if c.err != nil {
			return nil, fmt.Errorf("%w: a short ERROR message", errMalformedV2)
		}
		return nil, &sslv2Error{code: code}
	case 4: // SERVER-HELLO
	default:
		return nil, fmt.Errorf("%w: message type %d", errMalformedV2, body[0])
	}
	sh := &SSLv2ServerHello{SessionIDHit: c.u8() != 0, CertType: c.u8()}
	version := c.u16()
	certLen, specLen, connLen := int(c.u16()), int(c.u16()), int(c.u16())
	if c.err != nil {
		return nil, fmt.Errorf("%w: %d bytes, shorter than its header", errMalformedV2, n)
	}
	if version != 0x0002 {
		return nil, fmt.Errorf("%w: version 0x%04X", errMalformedV2, version)
	}
	if specLen%3 != 0 {
		return nil, fmt.Errorf("%w: cipher-spec length %d is not a multiple of 3", errMalformedV2, specLen)
	}
	if 11+certLen+specLen+connLen != n {
		return nil, fmt.Errorf("%w: lengths %d+%d+%d do not add up to the record's %d bytes", errMalformedV2, certLen, specLen, connLen, n)
	}
	if connLen < 16 || connLen > 32 {
		return nil, fmt.Errorf("%w: connection id of %d bytes (16 to 32 allowed)", errMalformedV2, connLen)
	}
	sh.Certificate = c.bytes(certLen)
	specs := c.bytes(specLen)
	sh.ConnectionID = c.bytes(connLen)
	for i := 0; i+3 <= len(specs); i += 3 {
		sh.Ciphers = append(sh.Ciphers, uint32(specs[i])<<16|uint32(specs[i+1])<<8|uint32(specs[i+2]))
	}
	return sh, nil
}

var errTLSAnswer = errors.New("the server answered the SSLv2 hello in TLS")

// SSLv2Result is what the SSLv2 test found, for the SSLv2 and DROWN rules.
type SSLv2Result struct {
	Result
	Ciphers     []uint32 // the SSLv2 cipher kinds the server offered
	Export      bool     // one of them is a 40-bit export cipher
	Error       bool     // the server answered with an SSLv2 ERROR, not a SERVER-HELLO
	Fingerprint string   // SHA-256 of the certificate the SERVER-HELLO carried, hex
	RSA         bool     // that certificate holds an RSA key
}

// SSLv2 sends an SSLv2 CLIENT-HELLO offering the seven SSLv2 cipher kinds
// and reads the answer strictly. Vulnerable: the server speaks SSLv2 (a
// SERVER-HELLO, or an SSLv2 ERROR); not vulnerable: a TLS alert or record,
// or a closed connection; not tested: a timeout or an answer that is
// neither. One connection, run once per scanner.
func (s *Scanner) SSLv2(ctx context.Context) SSLv2Result {
	s.v2once.Do(func() { s.v2 = s.sslv2(ctx) })
	return s.v2
}

func (s *Scanner) sslv2(ctx context.Context) SSLv2Result {
	c, err := s.dial(ctx)
	if err != nil {
		return SSLv2Result{Result: untested("sending an SSLv2 hello: %v", err)}
	}
	defer c.Close()
	if _, err := c.c.Write(SSLv2ClientHello()); err != nil {
		if err := closedErr(err); errors.Is(err, ErrClosed) {
			return SSLv2Result{Result: safe("the server closed the connection on an SSLv2 hello")}
		}
		return SSLv2Result{Result: untested("sending an SSLv2 hello: %v", err)}
	}
	sh, err := readSSLv2Answer(c.r)
	var a *Alert
	var v2err *sslv2Error
	switch {
	case errors.As(err, &a):
		return SSLv2Result{Result: safe("the server answered an SSLv2 hello with a TLS %s alert: no SSLv2", a.name())}
	case errors.Is(err, errTLSAnswer):
		return SSLv2Result{Result: safe("%v: no SSLv2", err)}
	case errors.Is(err, ErrClosed):
		return SSLv2Result{Result: safe("the server closed the connection on an SSLv2 hello: no SSLv2")}
	case errors.As(err, &v2err):
		return SSLv2Result{Result: Result{Verdict: Vulnerable,
			Detail: fmt.Sprintf("the server speaks SSLv2: %v in answer to an SSLv2 hello offering all seven SSLv2 ciphers", err)}, Error: true}
	case err != nil:
		return SSLv2Result{Result: untested("SSLv2 hello: %v", err)}
	}
	res := SSLv2Result{Result: Result{Verdict: Vulnerable}, Ciphers: sh.Ciphers}
	var names []string
	for _, id := range sh.Ciphers {
		names = append(names, SSLv2CipherName(id))
		res.Export = res.Export || sslv2Export(id)
	}
	if sh.CertType == 1 && len(sh.Certificate) > 0 {
		sum := sha256.Sum256(sh.Certificate)
		res.Fingerprint = hex.EncodeToString(sum[:])
		if cert, err := x509.ParseCertificate(sh.Certificate); err == nil {
			res.RSA = cert.PublicKeyAlgorithm == x509.RSA
		}
	}
	switch {
	case len(names) == 0:
		res.Detail = "the server speaks SSLv2: it answered an SSLv2 hello with a SERVER-HELLO listing no cipher (CVE-2015-3197: OpenSSL before 1.0.2f negotiates disabled SSLv2 ciphers anyway)"
	case res.Export:
		res.Detail = fmt.Sprintf("the server speaks SSLv2 with %s, export ones among them: %s", plural(len(names), "cipher"), strings.Join(names, ", "))
	default:
		res.Detail = fmt.Sprintf("the server speaks SSLv2 with %s: %s", plural(len(names), "cipher"), strings.Join(names, ", "))
	}
	return res
}

// DROWN (CVE-2016-0800, CVE-2016-0703): the server speaks SSLv2, so its
// RSA key can be used as an oracle to decrypt TLS sessions recorded with
// the same key. Only this host is tested: another server sharing the
// certificate's key (a mail server) cannot be reached from here.
func (s *Scanner) DROWN(ctx context.Context) SSLv2Result {
	r := s.SSLv2(ctx)
	switch {
	case r.Verdict == Untested:
		return r
	case r.Verdict == NotVulnerable:
		r.Detail = "not vulnerable on this host (" + r.Detail + "); other servers that share the certificate's key, such as mail servers, cannot be tested from here"
		return r
	case r.Error:
		r.Verdict = Untested
		r.Detail = strings.Replace(r.Detail, "the server speaks SSLv2: ", "", 1) + "; the server speaks SSLv2 but refused every SSLv2 cipher, so whether its key can be used for DROWN is not known"
		return r
	}
	if r.Fingerprint != "" {
		r.Detail += "; certificate SHA-256 " + r.Fingerprint
		if !r.RSA {
			r.Detail += " (not an RSA key as far as djsec could parse it)"
		}
	}
	switch {
	case r.Export:
		r.Detail += "; with 40-bit export ciphers the general DROWN attack decrypts a recorded TLS session in about 8 hours of rented computing, and OpenSSL before 1.0.2a (CVE-2016-0703, special DROWN) in under a minute"
	default:
		r.Detail += "; without export ciphers the general DROWN attack costs more, but OpenSSL before 1.0.2a (CVE-2016-0703, special DROWN) is broken in under a minute with any SSLv2 cipher"
	}
	return r
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
