package probe

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sort"
	"strings"
	"sync"
	"time"
)

// highestLegacy is the highest version up to TLS 1.2 the server accepts
// (0 when it speaks only TLS 1.3): the hand-made hellos speak no newer.
func highestLegacy(info *tlsInfo) uint16 {
	for _, v := range []uint16{tls.VersionTLS12, tls.VersionTLS11, tls.VersionTLS10} {
		if info.Versions[v] {
			return v
		}
	}
	return 0
}

// suiteRank orders suites from strongest to weakest: AEAD with forward
// secrecy, then CBC with it, then without it, then 3DES and RC4.
func suiteRank(id uint16) int {
	name := tls.CipherSuiteName(id)
	r := 0
	switch {
	case strings.Contains(name, "RC4") || strings.Contains(name, "3DES"):
		r = 30
	case !strings.Contains(name, "GCM") && !strings.Contains(name, "CHACHA20"):
		r = 10
	}
	if !forwardSecret(id) {
		r += 5
	}
	return r
}

// probeCipherOrder offers the suites the server accepts at its highest
// version up to TLS 1.2, strongest first and then weakest first, as
// testssl.sh does. A server that picks the first of each follows the
// client's order; any other choice is the server's own.
func (s *Site) probeCipherOrder(info *tlsInfo) cipherOrder {
	o := s.probeLegacyOrder(info)
	if info.Versions[tls.VersionTLS13] {
		var picks [2]uint16
		for i, offer := range [][]uint16{{0x1301, 0x1302, 0x1303}, {0x1303, 0x1302, 0x1301}} {
			r, err := s.rawRetry(rawHello{tls13: true, suites: offer, groups: []uint16{29, 23}})
			if err != nil || r.version != tls.VersionTLS13 {
				return o
			}
			picks[i] = r.suite
		}
		o.TLS13Tested = true
		o.TLS13Server = picks[0] == picks[1] || picks[0] != 0x1301 || picks[1] != 0x1303
	}
	return o
}

func (s *Site) probeLegacyOrder(info *tlsInfo) cipherOrder {
	v := highestLegacy(info)
	o := cipherOrder{Version: v}
	if v == 0 {
		o.Err = errors.New("the server speaks only TLS 1.3, whose suites are all strong")
		return o
	}
	suites := append([]uint16(nil), info.Accepted[v]...)
	if len(suites) < 2 {
		o.Err = errors.New("the server accepts a single suite at " + versionNames[v])
		return o
	}
	sort.SliceStable(suites, func(i, j int) bool { return suiteRank(suites[i]) < suiteRank(suites[j]) })
	if suiteRank(suites[0]) == suiteRank(suites[len(suites)-1]) {
		// All of one rank: any order gives a suite as good; still tell
		// whether the server chooses.
		sort.Slice(suites, func(i, j int) bool { return suites[i] < suites[j] })
	}
	rev := make([]uint16, len(suites))
	for i, id := range suites {
		rev[len(suites)-1-i] = id
	}
	o.Offered = len(suites)
	for i, offer := range [][]uint16{suites, rev} {
		r, err := s.rawRetry(rawHello{version: v, suites: offer, groups: []uint16{29, 23, 24, 25}})
		if err != nil {
			o.Err = err
			return o
		}
		o.Picks[i] = r.suite
	}
	o.Tested = true
	// The server follows the client only when it takes the first suite of
	// both lists. One that picks otherwise chooses by itself, even if not
	// by one fixed list (Go and BoringSSL weigh AES-GCM against ChaCha20
	// by the client's hardware, as the client's first AEAD suite hints).
	o.ServerOrder = o.Picks[0] == o.Picks[1] || o.Picks[0] != suites[0] || o.Picks[1] != rev[0]
	return o
}

// probeDH offers only finite-field DHE suites, which Go cannot speak, and
// reads the size of the prime from the ServerKeyExchange.
func (s *Site) probeDH(info *tlsInfo) {
	v := highestLegacy(info)
	if v == 0 {
		return
	}
	r, err := s.rawRetry(rawHello{version: v, suites: dheSuites})
	info.Groups.DHTested = err == nil || errors.Is(err, errRefused)
	if err != nil || !dheSuite(r.suite) {
		return
	}
	info.Groups.DHBits, info.Groups.DHSuite = r.dhBits, r.suite
}

