package tlsraw

import (
	"errors"
	"fmt"
	"math/big"
)

// ServerHello is what the server chose.
type ServerHello struct {
	Version     uint16
	Random      [32]byte
	SessionID   []byte
	Suite       uint16
	Compression uint8
	// Extensions in the order sent, with their bodies.
	Extensions []Extension
}

// Extension is one extension of a hello.
type Extension struct {
	Type uint16
	Data []byte
}

// Extension returns the body of an extension and whether it was sent.
func (h *ServerHello) Extension(typ uint16) ([]byte, bool) {
	for _, e := range h.Extensions {
		if e.Type == typ {
			return e.Data, true
		}
	}
	return nil, false
}

// DHParams are the finite-field Diffie-Hellman parameters of a
// ServerKeyExchange.
type DHParams struct {
	P, G, Ys []byte
}

// Bits is the size of the prime.
func (d *DHParams) Bits() int { return new(big.Int).SetBytes(d.P).BitLen() }

// cursor reads a message with every length checked against what is left:
// a length that points past the end is an error, never an allocation.
type cursor struct {
	b   []byte
	err error
}

var errShort = errors.New("a length points past the end of the message")

func (c *cursor) bytes(n int) []byte {
	if c.err != nil {
		return nil
	}
	if n < 0 || n > len(c.b) {
		c.err = errShort
		return nil
	}
	v := c.b[:n:n]
	c.b = c.b[n:]
	return v
}

func (c *cursor) u8() uint8 {
	v := c.bytes(1)
	if v == nil {
		return 0
	}
	return v[0]
}

func (c *cursor) u16() uint16 {
	v := c.bytes(2)
	if v == nil {
		return 0
	}
	return uint16(v[0])<<8 | uint16(v[1])
}

func (c *cursor) u24() int {
	v := c.bytes(3)
	if v == nil {
		return 0
	}
	return int(v[0])<<16 | int(v[1])<<8 | int(v[2])
}

func (c *cursor) vec8() []byte  { return c.bytes(int(c.u8())) }
func (c *cursor) vec16() []byte { return c.bytes(int(c.u16())) }

// parseServerHello parses the body of a ServerHello message.
func parseServerHello(body []byte) (*ServerHello, error) {
	c := &cursor{b: body}
	h := &ServerHello{Version: c.u16()}
	copy(h.Random[:], c.bytes(32))
	h.SessionID = c.vec8()
	h.Suite = c.u16()
	h.Compression = c.u8()
	if c.err == nil && len(c.b) > 0 {
		ext := &cursor{b: c.vec16()}
		for ext.err == nil && len(ext.b) > 0 {
			typ := ext.u16()
			data := ext.vec16()
			if ext.err == nil {
				h.Extensions = append(h.Extensions, Extension{Type: typ, Data: data})
			}
		}
		if ext.err != nil {
			c.err = ext.err
		}
	}
	if c.err != nil {
		return nil, fmt.Errorf("malformed ServerHello: %w", c.err)
	}
	return h, nil
}

// parseCertificates returns the DER certificates of a Certificate message.
func parseCertificates(body []byte) ([][]byte, error) {
	c := &cursor{b: body}
	list := &cursor{b: c.bytes(c.u24())}
	var certs [][]byte
	for list.err == nil && len(list.b) > 0 {
		der := list.bytes(list.u24())
		if list.err == nil {
			certs = append(certs, der)
		}
	}
	if c.err != nil || list.err != nil {
		return nil, errors.New("malformed Certificate message")
	}
	return certs, nil
}

// ParseDHParams reads the DH parameters at the start of a
// ServerKeyExchange body for a DHE suite (the signature that follows is
// not read).
func ParseDHParams(ske []byte) (*DHParams, error) {
	c := &cursor{b: ske}
	d := &DHParams{P: c.vec16(), G: c.vec16(), Ys: c.vec16()}
	if c.err != nil || len(d.P) == 0 || len(d.G) == 0 {
		return nil, errors.New("malformed DH parameters in ServerKeyExchange")
	}
	return d, nil
}
