package tlsraw

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

// Target is the server the hand-made handshakes go to.
type Target struct {
	Addr       string // host:port
	ServerName string // sent as SNI unless it is an IP address
	// Timeout bounds one exchange from dial to the last byte read; a server
	// that drips bytes is cut off there. Default 10s.
	Timeout time.Duration
	// DialFunc opens the TCP connection; nil means a net.Dialer. The probe
	// passes one that counts connections against its concurrency limit.
	DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)
}

// maxExchange is what one connection may read in all: a certificate chain
// of a few certificates fits many times over.
const maxExchange = 256 << 10

// maxMessage is the largest handshake message accepted.
const maxMessage = 128 << 10

// ErrClosed is returned when the server closed the connection (or reset
// it) instead of answering: a refusal, like an alert.
var ErrClosed = errors.New("the server closed the connection")

// Refused reports whether err means the server refused what was offered
// (an alert or a closed connection), as opposed to a failure to test
// (unreachable, timed out, not TLS).
func Refused(err error) bool {
	var a *Alert
	return errors.As(err, &a) || errors.Is(err, ErrClosed)
}

// Conn is one raw TLS connection.
type Conn struct {
	c    net.Conn
	r    *limitedReader
	stop func() bool
	hs   []byte // handshake bytes received and not yet parsed
	// Transcript holds every handshake message sent and received, for the
	// Finished computation of a full handshake, when KeepTranscript is set
	// before the hello is sent.
	Transcript     []byte
	KeepTranscript bool
	// Version is the record version used for records sent after the
	// ServerHello (the negotiated one).
	Version uint16
}

// Dial connects to the target; the connection's deadline is the exchange
// timeout (or the context's deadline when sooner).
func (t *Target) Dial(ctx context.Context) (*Conn, error) {
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	deadline := time.Now().Add(timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	dctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	dial := t.DialFunc
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	nc, err := dial(dctx, "tcp", t.Addr)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", t.Addr, err)
	}
	_ = nc.SetDeadline(deadline)
	c := &Conn{c: nc, r: &limitedReader{r: nc, left: maxExchange}}
	c.stop = context.AfterFunc(ctx, func() { nc.Close() })
	return c, nil
}

// Close closes the connection.
func (c *Conn) Close() error {
	c.stop()
	return c.c.Close()
}

// SetWait sets the deadline of what follows to d from now: tests where
// silence is an answer wait this long for it, whatever remained of the
// exchange timeout.
func (c *Conn) SetWait(d time.Duration) { _ = c.c.SetDeadline(time.Now().Add(d)) }

// Write sends payload as records of type typ.
func (c *Conn) Write(typ uint8, version uint16, payload []byte) error {
	if _, err := c.c.Write(appendRecords(nil, typ, version, payload)); err != nil {
		return closedErr(err)
	}
	return nil
}

// SendHello sends a ClientHello.
func (c *Conn) SendHello(h *ClientHello) error {
	msg := h.Marshal()
	if c.KeepTranscript {
		c.Transcript = append(c.Transcript, msg...)
	}
	return c.Write(TypeHandshake, h.recordVersion(), msg)
}

// ReadRecord reads one record within the connection's byte budget.
func (c *Conn) ReadRecord() (typ uint8, version uint16, payload []byte, err error) {
	r, err := readRecord(c.r)
	if err != nil {
		return 0, 0, nil, closedErr(err)
	}
	if r.Type == TypeAlert && len(r.Payload) >= 2 {
		return r.Type, r.Version, r.Payload, &Alert{Level: r.Payload[0], Description: r.Payload[1]}
	}
	return r.Type, r.Version, r.Payload, nil
}

// closedErr turns the ways a peer hangs up between records into
// ErrClosed; a record cut in the middle stays an error (a broken server
// says nothing about what it accepts).
func closedErr(err error) error {
	if err == io.EOF || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return fmt.Errorf("%w (%v)", ErrClosed, err)
	}
	return err
}

// Flight is the server's answer to a ClientHello, up to ServerHelloDone.
type Flight struct {
	Hello        *ServerHello
	Certificates [][]byte
	KeyExchange  []byte // the ServerKeyExchange body, nil if none
	CertRequest  bool   // the server asks for a client certificate
	Done         bool   // ServerHelloDone arrived
}

// HandshakeMessage is one handshake message.
type HandshakeMessage struct {
	Type uint8
	Body []byte
}

// NextHandshake returns the next handshake message, reading records as
// needed; alerts come back as *Alert errors.
func (c *Conn) NextHandshake() (HandshakeMessage, error) {
	for records := 0; ; records++ {
		if len(c.hs) >= 4 {
			n := int(c.hs[1])<<16 | int(c.hs[2])<<8 | int(c.hs[3])
			if n > maxMessage {
				return HandshakeMessage{}, fmt.Errorf("handshake message of %d bytes, over the %d accepted", n, maxMessage)
			}
			if len(c.hs) >= 4+n {
				m := HandshakeMessage{Type: c.hs[0], Body: c.hs[4 : 4+n : 4+n]}
				if c.KeepTranscript {
					c.Transcript = append(c.Transcript, c.hs[:4+n]...)
				}
				c.hs = c.hs[4+n:]
				if len(c.hs) == 0 {
					c.hs = nil // let the buffer of a long message go
				}
				return m, nil
			}
		}
		if records > 512 {
			return HandshakeMessage{}, errors.New("too many records for one handshake message")
		}
		typ, _, p, err := c.ReadRecord()
		if err != nil {
			return HandshakeMessage{}, err
		}
		if typ != TypeHandshake {
			return HandshakeMessage{}, fmt.Errorf("unexpected record of type %d during the handshake", typ)
		}
		c.hs = append(c.hs, p...)
	}
}

// ReadFlight reads the server's messages up to ServerHelloDone. On an
// alert it returns what arrived before it with the *Alert as error.
func (c *Conn) ReadFlight() (*Flight, error) {
	f := &Flight{}
	for i := 0; i < 32; i++ {
		m, err := c.NextHandshake()
		if err != nil {
			return f, err
		}
		switch m.Type {
		case 0: // HelloRequest: ignored
		case 2:
			if f.Hello != nil {
				return f, errors.New("two ServerHello messages")
			}
			if f.Hello, err = parseServerHello(m.Body); err != nil {
				return f, err
			}
			c.Version = f.Hello.Version
		case 11:
			if f.Certificates, err = parseCertificates(m.Body); err != nil {
				return f, err
			}
		case 12:
			f.KeyExchange = m.Body
		case 13:
			f.CertRequest = true
		case 14:
			if f.Hello == nil {
				return f, errors.New("ServerHelloDone without a ServerHello")
			}
			f.Done = true
			return f, nil
		}
		if f.Hello == nil && m.Type != 0 {
			return f, fmt.Errorf("handshake message %d before the ServerHello", m.Type)
		}
	}
	return f, errors.New("no ServerHelloDone after 32 handshake messages")
}

// Hello connects, sends h and reads the server's first flight.
func (t *Target) Hello(ctx context.Context, h *ClientHello) (*Flight, error) {
	c, err := t.Dial(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if h.ServerName == "" {
		h.ServerName = t.ServerName
	}
	if err := c.SendHello(h); err != nil {
		return nil, err
	}
	return c.ReadFlight()
}
