package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"sort"
	"strings"
	"sync"
)

// tlsInfo is what the handshakes told about the server: the protocol
// versions it accepts, the suites it accepts from Go's insecure list, and
// its certificate chain with the verdict of verification.
type tlsInfo struct {
	Err      error           // no TLS handshake succeeded at all
	Versions map[uint16]bool // accepted protocol versions
	// Insecure holds the suites from tls.InsecureCipherSuites the server
	// accepted, per version (TLS 1.0-1.2).
	Insecure map[uint16][]uint16
	// Preferred is the suite chosen when offered everything Go has for the
	// highest accepted version up to TLS 1.2 (0 if none).
	Preferred uint16
	Chain     []*x509.Certificate
	Verified  bool  // the chain verifies to a trusted root
	VerifyErr error // why not
	HostErr   error // the certificate does not name the host

	// TLS13Suite is the suite picked at TLS 1.3 (Go offers all three);
	// TLS13Suites those accepted, each offered alone by hand.
	TLS13Suite  uint16
	TLS13Suites []uint16
	// Accepted holds every suite Go can speak that the server accepted,
	// per version (TLS 1.0-1.2), in IANA order.
	Accepted map[uint16][]uint16
	// OCSP is the stapled OCSP response (nil: none), SCTs the signed
	// certificate timestamps of the TLS extension.
	OCSP []byte
	SCTs [][]byte
	// Order is the server's cipher order, tested with hand-made hellos.
	Order cipherOrder
	// Groups is what the server accepts for the key exchange.
	Groups keyExchange
	// Resumption says whether the server resumes sessions.
	Resumption resumption
}

// cipherOrder: the same suites offered in two orders at Version; the
// server enforces its own order when it picks the same suite both times.
type cipherOrder struct {
	Tested      bool
	Version     uint16
	ServerOrder bool
	Picks       [2]uint16 // the suite chosen for each order
	Offered     int       // how many suites were offered
	Err         error     // why the test could not run
	// TLS13Tested, TLS13Server: the same test with the three TLS 1.3
	// suites (all strong: only the server's habits are shown).
	TLS13Tested, TLS13Server bool
}

// keyExchange: the finite-field DH prime size and the elliptic curves the
// server accepts.
type keyExchange struct {
	DHTested  bool
	DHBits    int      // size of the DHE prime; 0 when no DHE suite is accepted
	DHSuite   uint16   // the DHE suite it picked
	FFDHE     []uint16 // the RFC 7919 groups it takes at TLS 1.3
	Curves    []uint16 // named groups accepted with ECDHE (TLS 1.2 and TLS 1.3)
	Preferred uint16   // the group picked when offered every group, X25519 first (0: unknown)
	Err       error    // why curves could not be tested
}

// resumption: session tickets at the highest version, session IDs at TLS
// 1.2 (TLS 1.3 has only tickets).
type resumption struct {
	Tested  bool
	Version uint16
	Tickets bool
	// Tickets12: RFC 5077 tickets at TLS 1.2, when Version is TLS 1.3.
	Tickets12Tested, Tickets12 bool
	IDTested, IDs              bool
	TicketErr, IDErr           error
}

var versionNames = map[uint16]string{
	tls.VersionTLS10: "TLS 1.0", tls.VersionTLS11: "TLS 1.1", tls.VersionTLS12: "TLS 1.2", tls.VersionTLS13: "TLS 1.3",
}

var allVersions = []uint16{tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13}

// TLS runs the handshakes once for the whole probe. A nil result means the
// target is not HTTPS.
func (s *Site) TLS() *tlsInfo {
	if !s.HTTPS() {
		return nil
	}
	return s.once("tls", func() any { return s.probeTLS() }).(*tlsInfo)
}

func (s *Site) probeTLS() *tlsInfo {
	info := &tlsInfo{Versions: map[uint16]bool{}, Insecure: map[uint16][]uint16{}, Accepted: map[uint16][]uint16{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	for _, v := range allVersions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := s.handshake(v, v, suitesFor(v, true))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil && v == tls.VersionTLS12 {
					firstErr = err
				}
				return
			}
			info.Versions[v] = true
			if v == tls.VersionTLS13 || info.Chain == nil {
				info.Chain = st.PeerCertificates
			}
			if len(st.OCSPResponse) > 0 && (v == tls.VersionTLS13 || info.OCSP == nil) {
				info.OCSP = st.OCSPResponse
			}
			if v == tls.VersionTLS13 {
				info.TLS13Suite = st.CipherSuite
			}
			if len(st.SignedCertificateTimestamps) > 0 {
				info.SCTs = st.SignedCertificateTimestamps
			}
		}()
	}
	wg.Wait()
	if len(info.Versions) == 0 {
		if firstErr == nil {
			firstErr = errors.New("no TLS version accepted")
		}
		info.Err = firstErr
		return info
	}
	// Suites, per version: offer every one, take the one the server
	// picks away, offer the rest again, until it refuses. The insecure
	// ones are those on Go's insecure list.
	for _, v := range allVersions[:3] {
		if !info.Versions[v] {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := s.enumerate(v, suitesFor(v, true))
			insecure := map[uint16]bool{}
			for _, id := range insecureSuites(v) {
				insecure[id] = true
			}
			mu.Lock()
			defer mu.Unlock()
			info.Accepted[v] = got
			for _, id := range got {
				if insecure[id] {
					info.Insecure[v] = append(info.Insecure[v], id)
				}
			}
		}()
	}
	wg.Wait()
	// The hand-made handshakes and the resumption test, side by side.
	wg.Add(4)
	go func() { defer wg.Done(); info.Order = s.probeCipherOrder(info) }()
	go func() { defer wg.Done(); s.probeDH(info) }()
	go func() { defer wg.Done(); s.probeCurves(info) }()
	go func() { defer wg.Done(); info.Resumption = s.probeResumption(info) }()
	wg.Wait()
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10} {
		if info.Versions[v] {
			if st, err := s.handshake(v, v, suitesFor(v, true)); err == nil {
				info.Preferred = st.CipherSuite
			}
			break
		}
	}
	s.verify(info)
	return info
}

