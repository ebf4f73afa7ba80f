package tlsraw

import (
	"bytes"
	"net"
	"testing"
	"time"
)

// bytesConn is a net.Conn that reads a fixed answer.
type bytesConn struct {
	net.Conn
	r *bytes.Reader
}

func (b *bytesConn) Read(p []byte) (int, error)      { return b.r.Read(p) }
func (b *bytesConn) Write(p []byte) (int, error)     { return len(p), nil }
func (b *bytesConn) Close() error                    { return nil }
func (b *bytesConn) SetDeadline(time.Time) error     { return nil }
func (b *bytesConn) SetReadDeadline(time.Time) error { return nil }

// FuzzReadFlight feeds arbitrary server answers to the flight reader and
// the parsers behind it: no input may panic or read past the budget.
func FuzzReadFlight(f *testing.F) {
	sh := []byte{3, 3}
	sh = append(sh, make([]byte, 32)...)
	sh = append(sh, 0, 0xC0, 0x2F, 0, 0, 5, 0xFF, 0x01, 0, 1, 0)
	ske := []byte{0, 2, 0xFF, 0xFB, 0, 1, 2, 0, 1, 5}
	good := appendRecords(nil, TypeHandshake, VersionTLS12, append(append(append(handshakeMsg(2, sh),
		handshakeMsg(11, []byte{0, 0, 4, 0, 0, 1, 0x30})...), handshakeMsg(12, ske)...), handshakeMsg(14, nil)...))
	f.Add(good)
	f.Add(alertRecord(VersionTLS12, AlertHandshakeFailure))
	f.Add([]byte{22, 3, 3, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &Conn{c: &bytesConn{r: bytes.NewReader(data)}, stop: func() bool { return true }, KeepTranscript: true}
		c.r = &limitedReader{r: c.c, left: maxExchange}
		fl, err := c.ReadFlight()
		if err == nil && fl.KeyExchange != nil {
			if dh, err := ParseDHParams(fl.KeyExchange); err == nil {
				_ = dh.Bits()
				_ = CommonPrime(dh.P)
			}
		}
		if len(c.Transcript) > maxExchange {
			t.Fatalf("transcript of %d bytes", len(c.Transcript))
		}
	})
}

// FuzzOpenRecord feeds arbitrary encrypted records to both record
// protections: a hostile server's garbage must be an error, never a panic.
func FuzzOpenRecord(f *testing.F) {
	key := bytes.Repeat([]byte{7}, 16)
	f.Add(make([]byte, 48), uint16(VersionTLS10))
	f.Add(make([]byte, 24), uint16(VersionTLS12))
	f.Fuzz(func(t *testing.T, rec []byte, v uint16) {
		cbc, _ := newCBC(bytes.Repeat([]byte{1}, 20), key, make([]byte, 16), v)
		_, _ = cbc.open(0, TypeHandshake, v, rec)
		g, _ := newGCM(key, []byte{1, 2, 3, 4})
		_, _ = g.open(0, TypeHandshake, v, rec)
		// What one side seals, the other opens.
		if len(rec) < 1024 {
			c1, _ := newCBC(bytes.Repeat([]byte{1}, 20), key, make([]byte, 16), v)
			c2, _ := newCBC(bytes.Repeat([]byte{1}, 20), key, make([]byte, 16), v)
			if pt, err := c2.open(3, TypeHandshake, v, c1.seal(3, TypeHandshake, v, rec)); err != nil || !bytes.Equal(pt, rec) {
				t.Fatalf("CBC round trip: %v", err)
			}
			if pt, err := g.open(5, TypeAlert, v, g.seal(5, TypeAlert, v, rec)); err != nil || !bytes.Equal(pt, rec) {
				t.Fatalf("GCM round trip: %v", err)
			}
		}
	})
}

// FuzzReadSSLv2Answer feeds arbitrary answers to the SSLv2 reader: no
// input may panic, and a SERVER-HELLO it accepts has lengths that add up.
func FuzzReadSSLv2Answer(f *testing.F) {
	f.Add(sslv2ServerHello(make([]byte, 40), []uint32{0x010080, 0x020080}))
	f.Add(sslv2Record([]byte{0, 0, 1}))
	f.Add(alertRecord(VersionTLS10, AlertProtocolVersion))
	f.Add([]byte{0xFF, 0xFF, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := readSSLv2Answer(&limitedReader{r: bytes.NewReader(data), left: maxExchange})
		if err == nil && 13+len(sh.Certificate)+3*len(sh.Ciphers)+len(sh.ConnectionID) > len(data) {
			t.Fatalf("a SERVER-HELLO longer than its input: %d bytes", len(data))
		}
	})
}
