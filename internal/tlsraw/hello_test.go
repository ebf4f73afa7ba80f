package tlsraw

import (
	"bytes"
	"net"
	"testing"
)

// TestHelloSizes: a hello is never 256 to 511 bytes long (padded past
// them), and the padded hello still parses as the same hello.
func TestHelloSizes(t *testing.T) {
	all := AllSuites()
	for n := 0; n <= len(all); n++ {
		for _, v := range []uint16{VersionTLS10, VersionTLS12} {
			h := &ClientHello{Version: v, Suites: all[:n], ServerName: "shop.example.com", Heartbeat: n%2 == 0}
			msg := h.Marshal()
			if len(msg) > 0xFF && len(msg) < 0x200 {
				t.Errorf("%d suites, %s: hello of %d bytes", n, VersionName(v), len(msg))
			}
			a, b := net.Pipe()
			go func() { b.Write(appendRecords(nil, TypeHandshake, VersionTLS10, msg)); b.Close() }()
			got, err := readClientHello(a)
			a.Close()
			if err != nil || got.version != v || len(got.suites) != n {
				t.Fatalf("%d suites, %s: parsed %+v, %v", n, VersionName(v), got, err)
			}
			if _, ok := got.exts[ExtHeartbeat]; ok != h.Heartbeat {
				t.Errorf("%d suites: heartbeat extension %v, want %v", n, ok, h.Heartbeat)
			}
			if sni := got.exts[ExtServerName]; !bytes.Contains(sni, []byte("shop.example.com")) {
				t.Errorf("%d suites: no SNI", n)
			}
		}
	}
}
