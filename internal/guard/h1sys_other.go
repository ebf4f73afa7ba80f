//go:build !linux

package guard

import "net"

// connIO is the connection itself outside Linux (see h1sys_linux.go).
type connIO struct{ net.Conn }

func newConnIO(nc net.Conn) *connIO { return &connIO{nc} }

// writev writes a, then b.
func (c *connIO) writev(a, b []byte) error {
	for _, p := range [2][]byte{a, b} {
		if len(p) > 0 {
			if _, err := c.Write(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// setAwait does nothing here: writes and reads are the connection's own.
func (c *connIO) setAwait(bool) {}

// stillOpen cannot peek without blocking here; a connection the
// application closed fails at once, and a request that may be sent again
// is retried on a new one.
func stillOpen(net.Conn) bool { return true }
