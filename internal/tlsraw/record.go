package tlsraw

import (
	"errors"
	"fmt"
	"io"
)

// Record content types.
const (
	TypeChangeCipherSpec uint8 = 20
	TypeAlert            uint8 = 21
	TypeHandshake        uint8 = 22
	TypeApplicationData  uint8 = 23
	TypeHeartbeat        uint8 = 24
)

// Protocol versions as they appear on the wire.
const (
	VersionSSL30 uint16 = 0x0300
	VersionTLS10 uint16 = 0x0301
	VersionTLS11 uint16 = 0x0302
	VersionTLS12 uint16 = 0x0303
	VersionTLS13 uint16 = 0x0304
)

// VersionName names a protocol version.
func VersionName(v uint16) string {
	switch v {
	case VersionSSL30:
		return "SSLv3"
	case VersionTLS10:
		return "TLS 1.0"
	case VersionTLS11:
		return "TLS 1.1"
	case VersionTLS12:
		return "TLS 1.2"
	case VersionTLS13:
		return "TLS 1.3"
	}
	return fmt.Sprintf("0x%04X", v)
}

// maxRecord is the largest record payload a conforming peer sends
// (2^14 plus the 2048 bytes of expansion RFC 5246 allows a ciphertext).
// A longer length is refused before anything is allocated for it.
const maxRecord = 1<<14 + 2048

// ErrNotTLS is returned when the peer answers with something that is not
// a TLS record (an HTTP error page, an SSLv2 record, garbage).
var ErrNotTLS = errors.New("the server did not answer with a TLS record")

// record is one TLS record.
type record struct {
	Type    uint8
	Version uint16
	Payload []byte
}

// readRecord reads one record, refusing any length over maxRecord and any
// content type TLS does not define.
func readRecord(r io.Reader) (record, error) {
	var h [5]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return record{}, err
	}
	if h[0] < TypeChangeCipherSpec || h[0] > TypeHeartbeat || h[1] != 3 {
		return record{}, ErrNotTLS
	}
	n := int(h[3])<<8 | int(h[4])
	if n > maxRecord {
		return record{}, fmt.Errorf("record of %d bytes, over the %d a server may send", n, maxRecord)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return record{}, fmt.Errorf("truncated record: %w", err)
	}
	return record{Type: h[0], Version: uint16(h[1])<<8 | uint16(h[2]), Payload: p}, nil
}

// appendRecords frames payload as records of type typ, split at 2^14 bytes.
func appendRecords(out []byte, typ uint8, version uint16, payload []byte) []byte {
	for {
		n := min(len(payload), 1<<14)
		out = append(out, typ, byte(version>>8), byte(version), byte(n>>8), byte(n))
		out = append(out, payload[:n]...)
		payload = payload[n:]
		if len(payload) == 0 {
			return out
		}
	}
}

// limitedReader counts what the peer sent and fails past a budget, so that
// a server streaming records forever costs a bounded amount.
type limitedReader struct {
	r    io.Reader
	left int
}

var errBudget = errors.New("the server sent more than the bytes allowed for one exchange")

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errBudget
	}
	if len(p) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= n
	return n, err
}

// Alert is a TLS alert received from the server; it is the error of an
// exchange the server refused.
type Alert struct {
	Level, Description uint8
}

// Alert descriptions the tests look for.
const (
	AlertUnexpectedMessage    uint8 = 10
	AlertBadRecordMAC         uint8 = 20
	AlertDecryptionFailed     uint8 = 21
	AlertHandshakeFailure     uint8 = 40
	AlertIllegalParameter     uint8 = 47
	AlertDecodeError          uint8 = 50
	AlertProtocolVersion      uint8 = 70
	AlertInsufficientSecurity uint8 = 71
	AlertInternalError        uint8 = 80
	AlertInappropriateFallbk  uint8 = 86
	AlertNoRenegotiation      uint8 = 100
)

var alertNames = map[uint8]string{
	0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 21: "decryption_failed", 22: "record_overflow",
	30: "decompression_failure", 40: "handshake_failure", 42: "bad_certificate", 47: "illegal_parameter", 50: "decode_error",
	51: "decrypt_error", 70: "protocol_version", 71: "insufficient_security", 80: "internal_error", 86: "inappropriate_fallback",
	90: "user_canceled", 100: "no_renegotiation", 109: "missing_extension", 110: "unsupported_extension", 112: "unrecognized_name",
}

func (a *Alert) name() string {
	if n, ok := alertNames[a.Description]; ok {
		return n
	}
	return fmt.Sprintf("alert %d", a.Description)
}

func (a *Alert) Error() string {
	n := a.name()
	if a.Level == 2 {
		return "the server sent a fatal " + n + " alert"
	}
	return "the server sent a " + n + " alert"
}
