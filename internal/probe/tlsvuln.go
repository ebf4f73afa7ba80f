package probe

import (
	"context"
	"net"
	"slices"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tlsraw"
)

// The TLS vulnerability tests that crypto/tls cannot run (Heartbleed, CCS
// injection, renegotiation, TLS_FALLBACK_SCSV, SWEET32, FREAK, LOGJAM,
// BEAST, POODLE, CRIME, NULL, anonymous and single-DES suites, SSLv2,
// DROWN, ROBOT, Ticketbleed) are hand-made handshakes of internal/tlsraw.
// They run once per probe, together, through the client's concurrency
// limit; each rule reads its test's result. A test that could not decide
// is a note in the report, never a silent pass.

// vulnTest names a tlsraw test.
type vulnTest struct {
	key, title string
	run        func(*tlsraw.Scanner, context.Context) tlsraw.Result
}

var vulnTests = []vulnTest{
	{"heartbleed", "Heartbleed", (*tlsraw.Scanner).Heartbleed},
	{"ccs", "CCS injection", (*tlsraw.Scanner).CCSInjection},
	{"renegotiation", "secure renegotiation", (*tlsraw.Scanner).SecureRenegotiation},
	{"client-renegotiation", "client-initiated renegotiation", (*tlsraw.Scanner).ClientRenegotiation},
	{"fallback", "TLS_FALLBACK_SCSV", (*tlsraw.Scanner).FallbackSCSV},
	{"sweet32", "SWEET32", (*tlsraw.Scanner).SWEET32},
	{"freak", "FREAK", (*tlsraw.Scanner).FREAK},
	{"logjam", "LOGJAM", (*tlsraw.Scanner).LOGJAM},
	{"beast", "BEAST", (*tlsraw.Scanner).BEAST},
	{"poodle", "POODLE", (*tlsraw.Scanner).POODLE},
	{"crime", "CRIME", (*tlsraw.Scanner).CRIME},
	{"null", "NULL cipher", (*tlsraw.Scanner).NULLCiphers},
	{"anon", "anonymous cipher", (*tlsraw.Scanner).AnonCiphers},
	{"low", "LOW cipher", (*tlsraw.Scanner).LOWCiphers},
	{"sslv2", "SSLv2", func(s *tlsraw.Scanner, ctx context.Context) tlsraw.Result { return s.SSLv2(ctx).Result }},
	{"drown", "DROWN", func(s *tlsraw.Scanner, ctx context.Context) tlsraw.Result { return s.DROWN(ctx).Result }},
	{"robot", "ROBOT", (*tlsraw.Scanner).ROBOT},
	{"ticketbleed", "Ticketbleed", (*tlsraw.Scanner).Ticketbleed},
}

// vulnResults are the results of the tests by key, and the protocol
// versions the hand-made hellos found (SSLv3 to TLS 1.3).
type vulnResults struct {
	byKey    map[string]tlsraw.Result
	versions map[uint16]bool
	verErr   error // no hand-made hello got an answer: no test ran
	conns    int   // connections the tests opened
}

// TLSVulns runs every vulnerability test once for the whole probe and
// returns the results by test key; nil when the target is not HTTPS.
func (s *Site) TLSVulns() map[string]tlsraw.Result {
	if v := s.tlsVulns(); v != nil {
		return v.byKey
	}
	return nil
}

// tlsScannerVersions returns the protocol versions the vulnerability
// tests found the server to accept.
func (s *Site) tlsScannerVersions() (map[uint16]bool, bool) {
	if v := s.tlsVulns(); v != nil {
		return v.versions, true
	}
	return nil, false
}

func (s *Site) tlsVulns() *vulnResults {
	if !s.HTTPS() {
		return nil
	}
	return s.once("tlsvulns", func() any {
		sc := &tlsraw.Scanner{Target: tlsraw.Target{
			Addr: s.HostPort(), ServerName: s.host, Timeout: s.opts.Timeout, DialFunc: s.heldDial,
		}}
		out := make(map[string]tlsraw.Result, len(vulnTests))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, t := range vulnTests {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := t.run(sc, s.ctx)
				mu.Lock()
				out[t.key] = r
				mu.Unlock()
			}()
		}
		wg.Wait()
		versions, verErr := sc.Versions(s.ctx)
		return &vulnResults{byKey: out, versions: versions, verErr: verErr, conns: sc.Connections()}
	}).(*vulnResults)
}

// heldDial opens a connection that holds one of the client's concurrency
// slots until it is closed.
func (s *Site) heldDial(ctx context.Context, network, addr string) (net.Conn, error) {
	if err := s.client.acquire(ctx); err != nil {
		return nil, err
	}
	c, err := (&net.Dialer{Timeout: s.opts.Timeout}).DialContext(ctx, network, addr)
	if err != nil {
		s.client.release()
		return nil, err
	}
	return &heldConn{Conn: c, release: s.client.release}, nil
}

type heldConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *heldConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// vulnPass returns the site and the result of one test for a rule, or
// false when there is nothing to report: not HTTPS, no TLS at all (a
// problem the other TLS rules report), or a test that could not decide,
// which becomes a note.
func vulnPass(p *analysis.Pass, key string) (*Site, tlsraw.Result, bool) {
	s := siteOf(p)
	if s == nil || !s.HTTPS() {
		return s, tlsraw.Result{}, false
	}
	if info := s.TLS(); info == nil || info.Err != nil {
		return s, tlsraw.Result{}, false
	}
	vr := s.tlsVulns()
	if vr.verErr != nil {
		// One note for all these rules (notes are kept once).
		p.Note("the TLS vulnerability tests (DJL130-DJL147) could not run on %s: no hand-made handshake got an answer (%v)", s.HostPort(), vr.verErr)
		return s, tlsraw.Result{}, false
	}
	r := vr.byKey[key]
	if r.Verdict == tlsraw.Untested {
		title := key
		for _, t := range vulnTests {
			if t.key == key {
				title = t.title
			}
		}
		p.Note("TLS %s test (%s) could not decide on %s: %s", title, p.Rule.ID, s.HostPort(), r.Detail)
		return s, r, false
	}
	return s, r, r.Verdict == tlsraw.Vulnerable
}

// reportVuln reports a vulnerable result with its details as properties.
func reportVuln(p *analysis.Pass, s *Site, r tlsraw.Result, snippet, message string, sev report.Severity) {
	props := map[string]any{"detail": r.Detail}
	if r.Version != 0 {
		props["protocol"] = tlsraw.VersionName(r.Version)
	}
	if len(r.Suites) > 0 {
		names := make([]string, len(r.Suites))
		for i, id := range r.Suites {
			names[i] = tlsraw.SuiteName(id)
		}
		props["ciphers"] = names
	}
	if r.DH != nil {
		props["dh_bits"] = r.DH.Bits()
		if r.DHName != "" {
			props["dh_prime"] = r.DHName
		}
	}
	p.Report(analysis.Diagnostic{Location: s.tlsLocation(), Message: message, Severity: sev, Snippet: snippet, Properties: props})
}

// sweet32Reports says whether DJL135 reports the 64-bit block ciphers of
// this site, with every such suite, so that DJL102 leaves 3DES to it.
func (s *Site) sweet32Reports() bool {
	return slices.Contains(s.opts.Rules, TLSSweet32) && s.TLSVulns()["sweet32"].Verdict == tlsraw.Vulnerable
}
