//go:build linux

package guard

import (
	"io"
	"net"
	"syscall"
	"unsafe"
)

// connIO reads and writes a socket of the fast path with read(2) and
// write(2) on its non-blocking descriptor, called as raw system calls,
// and waits in the runtime's network poller (with the connection's
// deadlines) when the socket is not ready.
//
// Why: a loopback write to an application on the same core wakes it, and
// the kernel often runs it at once, inside our write. net.Conn's Write
// marks the goroutine's P as in a system call for that time; the
// runtime's monitor then takes the P away and starts another thread, and
// the two threads take turns — on one core, a context switch or two per
// request, and the monitor itself waking every 20 µs: a fifth of the
// guard's CPU time in bench/guard.sh. A raw call on a non-blocking
// descriptor never blocks in the Go sense (EAGAIN is handed to the
// poller), so the P stays with the goroutine, like time spent in Go code.
type connIO struct {
	nc  net.Conn
	rc  syscall.RawConn
	buf []byte
	n   int
	err error
	// vec is what writev has left to write.
	vec [2][]byte
	// rfn, wfn, afn and vfn are the callbacks, bound once so that a call
	// allocates nothing.
	rfn, wfn, afn, vfn func(uintptr) bool
	// await makes the next Write wait, once all is written, until the
	// socket is readable (see Write).
	await   bool
	written bool
}

func newConnIO(nc net.Conn) *connIO {
	c := &connIO{nc: nc}
	if sc, ok := nc.(syscall.Conn); ok {
		if rc, err := sc.SyscallConn(); err == nil {
			c.rc = rc
			c.rfn, c.wfn, c.afn, c.vfn = c.doRead, c.doWrite, c.doWriteAwait, c.doWritev
		}
	}
	return c
}

func (c *connIO) Read(p []byte) (int, error) {
	if c.rc == nil || len(p) == 0 {
		return c.nc.Read(p)
	}
	c.buf, c.n, c.err = p, 0, nil
	if err := c.rc.Read(c.rfn); err != nil && c.err == nil {
		c.err = err // a deadline, or the connection closed
	}
	c.buf = nil
	if c.n == 0 && c.err == nil {
		return 0, io.EOF
	}
	return c.n, c.err
}

func (c *connIO) doRead(fd uintptr) bool {
	for {
		n, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&c.buf[0])), uintptr(len(c.buf)))
		switch e {
		case 0:
			c.n = int(n)
			return true
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false // wait for the poller
		default:
			c.err = &net.OpError{Op: "read", Net: "tcp", Err: e}
			return true
		}
	}
}

// Write writes p whole. With await set (a request to the application,
// whose answer is what comes next), it then waits for the answer: the
// write is done from inside a wait for reading, after the poller forgot
// what it knew of the socket (RawConn.Read resets it first), so the
// answer's arrival cannot come before the wait and be missed, and the
// read that would find nothing yet (EAGAIN) is saved. Anything the
// application sent before the request (a close) makes no difference: its
// reaction to the request (the answer, or a reset) wakes the wait, and
// the read deadline bounds it as it bounds any read.
func (c *connIO) Write(p []byte) (int, error) {
	if c.rc == nil || len(p) == 0 {
		return c.nc.Write(p)
	}
	c.buf, c.n, c.err = p, 0, nil
	if c.await {
		c.await, c.written = false, false
		if err := c.rc.Read(c.afn); err != nil && c.err == nil {
			c.err = err // a deadline, or the connection closed
		}
		if c.err != nil || c.n == len(p) {
			c.buf = nil
			return c.n, c.err
		}
		// The socket's buffer is full: the rest the usual way.
	}
	if err := c.rc.Write(c.wfn); err != nil && c.err == nil {
		c.err = err
	}
	c.buf = nil
	if c.err == nil && c.n < len(p) {
		c.err = io.ErrShortWrite
	}
	return c.n, c.err
}

func (c *connIO) doWrite(fd uintptr) bool { return !c.writeBuf(fd) }

// writeBuf writes what is left of c.buf with write(2) until it is all out
// or an error is kept in c.err, or returns true when the socket's buffer
// is full first.
func (c *connIO) writeBuf(fd uintptr) (full bool) {
	for c.n < len(c.buf) {
		rest := c.buf[c.n:]
		n, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&rest[0])), uintptr(len(rest)))
		switch e {
		case 0:
			c.n += int(n)
		case syscall.EINTR:
		case syscall.EAGAIN:
			return true
		default:
			c.err = &net.OpError{Op: "write", Net: "tcp", Err: e}
			return false
		}
	}
	return false
}

// writev writes a then b, whole, with writev(2) calls: one when the
// socket takes them both at once.
func (c *connIO) writev(a, b []byte) error {
	if c.rc == nil || len(a) == 0 || len(b) == 0 {
		for _, p := range [2][]byte{a, b} {
			if len(p) > 0 {
				if _, err := c.Write(p); err != nil {
					return err
				}
			}
		}
		return nil
	}
	c.vec = [2][]byte{a, b}
	c.err = nil
	if err := c.rc.Write(c.vfn); err != nil && c.err == nil {
		c.err = err
	}
	c.vec = [2][]byte{}
	return c.err
}

func (c *connIO) doWritev(fd uintptr) bool {
	for len(c.vec[0])+len(c.vec[1]) > 0 {
		var iov [2]syscall.Iovec
		n := 0
		for _, p := range c.vec {
			if len(p) > 0 {
				iov[n].Base = &p[0]
				iov[n].SetLen(len(p))
				n++
			}
		}
		w, _, e := syscall.RawSyscall(syscall.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&iov[0])), uintptr(n))
		switch e {
		case 0:
			m := int(w)
			for i := range c.vec {
				k := min(m, len(c.vec[i]))
				c.vec[i] = c.vec[i][k:]
				m -= k
			}
		case syscall.EINTR:
		case syscall.EAGAIN:
			return false // wait until the socket takes more
		default:
			c.err = &net.OpError{Op: "write", Net: "tcp", Err: e}
			return true
		}
	}
	return true
}

// doWriteAwait writes, then asks to wait for the socket to be readable;
// called again after the wait, it is done.
func (c *connIO) doWriteAwait(fd uintptr) bool {
	if c.written {
		return true
	}
	c.written = true
	// A full buffer is finished the usual way before any wait; an error
	// ends the write.
	return c.writeBuf(fd) || c.err != nil
}

// setAwait makes the next Write wait for an answer once it is written.
func (c *connIO) setAwait(on bool) { c.await = on }

// stillOpen peeks at an idle upstream connection without blocking: an
// application that closed it has sent EOF, which a read now sees; an open
// one has nothing to say between answers.
func stillOpen(nc net.Conn) bool {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return true
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	open := false
	err = rc.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		open = n < 0 && (err == syscall.EAGAIN || err == syscall.EWOULDBLOCK)
		return true
	})
	return err == nil && open
}
