package tlsraw

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Verdict is the outcome of one vulnerability test.
type Verdict int

const (
	// Untested: the test could not decide (unreachable, timed out, an
	// answer no server should give); Result.Detail says why.
	Untested Verdict = iota
	NotVulnerable
	Vulnerable
)

func (v Verdict) String() string {
	switch v {
	case NotVulnerable:
		return "not vulnerable"
	case Vulnerable:
		return "vulnerable"
	}
	return "not tested"
}

// Result is what one test found.
type Result struct {
	Verdict Verdict
	// Detail says what was seen (the suite chosen, the alert sent) or why
	// the test could not decide.
	Detail  string
	Version uint16   // the protocol version of the telling handshake
	Suites  []uint16 // the offending suites the server chose
	DH      *DHParams
	DHName  string // the DH prime's name when it is a widely shared one
}

func untested(format string, args ...any) Result {
	return Result{Verdict: Untested, Detail: fmt.Sprintf(format, args...)}
}

func safe(format string, args ...any) Result {
	return Result{Verdict: NotVulnerable, Detail: fmt.Sprintf(format, args...)}
}

// DefaultMaxConns bounds the connections one Scanner opens for all its
// tests together.
const DefaultMaxConns = 80

// Scanner runs the vulnerability tests against one target. The protocol
// versions the server accepts are found once and shared by the tests; the
// connections of all tests together are bounded by MaxConns.
type Scanner struct {
	Target
	MaxConns int

	conns    atomic.Int32
	once     sync.Once
	accepted map[uint16]bool // SSLv3 to TLS 1.3
	verErr   error           // why no version could be determined

	v2once sync.Once
	v2     SSLv2Result // the SSLv2 hello's answer, for SSLv2 and DROWN
}

// Connections returns how many connections the tests have opened so far.
func (s *Scanner) Connections() int { return int(s.conns.Load()) }

var errConnBudget = errors.New("the connection budget of the TLS vulnerability tests is spent")

func (s *Scanner) dial(ctx context.Context) (*Conn, error) {
	limit := s.MaxConns
	if limit <= 0 {
		limit = DefaultMaxConns
	}
	if int(s.conns.Add(1)) > limit {
		s.conns.Add(-1)
		return nil, errConnBudget
	}
	return s.Target.Dial(ctx)
}