// probeCurves offers ECDHE with one named group at a time: by hand at TLS
// 1.2 and older, where weak curves can be offered, and with crypto/tls at
// TLS 1.3.
func (s *Site) probeCurves(info *tlsInfo) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	seen := map[uint16]bool{}
	accept := func(g uint16) {
		mu.Lock()
		seen[g] = true
		mu.Unlock()
	}
	if v := highestLegacy(info); v != 0 {
		for _, g := range ecGroups {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.rawRetry(rawHello{version: v, suites: ecdheSuites, groups: []uint16{g}})
				if err == nil && r.group == g {
					accept(g)
				} else if err != nil && !errors.Is(err, errRefused) {
					mu.Lock()
					info.Groups.Err = err
					mu.Unlock()
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.rawRetry(rawHello{version: v, suites: ecdheSuites, groups: []uint16{29, 23, 24, 25, 30, 26, 27, 28, 22}})
			if err == nil && r.group != 0 {
				mu.Lock()
				info.Groups.Preferred = r.group
				mu.Unlock()
			}
		}()
	}
	if info.Versions[tls.VersionTLS13] {
		// By hand, one group at a time, curves and RFC 7919 groups alike:
		// the HelloRetryRequest names the group the server takes.
		for _, g := range tls13Groups {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.rawRetry(rawHello{tls13: true, suites: []uint16{0x1301, 0x1302, 0x1303}, groups: []uint16{g}})
				if err == nil && r.version == tls.VersionTLS13 && r.group == g {
					if _, ok := ffdheBits[g]; ok {
						mu.Lock()
						info.Groups.FFDHE = append(info.Groups.FFDHE, g)
						mu.Unlock()
					} else {
						accept(g)
					}
				}
			}()
		}
		for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_AES_256_GCM_SHA384, tls.TLS_CHACHA20_POLY1305_SHA256} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.rawRetry(rawHello{tls13: true, suites: []uint16{suite}, groups: []uint16{29, 23}})
				if err == nil && r.version == tls.VersionTLS13 && r.suite == suite {
					mu.Lock()
					info.TLS13Suites = append(info.TLS13Suites, suite)
					mu.Unlock()
				}
			}()
		}
		for _, c := range []tls.CurveID{tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521, tls.X25519MLKEM768} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, err := s.handshakeWith(func(cfg *tls.Config) {
					cfg.MinVersion, cfg.MaxVersion = tls.VersionTLS13, tls.VersionTLS13
					cfg.CurvePreferences = []tls.CurveID{c}
				})
				if err == nil && st.CurveID == c {
					accept(uint16(c))
				}
			}()
		}
	}
	wg.Wait()
	for g := range seen {
		info.Groups.Curves = append(info.Groups.Curves, g)
	}
	sort.Slice(info.Groups.FFDHE, func(i, j int) bool { return info.Groups.FFDHE[i] < info.Groups.FFDHE[j] })
	sort.Slice(info.TLS13Suites, func(i, j int) bool { return info.TLS13Suites[i] < info.TLS13Suites[j] })
	sort.Slice(info.Groups.Curves, func(i, j int) bool { return info.Groups.Curves[i] < info.Groups.Curves[j] })
}

// probeResumption connects twice with a session cache (tickets, at the
// highest version, and at TLS 1.2 too), and, at TLS 1.2, offers back the
// session ID the server gave in a full handshake.
func (s *Site) probeResumption(info *tlsInfo) resumption {
	r := resumption{Version: tls.VersionTLS13}
	if !info.Versions[r.Version] {
		r.Version = highestLegacy(info)
	}
	if r.Version == 0 {
		return r
	}
	cache := tls.NewLRUClientSessionCache(4)
	first := func(cfg *tls.Config) {
		cfg.MinVersion, cfg.MaxVersion, cfg.ClientSessionCache = r.Version, r.Version, cache
	}
	// TLS 1.3 tickets come after the handshake: read an answer to get them.
	if _, err := s.handshakeWith(first, "HEAD / HTTP/1.1\r\nHost: "+s.host+"\r\nUser-Agent: "+s.opts.UserAgent+"\r\nConnection: close\r\n\r\n"); err != nil {
		r.TicketErr = err
	} else if st, err := s.handshakeWith(first); err != nil {
		r.TicketErr = err
	} else {
		r.Tested, r.Tickets = true, st.DidResume
	}
	if info.Versions[tls.VersionTLS12] && r.Version == tls.VersionTLS13 {
		// RFC 5077 tickets at TLS 1.2: the server's ticket key then
		// protects every session it issued (ssl_session_tickets).
		cache12 := tls.NewLRUClientSessionCache(4)
		at12 := func(cfg *tls.Config) {
			cfg.MinVersion, cfg.MaxVersion, cfg.ClientSessionCache = tls.VersionTLS12, tls.VersionTLS12, cache12
		}
		if _, err := s.handshakeWith(at12); err == nil {
			if st, err := s.handshakeWith(at12); err == nil {
				r.Tickets12Tested, r.Tickets12 = true, st.DidResume
			}
		}
	}
	if info.Versions[tls.VersionTLS12] {
		r.IDTested, r.IDs, r.IDErr = s.resumeByID()
		r.Tested = r.Tested || r.IDTested
	}
	return r
}

