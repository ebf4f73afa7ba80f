package tlsraw

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// quietWait is how long a test waits where silence is the answer of a
// safe server (after a heartbeat or an early ChangeCipherSpec).
const quietWait = 4 * time.Second

func (s *Scanner) quiet() time.Duration {
	if s.Timeout > 0 && s.Timeout < quietWait {
		return s.Timeout
	}
	return quietWait
}

// POODLE (CVE-2014-3566): SSLv3 with a CBC suite.
func (s *Scanner) POODLE(ctx context.Context) Result {
	acc, _, r := s.base(ctx)
	if r != nil {
		return *r
	}
	if !acc[VersionSSL30] {
		return safe("SSLv3 is not accepted")
	}
	got, err := s.enumerate(ctx, VersionSSL30, Suites(IsCBC), 4)
	if len(got) > 0 {
		return Result{Verdict: Vulnerable, Version: VersionSSL30, Suites: got,
			Detail: "the server accepts SSLv3 with CBC suites: " + suiteList(got)}
	}
	if err != nil {
		return untested("SSLv3 with CBC suites: %v", err)
	}
	return safe("SSLv3 is accepted, but with no CBC suite")
}

// BEAST (CVE-2011-3389): CBC suites under SSLv3 or TLS 1.0.
func (s *Scanner) BEAST(ctx context.Context) Result {
	acc, top, r := s.base(ctx)
	if r != nil {
		return *r
	}
	res := Result{Verdict: NotVulnerable, Detail: "neither SSLv3 nor TLS 1.0 is accepted"}
	var parts []string
	for _, v := range []uint16{VersionTLS10, VersionSSL30} {
		if !acc[v] {
			continue
		}
		got, err := s.enumerate(ctx, v, Suites(IsCBC), 12)
		if err != nil && len(got) == 0 {
			return untested("%s with CBC suites: %v", VersionName(v), err)
		}
		if len(got) > 0 {
			res.Verdict, res.Version = Vulnerable, v
			res.Suites = append(res.Suites, got...)
			part := VersionName(v) + " with " + suiteList(got)
			if len(got) == 12 {
				part += " (djsec stops at 12)"
			}
			parts = append(parts, part)
		}
	}
	switch {
	case res.Verdict == Vulnerable:
		res.Detail = "the server accepts CBC suites under " + joinAnd(parts)
		if top > VersionTLS10 {
			res.Detail += fmt.Sprintf(" (it also accepts %s, which modern clients use: likely mitigated)", VersionName(top))
		}
	case acc[VersionTLS10] || acc[VersionSSL30]:
		res.Detail = "SSLv3 or TLS 1.0 is accepted, but with no CBC suite"
	}
	return res
}

