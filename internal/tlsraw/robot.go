package tlsraw

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"
)

// ROBOT (Return Of Bleichenbacher's Oracle Threat, CVE-2017-13099 and its
// family): a server whose answer to an RSA-encrypted premaster secret
// depends on whether its PKCS#1 v1.5 padding was right lets anyone
// decrypt recorded sessions and sign with its key, one query at a time.

// robotPayload is one of the five premaster encodings of the ROBOT paper.
type robotPayload struct {
	name  string
	build func(k int, v uint16) []byte // the k-byte plaintext to encrypt
}

// robotPad returns n nonzero random bytes.
func robotPad(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		for b[i] == 0 {
			var one [1]byte
			_, _ = rand.Read(one[:])
			b[i] = one[0]
		}
	}
	return b
}

func robotRand(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// robotPayloads are the encodings of the ROBOT paper's scanner: the
// correct one first (with a wrong Finished it is the reference), then the
// four malformed ones.
var robotPayloads = []robotPayload{
	{"correct padding", func(k int, v uint16) []byte {
		m := append([]byte{0, 2}, robotPad(k-3-48)...)
		return append(append(m, 0, byte(v>>8), byte(v)), robotRand(46)...)
	}},
	{"wrong first two bytes", func(k int, v uint16) []byte {
		m := append([]byte{0x41, 0x17}, robotPad(k-3-48)...)
		return append(append(m, 0, byte(v>>8), byte(v)), robotRand(46)...)
	}},
	{"0x00 in a wrong position", func(k int, v uint16) []byte {
		m := append([]byte{0, 2}, robotPad(k-2-48-2)...)
		m = append(m, robotPad(48)...)
		return append(m, 0x00, 0x11)
	}},
	{"no 0x00 separator", func(k int, v uint16) []byte {
		return append([]byte{0, 2}, robotPad(k-2)...)
	}},
	{"wrong version in the premaster", func(k int, v uint16) []byte {
		m := append([]byte{0, 2}, robotPad(k-3-48)...)
		return append(append(m, 0, 0x02, 0x02), robotRand(46)...)
	}},
}

// IsRSAKex reports whether a suite uses the RSA key exchange (the client
// encrypts the premaster secret to the server's key), export ones aside.
func IsRSAKex(id uint16) bool { return strings.HasPrefix(name(id), "TLS_RSA_WITH_") }

// robotWait is how long ROBOT waits for the server's answer to one
// malformed key exchange; silence is one of the answers compared.
const robotWait = 3 * time.Second

// robotOnce sends one ClientKeyExchange encoded by p, ChangeCipherSpec and
// a garbage Finished, and describes what the server did.
func (s *Scanner) robotOnce(ctx context.Context, v uint16, suites []uint16, p robotPayload) (string, error) {
	c, f, err := s.handshakeAt(ctx, &ClientHello{Version: v, Suites: suites}, false)
	if err != nil {
		return "", err
	}
	defer c.Close()
	if f.Hello.Version != v || !IsRSAKex(f.Hello.Suite) {
		return "", fmt.Errorf("the server answered an RSA key exchange hello with %s and %s", VersionName(f.Hello.Version), SuiteName(f.Hello.Suite))
	}
	if len(f.Certificates) == 0 {
		return "", errors.New("the server sent no certificate")
	}
	cert, err := x509.ParseCertificate(f.Certificates[0])
	if err != nil {
		return "", fmt.Errorf("the server's certificate: %w", err)
	}
	key, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return "", errors.New("the server's certificate has no RSA key")
	}
	k := key.Size()
	if k < 64 || k > 2048 {
		return "", fmt.Errorf("the server's RSA key of %d bytes is out of range", k)
	}
	m := new(big.Int).SetBytes(p.build(k, v))
	enc := new(big.Int).Exp(m, big.NewInt(int64(key.E)), key.N).FillBytes(make([]byte, k))
	cke := handshakeMessage(16, append([]byte{byte(k >> 8), byte(k)}, enc...))
	var flight []byte
	if f.CertRequest {
		flight = handshakeMessage(11, []byte{0, 0, 0})
	}
	flight = append(flight, cke...)
	wait := min(robotWait, s.quiet())
	c.SetWait(wait)
	// The key exchange, ChangeCipherSpec and a Finished that no key opens
	// (64 bytes of noise, as long as an AES record of the real one) go in
	// one write: a server that hangs up after the key exchange cannot
	// make the rest fail before its answer is read.
	out := appendRecords(nil, TypeHandshake, v, flight)
	out = appendRecords(out, TypeChangeCipherSpec, v, []byte{1})
	out = appendRecords(out, TypeHandshake, v, robotRand(64))
	if _, err := c.c.Write(out); err != nil && !Refused(closedErr(err)) {
		return "", fmt.Errorf("sending the key exchange: %w", err)
	}
	var seen []string
	for i := 0; i < 3; i++ {
		typ, _, _, err := c.ReadRecord()
		if err != nil {
			o := outcome(err)
			if o == "" {
				return "", err
			}
			seen = append(seen, o)
			var a *Alert
			if !errors.As(err, &a) {
				break
			}
			c.SetWait(wait / 2) // after an alert: closed or left open
			continue
		}
		seen = append(seen, fmt.Sprintf("record of type %d", typ))
	}
	return strings.Join(seen, ", then "), nil
}

