package probe

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestServicesMongoDB: FerretDB without authentication is a MongoDB
// answering anyone (DJL602); nothing listening is nothing reported.
func TestServicesMongoDB(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers")
	}
	port := startFerretDB(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>hi</html>")) }))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Services: true}, map[string]int{"mongodb": port, "redis": freePort(t)})
	got := byRule(res)
	if len(got["DJL602"]) != 1 || !strings.Contains(got["DJL602"][0].Message, "without credentials") {
		t.Fatalf("DJL602: got %v, want one finding\n%s", got["DJL602"], dump(res))
	}
	if len(got["DJL601"]) != 0 || len(got["DJL603"]) != 0 {
		t.Errorf("closed redis port reported:\n%s", dump(res))
	}
}

// TestServicesIdentified: services recognized by their answers, with fake
// listeners speaking just enough of each protocol.
func TestServicesIdentified(t *testing.T) {
	pg := fakeTCP(t, func(c net.Conn) {
		buf := make([]byte, 8)
		if _, err := c.Read(buf); err == nil {
			c.Write([]byte("N"))
		}
	})
	memc := fakeTCP(t, func(c net.Conn) {
		buf := make([]byte, 64)
		if n, _ := c.Read(buf); strings.HasPrefix(string(buf[:n]), "version") {
			c.Write([]byte("VERSION 1.6.18\r\n"))
		}
	})
	silent := fakeTCP(t, func(c net.Conn) {})
	runserver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "WSGIServer/0.2 CPython/3.11.2")
	}))
	defer runserver.Close()
	_, rsPort, _ := net.SplitHostPort(strings.TrimPrefix(runserver.URL, "http://"))
	rs, _ := strconv.Atoi(rsPort)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>hi</html>")) }))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Services: true}, map[string]int{"postgresql": pg, "memcached": memc, "mysql": silent, "django-runserver": rs})
	want := map[string]string{"postgresql": "PostgreSQL answers", "memcached": "Memcached 1.6.18 answers", "mysql": "usually mysql", "django-runserver": "WSGIServer/0.2"}
	got := byRule(res)["DJL601"]
	if len(got) != len(want) {
		t.Fatalf("DJL601: got %d findings, want %d\n%s", len(got), len(want), dump(res))
	}
	for _, f := range got {
		svc := f.Properties["service"].(string)
		if !strings.Contains(f.Message, want[svc]) {
			t.Errorf("%s: got %q, want it to mention %q", svc, f.Message, want[svc])
		}
	}
	// Without --services nothing is dialed.
	res = runProbe(t, Options{Target: srv.URL}, map[string]int{"postgresql": pg})
	if n := len(byRule(res)["DJL601"]); n != 0 {
		t.Errorf("without --services: got %d DJL601 findings, want 0", n)
	}
}

func fakeTCP(t *testing.T, handle func(net.Conn)) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); handle(c) }()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}