// resumeByID completes a TLS 1.2 handshake without tickets, reads the
// session ID from the ServerHello it recorded, and offers it back in a
// hand-made hello: the server resumed when it answers with that ID and
// goes straight to ChangeCipherSpec.
func (s *Site) resumeByID() (tested, resumed bool, err error) {
	var rec *recordingConn
	var suite uint16
	st, err := s.handshakeWith(func(cfg *tls.Config) {
		cfg.MinVersion, cfg.MaxVersion, cfg.SessionTicketsDisabled = tls.VersionTLS12, tls.VersionTLS12, true
	}, "", func(c net.Conn) net.Conn { rec = &recordingConn{Conn: c}; return rec })
	if err != nil {
		return false, false, err
	}
	suite = st.CipherSuite
	hello, err := readFlight(bytes.NewReader(rec.buf.Bytes()), false)
	if err != nil {
		return false, false, err
	}
	if len(hello.sessionID) == 0 {
		return true, false, nil // no ID given: nothing to resume
	}
	again, err := s.rawRetry(rawHello{version: tls.VersionTLS12, suites: []uint16{suite}, groups: []uint16{29, 23, 24, 25}, sessionID: hello.sessionID})
	if err != nil {
		return true, false, nil
	}
	return true, again.resumed && bytes.Equal(again.sessionID, hello.sessionID), nil
}

// recordingConn keeps the first bytes the server sends.
type recordingConn struct {
	net.Conn
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *recordingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.mu.Lock()
	if c.buf.Len() < maxFlight {
		c.buf.Write(b[:n])
	}
	c.mu.Unlock()
	return n, err
}

// handshakeWith completes a handshake with a configuration changed by
// set; when request is given it is sent and the answer read (up to 64 KiB),
// which is when TLS 1.3 tickets arrive. wrap, when given, wraps the TCP
// connection.
func (s *Site) handshakeWith(set func(*tls.Config), more ...any) (tls.ConnectionState, error) {
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Timeout)
	defer cancel()
	if err := s.client.acquire(ctx); err != nil {
		return tls.ConnectionState{}, err
	}
	defer s.client.release()
	request := ""
	var wrap func(net.Conn) net.Conn
	for _, m := range more {
		switch m := m.(type) {
		case string:
			request = m
		case func(net.Conn) net.Conn:
			wrap = m
		}
	}
	d := &net.Dialer{Timeout: s.opts.Timeout}
	raw, err := d.DialContext(ctx, "tcp", s.HostPort())
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer raw.Close()
	if wrap != nil {
		raw = wrap(raw)
	}
	cfg := &tls.Config{
		ServerName:         s.host,
		InsecureSkipVerify: true, //nolint:gosec // the chain is judged by verify
	}
	set(cfg)
	conn := tls.Client(raw, cfg)
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	if err := conn.HandshakeContext(ctx); err != nil {
		return tls.ConnectionState{}, err
	}
	if request != "" {
		if _, err := io.WriteString(conn, request); err == nil {
			_ = conn.SetReadDeadline(time.Now().Add(min(s.opts.Timeout, 3*time.Second)))
			_, _ = io.Copy(io.Discard, io.LimitReader(conn, 64<<10))
		}
	}
	return conn.ConnectionState(), nil
}
