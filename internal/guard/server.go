package guard

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/crypto/acme"
	"golang.org/x/crypto/acme/autocert"
)

// Listeners are the guard's sockets, opened by Listen so a caller (a
// test, a supervisor) can learn the ports before serving.
type Listeners struct {
	Main, Metrics, Redirect net.Listener
}

// Listen opens the listeners the config asks for.
func (g *Guard) Listen() (*Listeners, error) {
	cfg := g.Config()
	var ls Listeners
	var err error
	if ls.Main, err = listen(cfg.Listen); err != nil {
		return nil, err
	}
	if cfg.Metrics.Listen != "" {
		if ls.Metrics, err = listen(cfg.Metrics.Listen); err != nil {
			ls.Close()
			return nil, err
		}
	}
	if cfg.TLS.RedirectHTTP != "" && cfg.TLS.Enabled() {
		if ls.Redirect, err = listen(cfg.TLS.RedirectHTTP); err != nil {
			ls.Close()
			return nil, err
		}
	}
	return &ls, nil
}

func listen(addr string) (net.Listener, error) {
	network := "tcp"
	if p, ok := strings.CutPrefix(addr, "unix:"); ok {
		network, addr = "unix", p
	}
	l, err := net.Listen(network, addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	return l, nil
}

// Close closes every listener.
func (ls *Listeners) Close() {
	for _, l := range []net.Listener{ls.Main, ls.Metrics, ls.Redirect} {
		if l != nil {
			l.Close()
		}
	}
}

// Serve serves on ls until ctx ends, then lets requests in flight finish
// (for up to 30 seconds).
func (g *Guard) Serve(ctx context.Context, ls *Listeners) error {
	cfg := g.Config()
	t := cfg.Timeouts
	srv := &http.Server{
		Handler:           g,
		ReadHeaderTimeout: t.Header.D(),
		IdleTimeout:       t.Idle.D(),
		MaxHeaderBytes:    int(t.MaxHeaderBytes),
		ErrorLog:          log.New(quietLog{}, "", 0),
	}
	servers := []*http.Server{srv}
	errc := make(chan error, 4)
	var h1 *h1Server
	if cfg.TLS.Enabled() {
		srv.TLSConfig = &tls.Config{
			MinVersion: tls.VersionTLS12,
			NextProtos: []string{"h2", "http/1.1", acme.ALPNProto},
			// The certificate is read at each handshake from the config in
			// force, so a SIGHUP picks up a renewed one.
			GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
				if g.acme != nil {
					return g.acme.GetCertificate(hello)
				}
				if c := g.cur.Load().cert; c != nil {
					return c, nil
				}
				return nil, errors.New("no certificate configured")
			},
		}
		go func() { errc <- srv.ServeTLS(ls.Main, "", "") }()
	} else if cfg.FastPath {
		// Plain HTTP: the fast path reads every connection first and
		// hands net/http what it does not serve itself (h1.go).
		h1 = newH1Server(g, ls.Main)
		go func() { errc <- srv.Serve(h1.handoff) }()
		go func() { errc <- h1.serve() }()
	} else {
		go func() { errc <- srv.Serve(ls.Main) }()
	}
	if ls.Metrics != nil {
		ms := &http.Server{Handler: g.AdminHandler(), ReadHeaderTimeout: 10 * time.Second}
		servers = append(servers, ms)
		go func() { errc <- ms.Serve(ls.Metrics) }()
	}
	if ls.Redirect != nil {
		var h http.Handler = http.HandlerFunc(redirectHTTPS)
		if g.acme != nil {
			h = g.acme.HTTPHandler(h) // HTTP-01 challenges, then the redirect
		}
		rs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		servers = append(servers, rs)
		go func() { errc <- rs.Serve(ls.Redirect) }()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if h1 != nil {
		h1.shutdown(sctx)
	}
	for _, s := range servers {
		_ = s.Shutdown(sctx)
	}
	if g.shared != nil {
		g.shared.close()
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func redirectHTTPS(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "" || strings.ContainsAny(host, "/\\@") {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "https://"+host+r.URL.RequestURI(), http.StatusMovedPermanently)
}

// AdminHandler serves /metrics, the ban list (GET /bans, and DELETE
// /bans/ADDR to lift a ban) and the findings (GET /report, a djsec JSON
// report). It belongs on a private address; with [metrics] token_file or
// token_env, every request must carry the token as a bearer token.
func (g *Guard) AdminHandler() http.Handler {
	mux := g.adminMux()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok := g.cur.Load().adminToken; tok != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(tok)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="djsec guard"`)
				http.Error(w, "401 unauthorized: this listener asks for the bearer token of [metrics] token_file or token_env", http.StatusUnauthorized)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

func (g *Guard) adminMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		g.metrics.write(w)
	})
	mux.HandleFunc("GET /bans", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		bans := g.Bans()
		if bans == nil {
			bans = []Ban{}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"bans": bans})
	})
	mux.HandleFunc("GET /report", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(g.Report(g.version))
	})
	mux.HandleFunc("DELETE /bans/{addr...}", func(w http.ResponseWriter, r *http.Request) {
		k, err := ParseClientKey(r.PathValue("addr"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ok, err := g.Unban(k)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if !ok {
			http.Error(w, keyString(k)+" is not banned", http.StatusNotFound)
			return
		}
		fmt.Fprintf(w, "%s unbanned\n", keyString(k))
	})
	return mux
}

// quietLog drops net/http's own log lines (TLS handshake errors from
// scanners, mostly); what matters is counted and reported as events.
type quietLog struct{}

func (quietLog) Write(p []byte) (int, error) { return len(p), nil }

// newACME is the certificate manager for [tls] acme.
func newACME(cfg *Config) *autocert.Manager {
	cache := cfg.TLS.ACMECache
	if cache == "" {
		cache = filepath.Join(cfg.StateDir, "acme")
	}
	m := &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		HostPolicy: autocert.HostWhitelist(cfg.TLS.ACME...),
		Cache:      autocert.DirCache(cfg.rel(cache)),
		Email:      cfg.TLS.ACMEEmail,
	}
	if cfg.TLS.ACMEDirectory != "" {
		m.Client = &acme.Client{DirectoryURL: cfg.TLS.ACMEDirectory}
	}
	return m
}