// verify checks the chain against the system roots (plus --ca-file) and
// the host name, as a browser would.
func (s *Site) verify(info *tlsInfo) {
	if len(info.Chain) == 0 {
		info.VerifyErr = errors.New("no certificate")
		return
	}
	leaf := info.Chain[0]
	inter := x509.NewCertPool()
	for _, c := range info.Chain[1:] {
		inter.AddCert(c)
	}
	verify := func(roots *x509.CertPool) error {
		_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: s.opts.Now})
		return err
	}
	var err error
	if s.opts.RootCAs == nil && len(s.opts.ExtraRootsPEM) > 0 {
		// A chain to one of the extra roots verifies whatever else is
		// trusted: the system's roots, which take 15 ms of CPU to read,
		// are read only when it does not.
		extra := x509.NewCertPool()
		extra.AppendCertsFromPEM(s.opts.ExtraRootsPEM)
		if err = verify(extra); err != nil {
			err = verify(s.roots())
		}
	} else {
		err = verify(s.roots())
	}
	info.Verified, info.VerifyErr = err == nil, err
	if host := s.host; host != "" {
		info.HostErr = leaf.VerifyHostname(host)
	}
}

// roots are the certificates trusted: RootCAs or the system's, and
// ExtraRootsPEM. A nil pool, when there are no extra roots, has Verify use
// the system's.
func (s *Site) roots() *x509.CertPool {
	roots := s.opts.RootCAs
	if roots == nil {
		if sys, err := x509.SystemCertPool(); err == nil {
			roots = sys // a copy
		}
	} else if len(s.opts.ExtraRootsPEM) > 0 {
		roots = roots.Clone()
	}
	if len(s.opts.ExtraRootsPEM) > 0 {
		if roots == nil {
			roots = x509.NewCertPool()
		}
		roots.AppendCertsFromPEM(s.opts.ExtraRootsPEM)
	}
	return roots
}

// handshake connects with the given versions and suites and returns the
// connection state; the certificate is not verified here.
func (s *Site) handshake(minV, maxV uint16, suites []uint16) (tls.ConnectionState, error) {
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Timeout)
	defer cancel()
	if err := s.client.acquire(ctx); err != nil {
		return tls.ConnectionState{}, err
	}
	defer s.client.release()
	d := &tls.Dialer{
		NetDialer: &net.Dialer{Timeout: s.opts.Timeout},
		Config: &tls.Config{
			ServerName:         s.host,
			InsecureSkipVerify: true, //nolint:gosec // verified by verify, against the right roots
			MinVersion:         minV,
			MaxVersion:         maxV,
			CipherSuites:       suites,
		},
	}
	conn, err := d.DialContext(ctx, "tcp", s.HostPort())
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer conn.Close()
	return conn.(*tls.Conn).ConnectionState(), nil
}

// enumerate returns the suites of offer the server accepts at version v.
func (s *Site) enumerate(v uint16, offer []uint16) []uint16 {
	var got []uint16
	for len(offer) > 0 {
		st, err := s.handshake(v, v, offer)
		if err != nil || !contains16(offer, st.CipherSuite) {
			break
		}
		got = append(got, st.CipherSuite)
		offer = without(offer, st.CipherSuite)
		if len(got) > 64 {
			break
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
	return got
}

func contains16(xs []uint16, x uint16) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func without(xs []uint16, x uint16) []uint16 {
	out := make([]uint16, 0, len(xs))
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// suitesFor lists the suites Go can offer at version v.
func suitesFor(v uint16, withInsecure bool) []uint16 {
	if v == tls.VersionTLS13 {
		return nil // not configurable, all of them are strong
	}
	var out []uint16
	add := func(cs []*tls.CipherSuite) {
		for _, c := range cs {
			for _, sv := range c.SupportedVersions {
				if sv == v {
					out = append(out, c.ID)
				}
			}
		}
	}
	add(tls.CipherSuites())
	if withInsecure {
		add(tls.InsecureCipherSuites())
	}
	return out
}

func insecureSuites(v uint16) []uint16 {
	var out []uint16
	for _, c := range tls.InsecureCipherSuites() {
		for _, sv := range c.SupportedVersions {
			if sv == v {
				out = append(out, c.ID)
			}
		}
	}
	return out
}

// suiteWeakness says what is wrong with an insecure suite: "" for a suite
// whose only fault is the lack of forward secrecy (the RSA key exchange).
func suiteWeakness(id uint16) string {
	name := tls.CipherSuiteName(id)
	switch {
	case strings.Contains(name, "RC4"):
		return "RC4 is broken (RFC 7465)"
	case strings.Contains(name, "3DES"):
		return "3DES has a 64-bit block (Sweet32)"
	case strings.Contains(name, "CBC_SHA256"):
		return "CBC with HMAC-SHA256 is open to Lucky13-style timing attacks"
	}
	return ""
}

// forwardSecret reports whether a suite's key exchange is ephemeral.
func forwardSecret(id uint16) bool {
	name := tls.CipherSuiteName(id)
	return strings.Contains(name, "ECDHE") || strings.Contains(name, "DHE") || !strings.Contains(name, "_WITH_")
}
