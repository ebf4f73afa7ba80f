//go:build !linux

package guard

import "net"

// connIO is the connection itself outside Linux (see h1sys_linux.go).
type connIO struct{ net.Conn }

func newConnIO(nc net.Conn) *connIO { return &connIO{nc} }

// setAwait does nothing here: writes and reads are the connection's own.
func (c *connIO) setAwait(bool) {}

// stillOpen cannot peek without blocking here; a connection the
// application closed fails at once, and a request that may be sent again
// is retried on a new one.
func stillOpen(net.Conn) bool { return true }
