package tlsraw

import (
	"crypto/rand"
	"net"
)

// Extension numbers.
const (
	ExtServerName      uint16 = 0
	ExtSupportedGroups uint16 = 10
	ExtPointFormats    uint16 = 11
	ExtSignatureAlgs   uint16 = 13
	ExtHeartbeat       uint16 = 15
	ExtPadding         uint16 = 21
	ExtEMS             uint16 = 23
	ExtSessionTicket   uint16 = 35
	ExtRenegotiation   uint16 = 0xFF01
)

// ClientHello is a hand-made ClientHello: any version from SSLv3 to TLS
// 1.2, any suites (legacy and export ones, signalling values), any
// compression methods and a chosen set of extensions.
type ClientHello struct {
	Version     uint16   // client_version; the record says TLS 1.0 (SSLv3 for SSLv3)
	Suites      []uint16 // in order of preference; SCSVs are appended by the caller
	Compression []uint8  // nil means {0} (null)
	ServerName  string   // SNI, left out for an IP address or ""
	// Heartbeat adds the heartbeat extension (RFC 6520), peer allowed to send.
	Heartbeat bool
	// Renegotiation adds an empty renegotiation_info extension (RFC 5746).
	Renegotiation bool
	// RenegotiationData is the client's verify_data for a renegotiation
	// ClientHello sent inside a session; it implies Renegotiation.
	RenegotiationData []byte
	// NoExtensions sends a hello without any extension block (as an SSLv3
	// client does).
	NoExtensions bool
	// Random is the client random; zero means random bytes.
	Random [32]byte
	// SessionID is the legacy session ID offered (at most 32 bytes).
	SessionID []byte
	// Ticket is the body of the SessionTicket extension (RFC 5077),
	// empty to ask for a new ticket.
	Ticket []byte
}

// Marshal returns the handshake message (type, length, body), without the
// record header.
func (h *ClientHello) Marshal() []byte {
	if h.Random == ([32]byte{}) {
		_, _ = rand.Read(h.Random[:])
	}
	b := []byte{byte(h.Version >> 8), byte(h.Version)}
	b = append(b, h.Random[:]...)
	b = append(b, byte(len(h.SessionID)))
	b = append(b, h.SessionID...)
	b = appendU16(b, uint16(2*len(h.Suites)))
	for _, s := range h.Suites {
		b = appendU16(b, s)
	}
	comp := h.Compression
	if len(comp) == 0 {
		comp = []uint8{0}
	}
	b = append(b, byte(len(comp)))
	b = append(b, comp...)
	if !h.NoExtensions {
		ext := h.extensions()
		// Some TLS terminators hang on a hello of 256 to 511 bytes; pad
		// it past them as OpenSSL and browsers do (RFC 7685).
		if n := 4 + len(b) + 2 + len(ext); n > 0xFF && n < 0x200 {
			pad := max(0x200-n-4, 1)
			ext = appendU16(ext, ExtPadding)
			ext = appendU16(ext, uint16(pad))
			ext = append(ext, make([]byte, pad)...)
		}
		b = appendU16(b, uint16(len(ext)))
		b = append(b, ext...)
	}
	msg := []byte{1, byte(len(b) >> 16), byte(len(b) >> 8), byte(len(b))}
	return append(msg, b...)
}

func (h *ClientHello) extensions() []byte {
	var e []byte
	add := func(typ uint16, body []byte) {
		e = appendU16(e, typ)
		e = appendU16(e, uint16(len(body)))
		e = append(e, body...)
	}
	if h.ServerName != "" && net.ParseIP(h.ServerName) == nil {
		n := []byte(h.ServerName)
		body := appendU16(nil, uint16(len(n)+3))
		body = append(body, 0)
		body = appendU16(body, uint16(len(n)))
		add(ExtServerName, append(body, n...))
	}
	// Every curve a legacy or modern server may want, and uncompressed
	// points: without them a server cannot pick an ECDHE suite.
	groups := []uint16{29, 23, 24, 25, 30, 21, 22, 19}
	gb := appendU16(nil, uint16(2*len(groups)))
	for _, g := range groups {
		gb = appendU16(gb, g)
	}
	add(ExtSupportedGroups, gb)
	add(ExtPointFormats, []byte{1, 0})
	if h.Version >= VersionTLS12 {
		algs := []uint16{0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0201, 0x0203, 0x0202, 0x0402}
		ab := appendU16(nil, uint16(2*len(algs)))
		for _, a := range algs {
			ab = appendU16(ab, a)
		}
		add(ExtSignatureAlgs, ab)
	}
	add(ExtSessionTicket, h.Ticket)
	if h.Heartbeat {
		add(ExtHeartbeat, []byte{1}) // peer_allowed_to_send
	}
	if h.Renegotiation || h.RenegotiationData != nil {
		add(ExtRenegotiation, append([]byte{byte(len(h.RenegotiationData))}, h.RenegotiationData...))
	}
	return e
}

// recordVersion is the version of the record carrying the hello: TLS 1.0
// for TLS, as most clients do, SSLv3 for SSLv3.
func (h *ClientHello) recordVersion() uint16 {
	if h.Version <= VersionSSL30 {
		return VersionSSL30
	}
	return VersionTLS10
}

func appendU16(b []byte, v uint16) []byte { return append(b, byte(v>>8), byte(v)) }