// outcome names what a read or write error says of the server: an alert,
// a closed connection, silence; "" for a failure that says nothing.
func outcome(err error) string {
	var a *Alert
	switch {
	case errors.As(err, &a):
		return a.name() + " alert"
	case errors.Is(err, ErrClosed):
		return "connection closed"
	case isTimeout(err):
		return "no answer"
	}
	return ""
}

// robotRound runs the five encodings in parallel and returns the
// server's answers in order.
func (s *Scanner) robotRound(ctx context.Context, v uint16, suites []uint16) ([]string, error) {
	out := make([]string, len(robotPayloads))
	errs := make([]error, len(robotPayloads))
	var wg sync.WaitGroup
	for i, p := range robotPayloads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = s.robotOnce(ctx, v, suites, p)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// ROBOT sends, with an RSA key exchange suite, the five premaster
// encodings of the ROBOT paper (the correct one and four malformed ones),
// each followed by ChangeCipherSpec and a garbage Finished, and compares
// the server's answers: an alert, a closed connection, silence. A server
// that answers all alike is no oracle; one whose answer differs is. A
// difference is checked by a second round of five connections, and is
// reported only when both rounds agree.
func (s *Scanner) ROBOT(ctx context.Context) Result {
	acc, _, r := s.base(ctx)
	if r != nil {
		return *r
	}
	rsaSuites := Suites(IsRSAKex)
	// The best version up to TLS 1.2: the one clients use.
	v := highest(acc)
	f, err := s.accepts(ctx, v, rsaSuites)
	if err != nil {
		return untested("offering RSA key exchange suites under %s: %v", VersionName(v), err)
	}
	if f == nil {
		return safe("no RSA key exchange")
	}
	first, err := s.robotRound(ctx, v, rsaSuites)
	if err != nil {
		return untested("sending malformed RSA key exchanges under %s: %v", VersionName(v), err)
	}
	if allSame(first) {
		return safe("every malformed RSA key exchange draws the same answer (%s)", first[0])
	}
	second, err := s.robotRound(ctx, v, rsaSuites)
	if err != nil {
		return untested("repeating the malformed RSA key exchanges under %s: %v", VersionName(v), err)
	}
	if !equal(first, second) {
		return untested("the server's answers to malformed RSA key exchanges differ, but not the same way twice (%s; then %s)",
			strings.Join(first, "; "), strings.Join(second, "; "))
	}
	var diff []string
	for i, o := range first[1:] {
		if o != first[0] {
			diff = append(diff, fmt.Sprintf("%s: %s", robotPayloads[i+1].name, o))
		}
	}
	if len(diff) == 0 {
		// The malformed ones differ among themselves only.
		for i, o := range first[1:] {
			diff = append(diff, fmt.Sprintf("%s: %s", robotPayloads[i+1].name, o))
		}
	}
	return Result{Verdict: Vulnerable, Version: v,
		Detail: fmt.Sprintf("the server answers malformed RSA key exchanges differently under %s, twice alike: correct padding: %s; %s",
			VersionName(v), first[0], strings.Join(diff, "; "))}
}

func allSame(xs []string) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ticketbleedID is the length of the session ID offered with a ticket: a
// server that echoes 32 bytes starting with them pads them with its
// memory.
const ticketbleedID = 6

// Ticketbleed (CVE-2016-9244), as testssl.sh tests it: get a session
// ticket from a complete handshake, then offer it three times with a
// 6-byte session ID. F5 BIG-IP's bug echoes a 32-byte session ID: the 6
// bytes sent, then 26 bytes of its memory, which change from one
// connection to the next. A fixed server echoes the 6 bytes or sends an
// ID of its own.
func (s *Scanner) Ticketbleed(ctx context.Context) Result {
	acc, _, r := s.base(ctx)
	if r != nil {
		return *r
	}
	v := highest(acc)
	if v < VersionTLS10 {
		return safe("the server accepts only SSLv3, which has no session tickets")
	}
	ss, err := s.establish(ctx, v)
	if err != nil {
		if errors.Is(err, errClientCert) {
			return untested("%v", err)
		}
		return untested("getting a session ticket from a complete %s handshake: %v", VersionName(v), err)
	}
	ss.c.Close()
	if ss.ticket == nil {
		return safe("no session tickets")
	}
	var leaks [][]byte
	for i := 0; i < 3; i++ {
		id := robotRand(ticketbleedID)
		f, err := s.hello(ctx, &ClientHello{Version: v, Suites: fullSuites, SessionID: id, Ticket: ss.ticket})
		if err != nil && (f == nil || f.Hello == nil) {
			if Refused(err) {
				return safe("the server refused a hello with a session ticket (%v)", err)
			}
			return untested("offering the session ticket: %v", err)
		}
		got := f.Hello.SessionID
		if len(got) != 32 || !bytes.HasPrefix(got, id) {
			return safe("the server does not pad the session ID sent with a ticket (it sent back %d bytes, not the 6 sent followed by its memory)", len(got))
		}
		leaks = append(leaks, got[ticketbleedID:])
	}
	if bytes.Equal(leaks[0], leaks[1]) && bytes.Equal(leaks[1], leaks[2]) {
		return safe("the server pads the session ID sent with a ticket to 32 bytes, but always with the same bytes")
	}
	return Result{Verdict: Vulnerable, Version: v,
		Detail: fmt.Sprintf("the server echoes a %d-byte session ID sent with a ticket as 32 bytes: %d bytes of its memory each time (Ticketbleed)", ticketbleedID, 32-ticketbleedID)}
}
