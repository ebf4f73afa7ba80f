package guard

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestH1Out: whatever mix of small and large writes, strings and bytes, the
// peer receives exactly what was written, in order, also when the socket's
// buffer fills (writev's partial writes) and the reader is slow.
func TestH1Out(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := make(chan []byte, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c.Close()
		time.Sleep(100 * time.Millisecond) // let the writer fill the buffers first
		b, _ := io.ReadAll(c)
		got <- b
	}()
	nc, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	_ = nc.SetDeadline(time.Now().Add(10 * time.Second))
	out := newH1Out(64)
	out.Reset(newConnIO(nc))
	var want bytes.Buffer
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB: past the socket buffers
	for i := range 50 {
		s := strings.Repeat(string(rune('a'+i%26)), i*3)
		out.WriteString(s)
		want.WriteString(s)
		out.WriteByte('|')
		want.WriteByte('|')
		p := big[:i*7%200]
		if i%10 == 9 {
			p = big[:len(big)-i]
		}
		if _, err := out.Write(p); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		want.Write(p)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	if b := <-got; !bytes.Equal(b, want.Bytes()) {
		t.Fatalf("the peer got %d bytes, want %d (equal prefix %d)", len(b), want.Len(), commonPrefix(b, want.Bytes()))
	}
	// A write to a closed peer fails, and the error sticks.
	out.Reset(newConnIO(nc))
	if _, err := out.Write(big[:1000]); err == nil {
		if err := out.Flush(); err == nil {
			t.Errorf("writing to a closed connection succeeded")
		}
	}
	if _, err := out.WriteString("x"); err == nil {
		t.Errorf("the error did not stick")
	}
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// TestWriteField: a field is written the same into an h1Out, a
// bufio.Writer (whether it fits what is left of the buffer or not) and any
// other writer, with CR and LF in the value turned to spaces.
func TestWriteField(t *testing.T) {
	for _, tc := range []struct{ k, v, want string }{
		{"X-Frame-Options", "DENY", "X-Frame-Options: DENY\r\n"},
		{"X-A", " padded\t", "X-A: padded\r\n"},
		{"X-B", "a\r\nSet-Cookie: x=1", "X-B: a  Set-Cookie: x=1\r\n"},
		{"X-C", "bare\nlf", "X-C: bare lf\r\n"},
		{"X-D", strings.Repeat("v", 100), "X-D: " + strings.Repeat("v", 100) + "\r\n"},
		{"X-E", "0123456789abcdef\rX\ttab", "X-E: 0123456789abcdef X\ttab\r\n"},
	} {
		got := map[string]string{}
		for _, size := range []int{16, 4096} {
			var sink bytes.Buffer
			bw := bufio.NewWriterSize(&sink, size)
			bw.WriteString("<")
			writeField(bw, tc.k, tc.v)
			bw.Flush()
			got[fmt.Sprintf("bufio.Writer of %d", size)] = sink.String()
		}
		var plain bytes.Buffer
		plain.WriteString("<")
		writeField(&plain, tc.k, tc.v)
		got["bytes.Buffer"] = plain.String()
		out := newH1Out(4096)
		out.WriteByte('<')
		writeField(out, tc.k, tc.v)
		got["h1Out"] = string(out.buf)
		for name, s := range got {
			if s != "<"+tc.want {
				t.Errorf("%s: got %q, want %q", name, s, "<"+tc.want)
			}
		}
	}
}
