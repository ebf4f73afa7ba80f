package tlsraw

import (
	"bytes"
	"context"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostileServers proves the bounds: servers that lie about lengths,
// cut records short, drip bytes or never stop sending make every test
// answer "not tested" within the exchange timeout, without a crash and
// without a large allocation.
func TestHostileServers(t *testing.T) {
	drain := func(c net.Conn) { _, _ = readRecord(c) }
	cases := []struct {
		name   string
		handle func(c net.Conn)
		why    string // a word every detail carries
	}{
		{"oversized record", func(c net.Conn) {
			drain(c)
			c.Write([]byte{22, 3, 3, 0xFF, 0xFF})
			c.Write(make([]byte, 1<<16))
		}, "record of 65535 bytes"},
		{"handshake message of 16 MiB", func(c net.Conn) {
			drain(c)
			c.Write(appendRecords(nil, TypeHandshake, VersionTLS12, []byte{2, 0xFF, 0xFF, 0xFF, 3, 3}))
			junk := appendRecords(nil, TypeHandshake, VersionTLS12, make([]byte, 1<<14))
			for i := 0; i < 64; i++ {
				if _, err := c.Write(junk); err != nil {
					return
				}
			}
		}, "handshake message of 16777215 bytes"},
		{"certificates that never end", func(c net.Conn) {
			drain(c)
			sh := []byte{3, 3}
			sh = append(sh, make([]byte, 32)...)
			sh = append(sh, 0, 0xC0, 0x2F, 0)
			c.Write(appendRecords(nil, TypeHandshake, VersionTLS12, handshakeMsg(2, sh)))
			cert := appendRecords(nil, TypeHandshake, VersionTLS12, handshakeMsg(11, make([]byte, 100<<10)))
			for i := 0; i < 32; i++ {
				if _, err := c.Write(cert); err != nil {
					return
				}
			}
		}, "more than the bytes allowed"},
		{"endless empty records", func(c net.Conn) {
			drain(c)
			for i := 0; i < 2000; i++ {
				if _, err := c.Write([]byte{22, 3, 3, 0, 0}); err != nil {
					return
				}
			}
		}, "too many records"},
		{"endless HelloRequests", func(c net.Conn) {
			drain(c)
			c.Write(appendRecords(nil, TypeHandshake, VersionTLS12, bytes.Repeat([]byte{0, 0, 0, 0}, 100)))
		}, "handshake message"},
		{"truncated record", func(c net.Conn) {
			drain(c)
			c.Write([]byte{22, 3, 3, 0, 100, 2, 0, 0})
		}, "truncated record"},
		{"lying extension length", func(c net.Conn) {
			drain(c)
			sh := []byte{3, 3}
			sh = append(sh, make([]byte, 32)...)
			sh = append(sh, 0, 0xC0, 0x2F, 0, 0, 10, 0xFF, 0x01, 0x7F, 0xFF)
			c.Write(appendRecords(nil, TypeHandshake, VersionTLS12, handshakeMsg(2, sh)))
		}, "malformed ServerHello"},
		{"not TLS", func(c net.Conn) {
			drain(c)
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
		}, "not answer with a TLS record"},
		{"slowloris", func(c net.Conn) {
			drain(c)
			for _, b := range []byte{22, 3, 3, 0x40, 0, 2, 0, 0x3F, 0xFC} {
				if _, err := c.Write([]byte{b}); err != nil {
					return
				}
				time.Sleep(400 * time.Millisecond)
			}
			time.Sleep(5 * time.Second)
		}, "timeout"},
		{"silent", func(c net.Conn) { time.Sleep(5 * time.Second) }, "timeout"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.why == "timeout" {
				t.Skip("waits for the exchange timeout")
			}
			srv := &fake{handle: func(c net.Conn) bool { tc.handle(c); return true }}
			s := scanner(srv.start(t))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			for _, tf := range allTests {
				r := tf.fn(s, context.Background())
				if r.Verdict != Untested {
					t.Errorf("%s: got %s (%s), want not tested", tf.name, r.Verdict, r.Detail)
				}
				if !strings.Contains(r.Detail, tc.why) {
					t.Errorf("%s: detail %q does not say %q", tf.name, r.Detail, tc.why)
				}
			}
			runtime.ReadMemStats(&after)
			// The version probes run in parallel: one timeout in all,
			// with room for a loaded machine, and still well short of
			// the 5 s the slow servers would hold on.
			if d := time.Since(start); d > s.Timeout+2500*time.Millisecond {
				t.Errorf("took %v, over the exchange timeout of %v", d, s.Timeout)
			}
			// At most 256 KiB read per connection, five connections,
			// and the fake server's own buffers: a few MiB, never what
			// the lengths claim (16 MiB and more).
			if n := after.TotalAlloc - before.TotalAlloc; n > 12<<20 {
				t.Errorf("allocated %d bytes", n)
			} else {
				t.Logf("%d tests in %v, %d KiB allocated (client and server)", len(allTests), time.Since(start).Round(time.Millisecond), n>>10)
			}
		})
	}
}

// TestBudget: a server that accepts everything cannot make the tests open
// more connections than the scanner allows.
func TestBudget(t *testing.T) {
	s := scanner((&fake{versions: []uint16{VersionSSL30, VersionTLS10, VersionTLS11, VersionTLS12}}).start(t))
	s.MaxConns = 12
	var untestedSeen bool
	for _, tf := range allTests {
		if r := tf.fn(s, context.Background()); r.Verdict == Untested && strings.Contains(r.Detail, "budget") {
			untestedSeen = true
		}
	}
	if !untestedSeen {
		t.Error("no test said the connection budget was spent")
	}
	if n := s.conns.Load(); n > int32(s.MaxConns) {
		t.Errorf("%d connection attempts for a budget of %d", n, s.MaxConns)
	}
}