func joinAnd(xs []string) string {
	if len(xs) == 2 {
		return xs[0] + " and " + xs[1]
	}
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// SWEET32 (CVE-2016-2183, CVE-2016-6329): a 64-bit block cipher (3DES,
// DES, IDEA, RC2).
func (s *Scanner) SWEET32(ctx context.Context) Result {
	return s.suiteTest(ctx, Suites(IsBlock64), 8, "64-bit block cipher suites (3DES, DES, IDEA, RC2)")
}

// FREAK (CVE-2015-0204): RSA export suites.
func (s *Scanner) FREAK(ctx context.Context) Result {
	return s.suiteTest(ctx, Suites(IsRSAExport), 4, "RSA export suites")
}

// NULLCiphers: suites without encryption (eNULL), anonymous ones
// included.
func (s *Scanner) NULLCiphers(ctx context.Context) Result {
	return s.suiteTest(ctx, Suites(IsNull), 4, "NULL-encryption suites")
}

// AnonCiphers: anonymous suites (aNULL, DH_anon and ECDH_anon), which do
// not authenticate the server.
func (s *Scanner) AnonCiphers(ctx context.Context) Result {
	return s.suiteTest(ctx, Suites(IsAnon), 4, "anonymous (unauthenticated) suites")
}

// LOWCiphers: single-DES suites, not export nor anonymous (testssl.sh's
// LOW, less RC4 which the weak-cipher rule reports).
func (s *Scanner) LOWCiphers(ctx context.Context) Result {
	return s.suiteTest(ctx, Suites(IsLow), 4, "single-DES suites (56-bit keys)")
}

// suiteTest offers the suites at each accepted version up to TLS 1.2,
// highest first, and reports the first version that accepts any.
func (s *Scanner) suiteTest(ctx context.Context, offer []uint16, max int, what string) Result {
	acc, _, r := s.base(ctx)
	if r != nil {
		return *r
	}
	vs := legacy(acc)
	slices.Reverse(vs)
	var firstErr error
	for _, v := range vs {
		got, err := s.enumerate(ctx, v, offer, max)
		if len(got) > 0 {
			return Result{Verdict: Vulnerable, Version: v, Suites: got,
				Detail: fmt.Sprintf("the server accepts %s under %s: %s", what, VersionName(v), suiteList(got))}
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return untested("offering %s: %v", what, firstErr)
	}
	return safe("no %s accepted", what)
}

// LOGJAM (CVE-2015-4000): DHE export suites, or a DH group within reach
// of a precomputation: under 1024 bits, or a widely shared prime under
// 2048 bits (named). The size of a group of the server's own is reported
// in the detail, not judged: weak-but-unique groups are a matter of key
// strength, not of LOGJAM (as testssl.sh draws the line).
func (s *Scanner) LOGJAM(ctx context.Context) Result {
	_, top, r := s.base(ctx)
	if r != nil {
		return *r
	}
	exp := s.suiteTest(ctx, Suites(IsDHEExport), 4, "DHE export suites")
	if exp.Verdict == Untested {
		return exp
	}
	res := exp
	f, err := s.accepts(ctx, top, Suites(func(id uint16) bool { return IsDHE(id) && !IsExport(id) }))
	if err != nil || f == nil {
		if exp.Verdict == NotVulnerable {
			if err != nil {
				return untested("no DHE export suite; offering DHE suites: %v", err)
			}
			return safe("no DHE export suite, and no finite-field DHE suite accepted")
		}
		return res
	}
	dh, err := ParseDHParams(f.KeyExchange)
	if err != nil {
		if exp.Verdict == Vulnerable {
			return res
		}
		return untested("the server chose %s: %v", SuiteName(f.Hello.Suite), err)
	}
	res.DH, res.DHName = dh, CommonPrime(dh.P)
	group := fmt.Sprintf("a %d-bit DH group", dh.Bits())
	if res.DHName != "" {
		group += " (" + res.DHName + ", a widely shared prime)"
	}
	uses := fmt.Sprintf("%s uses %s", SuiteName(f.Hello.Suite), group)
	if exp.Verdict == Vulnerable {
		res.Detail += "; " + uses
		return res
	}
	res.Version, res.Suites = top, []uint16{f.Hello.Suite}
	if dh.Bits() < 1024 || res.DHName != "" {
		res.Verdict = Vulnerable
		res.Detail = "no DHE export suite, but " + uses
		return res
	}
	res.Verdict = NotVulnerable
	res.Detail = "no DHE export suite; " + uses
	return res
}

// CRIME (CVE-2012-4929): TLS-level compression.
func (s *Scanner) CRIME(ctx context.Context) Result {
	_, top, r := s.base(ctx)
	if r != nil {
		return *r
	}
	f, err := s.hello(ctx, &ClientHello{Version: top, Suites: AllSuites(), Compression: []uint8{1, 0}})
	if err != nil {
		return untested("offering DEFLATE compression: %v", err)
	}
	if f.Hello.Compression != 0 {
		return Result{Verdict: Vulnerable, Version: f.Hello.Version,
			Detail: fmt.Sprintf("the server chose TLS compression method %d (DEFLATE) under %s", f.Hello.Compression, VersionName(f.Hello.Version))}
	}
	return safe("the server refused TLS compression")
}

// SecureRenegotiation (RFC 5746, CVE-2009-3555): the server must answer
// the renegotiation SCSV with an empty renegotiation_info extension.
func (s *Scanner) SecureRenegotiation(ctx context.Context) Result {
	_, top, r := s.base(ctx)
	if r != nil {
		return *r
	}
	f, err := s.hello(ctx, &ClientHello{Version: top, Suites: append(AllSuites(), SCSVRenegotiation)})
	if err != nil {
		return untested("handshake with the renegotiation SCSV: %v", err)
	}
	if data, ok := f.Hello.Extension(ExtRenegotiation); ok {
		if len(data) == 1 && data[0] == 0 {
			return safe("secure renegotiation is supported (renegotiation_info answered)")
		}
		return untested("the server answered renegotiation_info with %d bytes on a first handshake", len(data))
	}
	return Result{Verdict: Vulnerable, Version: f.Hello.Version,
		Detail: fmt.Sprintf("the server does not support secure renegotiation under %s (no renegotiation_info in its ServerHello)", VersionName(f.Hello.Version))}
}

// FallbackSCSV (RFC 7507): a hello at a lower version than the server's
// best, carrying TLS_FALLBACK_SCSV, must be refused with
// inappropriate_fallback.
func (s *Scanner) FallbackSCSV(ctx context.Context) Result {
	acc, _, r := s.base(ctx)
	if r != nil && r.Verdict == Untested {
		return *r
	}
	var vs []uint16
	for _, v := range append(slices.Clone(legacyVersions), VersionTLS13) {
		if acc[v] {
			vs = append(vs, v)
		}
	}
	switch len(vs) {
	case 0:
		return untested("the server accepted no protocol version")
	case 1:
		return safe("no fallback possible: the server accepts only %s", VersionName(vs[0]))
	}
	best, lower := vs[len(vs)-1], vs[len(vs)-2]
	f, err := s.hello(ctx, &ClientHello{Version: lower, Suites: append(AllSuites(), SCSVFallback)})
	var a *Alert
	switch {
	case errors.As(err, &a) && a.Description == AlertInappropriateFallbk:
		return safe("a fallback to %s is refused with inappropriate_fallback", VersionName(lower))
	case err == nil && f.Hello.Version == lower:
		return Result{Verdict: Vulnerable, Version: lower,
			Detail: fmt.Sprintf("the server accepts a fallback to %s marked with TLS_FALLBACK_SCSV although it supports %s", VersionName(lower), VersionName(best))}
	case err == nil:
		return untested("the server answered a %s fallback hello with %s", VersionName(lower), VersionName(f.Hello.Version))
	case Refused(err):
		return safe("a fallback to %s is refused (%v), though not with the inappropriate_fallback alert RFC 7507 asks for", VersionName(lower), err)
	}
	return untested("fallback hello at %s: %v", VersionName(lower), err)
}

// handshakeAt connects, sends h and reads the server's first flight; the
// connection stays open. keep keeps the transcript for a full handshake.
func (s *Scanner) handshakeAt(ctx context.Context, h *ClientHello, keep bool) (*Conn, *Flight, error) {
	c, err := s.dial(ctx)
	if err != nil {
		return nil, nil, err
	}
	c.KeepTranscript = keep
	s.prepare(h)
	if err := c.SendHello(h); err != nil {
		c.Close()
		return nil, nil, err
	}
	f, err := c.ReadFlight()
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	return c, f, nil
}

// heartbeatClaim is how many bytes more the heartbeat request claims to
// carry than it does: a server that echoes them reveals that many bytes
// of its memory, and no more is asked.
const heartbeatClaim = 16

// Heartbleed (CVE-2014-0160), the safe form: after the server's first
// flight, a heartbeat request whose payload_length claims 16 bytes more
// than it carries. A fixed server discards it (RFC 6520 §4); a vulnerable
// one answers with the missing bytes taken from its memory. The answer is
// read up to one record and its content is never kept.
func (s *Scanner) Heartbleed(ctx context.Context) Result {
	_, top, r := s.base(ctx)
	if r != nil {
		return *r
	}
	c, f, err := s.handshakeAt(ctx, &ClientHello{Version: top, Suites: AllSuites(), Heartbeat: true}, false)
	if err != nil {
		return untested("handshake with the heartbeat extension: %v", err)
	}
	defer c.Close()
	if _, ok := f.Hello.Extension(ExtHeartbeat); !ok {
		return safe("no heartbeat extension")
	}
	payload := []byte("djsec-heartbeat!") // 16 bytes sent, 32 claimed
	msg := []byte{1, 0, byte(len(payload) + heartbeatClaim)}
	msg = append(msg, payload...)
	c.SetWait(s.quiet())
	if err := c.Write(TypeHeartbeat, f.Hello.Version, msg); err != nil {
		if Refused(err) {
			return safe("the server closed the connection on the heartbeat request")
		}
		return untested("sending the heartbeat request: %v", err)
	}
	for i := 0; i < 4; i++ {
		typ, _, p, err := c.ReadRecord()
		if err != nil {
			if Refused(err) || isTimeout(err) {
				return safe("the heartbeat extension is on, but a heartbeat claiming more than it carries is not answered")
			}
			return untested("reading the heartbeat answer: %v", err)
		}
		if typ == TypeHeartbeat {
			if len(p) > 3+len(payload) {
				return Result{Verdict: Vulnerable, Version: f.Hello.Version,
					Detail: fmt.Sprintf("the server answered a heartbeat claiming %d bytes more than it carried with %d bytes (its memory)", heartbeatClaim, len(p))}
			}
			return safe("the heartbeat answer holds no more than was sent")
		}
	}
	return untested("no heartbeat answer among the records the server sent")
}

// CCSInjection (CVE-2014-0224), the early-ChangeCipherSpec method: after
// the server's first flight and before any key exchange, send
// ChangeCipherSpec twice. A fixed server refuses the first with
// unexpected_message (or closes); a vulnerable one accepts it and fails
// to decrypt what follows (decryption_failed or bad_record_mac).
func (s *Scanner) CCSInjection(ctx context.Context) Result {
	_, top, r := s.base(ctx)
	if r != nil {
		return *r
	}
	c, f, err := s.handshakeAt(ctx, &ClientHello{Version: top, Suites: Suites(func(id uint16) bool { return !IsExport(id) && !IsAnon(id) })}, false)
	if err != nil {
		return untested("handshake: %v", err)
	}
	defer c.Close()
	v := f.Hello.Version
	for i := 1; i <= 2; i++ {
		c.SetWait(s.quiet())
		if err := c.Write(TypeChangeCipherSpec, v, []byte{1}); err != nil {
			if Refused(err) {
				return safe("the server closed the connection after an early ChangeCipherSpec")
			}
			return untested("sending an early ChangeCipherSpec: %v", err)
		}
		_, _, _, err := c.ReadRecord()
		var a *Alert
		switch {
		case errors.As(err, &a):
			switch a.Description {
			case AlertUnexpectedMessage, AlertHandshakeFailure:
				return safe("an early ChangeCipherSpec is refused with %s", alertNames[a.Description])
			case AlertDecryptionFailed, AlertBadRecordMAC:
				return Result{Verdict: Vulnerable, Version: v,
					Detail: fmt.Sprintf("the server accepted an early ChangeCipherSpec and then failed to decrypt (%s alert)", alertNames[a.Description])}
			}
			return untested("after an early ChangeCipherSpec the server sent: %v", a)
		case err == nil:
			return untested("the server answered an early ChangeCipherSpec with a record that is not an alert")
		case Refused(err):
			return safe("the server closed the connection after an early ChangeCipherSpec")
		case isTimeout(err):
			continue // silence: send the second one
		default:
			return untested("after an early ChangeCipherSpec: %v", err)
		}
	}
	return safe("two early ChangeCipherSpec records drew no answer (timed out)")
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}
