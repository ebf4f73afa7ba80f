package guard

// h1Out is a client connection's output buffer: bufio.Writer's job, but a
// write that does not fit in what is left of the buffer leaves together
// with what is buffered, in one writev(2) (connIO.writev), rather than as
// a write of the full buffer and then another of the rest. So an answer
// whose head and body together outgrow the buffer (a page of some kB)
// still leaves in one system call, as nginx sends it.
//
// As with bufio.Writer, the first error sticks: every later write and
// flush returns it.
type h1Out struct {
	buf []byte // len(buf) is what is buffered
	w   *connIO
	err error
}

func newH1Out(size int) *h1Out { return &h1Out{buf: make([]byte, 0, size)} }

// Reset discards what is buffered and any error, and writes to w from now
// on.
func (b *h1Out) Reset(w *connIO) {
	b.buf, b.w, b.err = b.buf[:0], w, nil
}

// Buffered is how many bytes are waiting.
func (b *h1Out) Buffered() int { return len(b.buf) }

func (b *h1Out) Write(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if len(b.buf)+len(p) <= cap(b.buf) {
		b.buf = append(b.buf, p...)
		return len(p), nil
	}
	if b.err = b.w.writev(b.buf, p); b.err != nil {
		return 0, b.err
	}
	b.buf = b.buf[:0]
	return len(p), nil
}

func (b *h1Out) WriteString(s string) (int, error) {
	n := len(s)
	for b.err == nil && len(b.buf)+len(s) > cap(b.buf) {
		room := cap(b.buf) - len(b.buf)
		b.buf = append(b.buf, s[:room]...)
		s = s[room:]
		b.Flush()
	}
	if b.err != nil {
		return 0, b.err
	}
	b.buf = append(b.buf, s...)
	return n, nil
}

func (b *h1Out) WriteByte(c byte) error {
	if len(b.buf) == cap(b.buf) {
		b.Flush()
	}
	if b.err != nil {
		return b.err
	}
	b.buf = append(b.buf, c)
	return nil
}

// field writes "k: v\r\n", in one go when it fits (writeField checked v).
func (b *h1Out) field(k, v string) {
	if b.err == nil && len(b.buf)+len(k)+len(v)+4 <= cap(b.buf) {
		b.buf = append(b.buf, k...)
		b.buf = append(b.buf, ": "...)
		b.buf = append(b.buf, v...)
		b.buf = append(b.buf, "\r\n"...)
		return
	}
	b.WriteString(k)
	b.WriteString(": ")
	b.WriteString(v)
	b.WriteString("\r\n")
}

// Flush writes what is buffered.
func (b *h1Out) Flush() error {
	if b.err != nil {
		return b.err
	}
	if len(b.buf) == 0 {
		return nil
	}
	if _, b.err = b.w.Write(b.buf); b.err != nil {
		return b.err
	}
	b.buf = b.buf[:0]
	return nil
}