// hello sends h on a new connection and reads the first flight.
func (s *Scanner) hello(ctx context.Context, h *ClientHello) (*Flight, error) {
	c, err := s.dial(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	s.prepare(h)
	if err := c.SendHello(h); err != nil {
		return nil, err
	}
	return c.ReadFlight()
}

func (s *Scanner) prepare(h *ClientHello) {
	if h.ServerName == "" {
		h.ServerName = s.ServerName
	}
	if h.Version == VersionSSL30 {
		h.NoExtensions = true
	}
}

// legacyVersions are the versions a hand-made hello can negotiate.
var legacyVersions = []uint16{VersionSSL30, VersionTLS10, VersionTLS11, VersionTLS12}

// Versions returns the protocol versions the server accepts, SSLv3 to TLS
// 1.3 (TLS 1.3 through crypto/tls), or an error when none could be
// determined at all.
func (s *Scanner) Versions(ctx context.Context) (map[uint16]bool, error) {
	s.once.Do(func() {
		s.accepted = map[uint16]bool{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		errs := make([]error, len(legacyVersions)+1) // in version order, TLS 1.3 last
		for i, v := range legacyVersions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f, err := s.hello(ctx, &ClientHello{Version: v, Suites: AllSuites()})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil && f.Hello.Version == v:
					s.accepted[v] = true
				case err != nil && !Refused(err):
					errs[i] = err
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.tls13(ctx)
			mu.Lock()
			defer mu.Unlock()
			s.accepted[VersionTLS13] = ok
			errs[len(legacyVersions)] = err
		}()
		wg.Wait()
		any := false
		for _, ok := range s.accepted {
			any = any || ok
		}
		for _, err := range errs {
			if !any && err != nil && s.verErr == nil {
				s.verErr = err
			}
		}
	})
	return s.accepted, s.verErr
}

// tls13 reports whether a TLS 1.3 handshake completes.
func (s *Scanner) tls13(ctx context.Context) (bool, error) {
	c, err := s.dial(ctx)
	if err != nil {
		return false, err
	}
	defer c.Close()
	cfg := &tls.Config{MinVersion: tls.VersionTLS13, MaxVersion: tls.VersionTLS13, InsecureSkipVerify: true} //nolint:gosec // only the version is asked
	if net.ParseIP(s.ServerName) == nil {
		cfg.ServerName = s.ServerName
	}
	tc := tls.Client(c.c, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		// A timeout says nothing about TLS 1.3; any other failure (an
		// alert, a closed connection, a TLS 1.2 answer) means no.
		if isTimeout(err) || ctx.Err() != nil {
			return false, err
		}
		return false, nil
	}
	return true, nil
}

// highest returns the highest version up to TLS 1.2 the server accepts, 0
// if none.
func highest(acc map[uint16]bool) uint16 {
	for i := len(legacyVersions) - 1; i >= 0; i-- {
		if acc[legacyVersions[i]] {
			return legacyVersions[i]
		}
	}
	return 0
}

// legacy returns the versions up to TLS 1.2 the server accepts, lowest
// first.
func legacy(acc map[uint16]bool) []uint16 {
	var out []uint16
	for _, v := range legacyVersions {
		if acc[v] {
			out = append(out, v)
		}
	}
	return out
}

// base is the common start of every test: the versions accepted, or the
// result that ends the test early (nothing reachable, TLS 1.3 only).
func (s *Scanner) base(ctx context.Context) (map[uint16]bool, uint16, *Result) {
	acc, err := s.Versions(ctx)
	if err != nil {
		r := untested("no handshake succeeded: %v", err)
		return nil, 0, &r
	}
	top := highest(acc)
	if top == 0 {
		if acc[VersionTLS13] {
			r := safe("the server accepts only TLS 1.3")
			return acc, 0, &r
		}
		r := untested("the server accepted no protocol version from SSLv3 to TLS 1.3")
		return acc, 0, &r
	}
	return acc, top, nil
}

// accepts offers suites at version v and returns the suite chosen, 0 when
// the server refused; err is set when the exchange failed otherwise.
func (s *Scanner) accepts(ctx context.Context, v uint16, suites []uint16) (*Flight, error) {
	f, err := s.hello(ctx, &ClientHello{Version: v, Suites: suites})
	if err != nil {
		if Refused(err) {
			return nil, nil
		}
		return nil, err
	}
	if f.Hello.Version != v {
		return nil, nil // it answered with another version: not at v
	}
	if !slices.Contains(suites, f.Hello.Suite) {
		return nil, fmt.Errorf("the server chose %s, which was not offered", SuiteName(f.Hello.Suite))
	}
	return f, nil
}

// enumerate returns the suites of offer the server accepts at version v,
// at most max of them (one connection each, plus the refusal).
func (s *Scanner) enumerate(ctx context.Context, v uint16, offer []uint16, max int) ([]uint16, error) {
	offer = slices.Clone(offer)
	var got []uint16
	for len(offer) > 0 && len(got) < max {
		f, err := s.accepts(ctx, v, offer)
		if err != nil {
			return got, err
		}
		if f == nil {
			break
		}
		got = append(got, f.Hello.Suite)
		offer = slices.DeleteFunc(offer, func(x uint16) bool { return x == f.Hello.Suite })
	}
	return got, nil
}

// suiteList names the suites for a detail line: the first three and how
// many more (Result.Suites holds them all).
func suiteList(ids []uint16) string {
	names := make([]string, 0, 3)
	for i, id := range ids {
		if i == 3 && len(ids) > 4 {
			return strings.Join(names, ", ") + fmt.Sprintf(" and %d more", len(ids)-3)
		}
		names = append(names, SuiteName(id))
	}
	return strings.Join(names, ", ")
}
