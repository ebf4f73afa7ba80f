package guard

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"net/http"
	"net/http/httputil"
	"net/netip"
	"os"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corazawaf/coraza/v3"
	"golang.org/x/crypto/acme/autocert"
)

// Guard is the reverse proxy and its controls. It is an http.Handler; Run
// serves it on the configured listeners.
type Guard struct {
	cur     atomic.Pointer[state]
	limiter *localLimiter
	bans    *banStore
	shared  *shared // nil without Redis
	metrics *metrics
	events  EventSink
	alerts  *alerter
	// findings keeps what the traffic showed, for Report.
	findings *findings
	acme     *autocert.Manager // nil without [tls] acme
	log      io.Writer
	now      func() time.Time
	version  string

	mu       sync.Mutex
	routeIDs map[string]uint32
}

// state is everything a config decides; a reload swaps it whole, so a
// request sees one config from start to end.
type state struct {
	cfg       *Config
	proxy     *httputil.ReverseProxy
	transport *http.Transport
	// h1 is the fast path's pool of connections to the application.
	h1     *h1Upstream
	routes []*Route
	block  blockList
	strip  []string
	values secValues // the security headers' value lists (applyHeaders)
	cert   *tls.Certificate
	waf    coraza.WAF // nil unless [waf] enabled
	// adminToken is the bearer token the admin listener asks for ("":
	// none).
	adminToken string
}

// Options are what the caller decides beside the config.
type Options struct {
	// Events receives the JSON security events when the config says
	// "stderr" (or nothing); nil means os.Stderr.
	Events io.Writer
	// Log receives operational messages; nil means os.Stderr.
	Log io.Writer
	// Sinks receive every event as well (tests).
	Sinks []EventSink
	// Version is djsec's, for the reports.
	Version string
}

// New builds a guard from a checked config.
func New(cfg *Config, opts Options) (*Guard, error) {
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	if opts.Events == nil {
		opts.Events = os.Stderr
	}
	bans, err := newBanStore(cfg.rel(cfg.StateDir))
	if err != nil {
		return nil, err
	}
	g := &Guard{
		limiter:  newLocalLimiter(cfg.MaxClients),
		bans:     bans,
		metrics:  &metrics{},
		log:      opts.Log,
		now:      time.Now,
		version:  opts.Version,
		routeIDs: map[string]uint32{},
	}
	var sinks multiSink
	switch out := cfg.Events.Output; out {
	case "off":
	case "", "stderr":
		sinks = append(sinks, newJSONEvents(opts.Events))
	default:
		f, err := os.OpenFile(cfg.rel(out), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, fmt.Errorf("opening events output: %w", err)
		}
		sinks = append(sinks, newJSONEvents(f))
	}
	if cfg.Alerts.Alertmanager != "" {
		g.alerts = newAlerter(cfg.Alerts, opts.Log)
		sinks = append(sinks, g.alerts)
	}
	g.findings = newFindings(time.Now())
	sinks = append(sinks, g.findings)
	sinks = append(sinks, opts.Sinks...)
	g.events = sinks
	g.metrics.gauges = g.gauges
	st, err := g.build(cfg)
	if err != nil {
		return nil, err
	}
	g.cur.Store(st)
	g.logConfigFindings(cfg)
	if len(cfg.TLS.ACME) > 0 {
		g.acme = newACME(cfg)
	}
	if cfg.Redis != "" {
		g.shared, err = newShared(g, cfg)
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Reload switches to cfg for the requests that start from now on; requests
// in flight finish under the old one and no connection is dropped.
func (g *Guard) Reload(cfg *Config) error {
	old := g.cur.Load()
	st, err := g.build(cfg)
	if err != nil {
		return err
	}
	if changed := restartOnly(old.cfg, cfg); len(changed) > 0 {
		fmt.Fprintf(g.log, "djsec guard: %s changed; that takes a restart, the rest of the config is in force\n", strings.Join(changed, ", "))
	}
	g.cur.Store(st)
	g.logConfigFindings(cfg)
	if old.transport != st.transport {
		go func() {
			time.Sleep(time.Minute)
			old.transport.CloseIdleConnections()
			old.h1.closeIdle()
		}()
	}
	g.emit(Event{Kind: EventReload, Reason: cfg.Path})
	return nil
}

// Prepare does what loading cfg would do beyond parsing it — the
// certificate pair read, the WAF rules compiled — without listening or
// touching state, for --check.
func Prepare(cfg *Config) error {
	if cfg.TLS.Cert != "" {
		if _, err := tls.LoadX509KeyPair(cfg.rel(cfg.TLS.Cert), cfg.rel(cfg.TLS.Key)); err != nil {
			return &ConfigError{cfg.Path, cfg.keyLine("cert", 0), fmt.Sprintf("loading the TLS certificate: %v", err)}
		}
	}
	if _, err := cfg.AdminToken(); err != nil {
		key := "token_file"
		if cfg.Metrics.TokenFile == "" {
			key = "token_env"
		}
		return &ConfigError{cfg.Path, cfg.keyLine(key, cfg.tableLine("metrics", 0)), err.Error()}
	}
	if cfg.WAF.Enabled {
		if _, err := newWAF(cfg); err != nil {
			return &ConfigError{cfg.Path, cfg.tableLine("waf", 0), fmt.Sprintf("compiling the WAF rules: %s", strings.Join(strings.Fields(err.Error()), " "))}
		}
	}
	return nil
}

// logConfigFindings says, once per load, what the configuration rules
// found: the guard serves anyway, as the config is valid.
func (g *Guard) logConfigFindings(cfg *Config) {
	for _, f := range CheckConfig(cfg).Findings {
		fmt.Fprintf(g.log, "djsec guard: %s: %s %s: %s\n", f.Location, f.Rule, f.Name, f.Message)
	}
}

// restartOnly lists the keys whose change a reload cannot apply: they
// shape the listeners and the state that outlives a config.
func restartOnly(a, b *Config) []string {
	var out []string
	add := func(changed bool, key string) {
		if changed {
			out = append(out, key)
		}
	}
	add(a.Listen != b.Listen, "listen")
	add(a.Metrics.Listen != b.Metrics.Listen, "[metrics] listen")
	add(a.TLS.RedirectHTTP != b.TLS.RedirectHTTP, "[tls] redirect_http")
	add(a.TLS.Enabled() != b.TLS.Enabled() || !slices.Equal(a.TLS.ACME, b.TLS.ACME), "TLS on or off, or acme")
	add(a.Redis != b.Redis || a.RedisFailure != b.RedisFailure, "redis")
	add(a.StateDir != b.StateDir, "state_dir")
	add(a.MaxClients != b.MaxClients, "max_clients")
	add(a.FastPath != b.FastPath, "fast_path")
	add(a.Events.Output != b.Events.Output, "[events] output")
	add(a.Alerts.Alertmanager != b.Alerts.Alertmanager || !maps.Equal(a.Alerts.Labels, b.Alerts.Labels) || a.Alerts.Bans != b.Alerts.Bans || a.Alerts.UpstreamDown != b.Alerts.UpstreamDown, "[alerts]")
	add(a.Timeouts.Header != b.Timeouts.Header || a.Timeouts.Idle != b.Timeouts.Idle || a.Timeouts.MaxHeaderBytes != b.Timeouts.MaxHeaderBytes, "[timeouts] header, idle or max_header_bytes")
	return out
}

// Config is the config in force.
func (g *Guard) Config() *Config { return g.cur.Load().cfg }

func (g *Guard) build(cfg *Config) (*state, error) {
	st := &state{cfg: cfg}
	g.mu.Lock()
	for i := range cfg.Routes {
		r := &cfg.Routes[i]
		r.id = g.routeID(r.Name)
		st.routes = append(st.routes, r)
	}
	cfg.Default.id = g.routeID("default")
	g.mu.Unlock()
	st.block = newBlockList(append(slices.Clone(cfg.Block.Paths), cfg.Block.Extra...))
	for _, h := range cfg.Headers.Strip {
		st.strip = append(st.strip, http.CanonicalHeaderKey(h))
	}
	st.values = newSecValues(&cfg.Headers)
	if cfg.TLS.Cert != "" {
		cert, err := tls.LoadX509KeyPair(cfg.rel(cfg.TLS.Cert), cfg.rel(cfg.TLS.Key))
		if err != nil {
			return nil, fmt.Errorf("loading the TLS certificate: %w", err)
		}
		st.cert = &cert
	}
	tok, err := cfg.AdminToken()
	if err != nil {
		return nil, err
	}
	st.adminToken = tok
	if cfg.WAF.Enabled {
		w, err := newWAF(cfg)
		if err != nil {
			return nil, fmt.Errorf("compiling the WAF rules: %w", err)
		}
		st.waf = w
	}
	up, err := parseUpstream(cfg.Upstream)
	if err != nil {
		return nil, err
	}
	if old := g.cur.Load(); old != nil && old.cfg.Upstream == cfg.Upstream && old.cfg.Timeouts.Upstream == cfg.Timeouts.Upstream {
		st.transport, st.h1 = old.transport, old.h1
	} else {
		st.transport = newTransport(up, cfg.Timeouts.Upstream.D())
		st.h1 = newH1Upstream(up, cfg.Timeouts.Upstream.D())
	}
	st.proxy = &httputil.ReverseProxy{
		Transport: st.transport,
		Rewrite: func(pr *httputil.ProxyRequest) {
			rewriteOut(pr, up, infoOf(pr.In.Context()), nil)
		},
		ModifyResponse: func(resp *http.Response) error {
			if ri := infoOf(resp.Request.Context()); ri != nil {
				g.fromUpstream(ri, resp)
			}
			return nil
		},
		ErrorHandler: g.upstreamError,
		BufferPool:   copyBuffers,
		ErrorLog:     nil,
	}
	return st, nil
}

// rewriteOut is what both paths to the application — the ReverseProxy
// and the HTTP/1.1 fast path — do to the request passed on: the
// upstream's address, the client's Host, and X-Forwarded-For, X-Real-Ip,
// X-Forwarded-Proto and X-Forwarded-Host as the guard vouches for them
// (the client's own X-Forwarded-* are gone by then).
//
// v, when not nil, is room for the four values (the fast path lends its
// own, so a request allocates none).
func rewriteOut(pr *httputil.ProxyRequest, up upstream, ri *reqInfo, v []string) {
	pr.SetURL(up.url)
	pr.Out.Host = pr.In.Host
	h := pr.Out.Header
	// One array for the four values (each slice has capacity one).
	if len(v) < 4 {
		v = make([]string, 4)
	}
	if ri != nil && ri.client.chain != "" {
		v[0] = ri.client.chain
		h["X-Forwarded-For"] = v[0:1:1]
		h["X-Real-Ip"] = v[0:1:1]
	}
	v[1] = "http"
	if ri != nil && ri.client.https {
		v[1] = "https"
	}
	h["X-Forwarded-Proto"] = v[1:2:2]
	v[2] = pr.In.Host
	h["X-Forwarded-Host"] = v[2:3:3]
}

// fromUpstream is what both paths do with the application's answer
// before passing it on: note that it answered, and count failed logins.
func (g *Guard) fromUpstream(ri *reqInfo, resp *http.Response) {
	ri.upstream = true
	g.loginResult(ri, resp)
}

// copyBuffers lends the 32 kB buffers the proxy copies bodies through,
// which it would otherwise allocate for every request.
var copyBuffers = &bufferPool{}

type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() []byte { return *b.get() }

func (b *bufferPool) Put(buf []byte) { b.p.Put(&buf) }

// get and put lend a buffer by its pointer, which the pool keeps, so that
// returning it allocates nothing (the fast path's).
func (b *bufferPool) get() *[]byte {
	if v, ok := b.p.Get().(*[]byte); ok {
		return v
	}
	buf := make([]byte, 32<<10)
	return &buf
}

func (b *bufferPool) put(buf *[]byte) { b.p.Put(buf) }

func (g *Guard) routeID(name string) uint32 {
	id, ok := g.routeIDs[name]
	if !ok {
		id = uint32(len(g.routeIDs) + 1)
		g.routeIDs[name] = id
	}
	return id
}

func newTransport(up upstream, timeout time.Duration) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	t := &http.Transport{
		DialContext:           d.DialContext,
		MaxIdleConns:          512,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: timeout,
		ExpectContinueTimeout: time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		// The application's own compression passes through untouched.
		DisableCompression: true,
	}
	if up.socket != "" {
		sock := up.socket
		t.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "unix", sock)
		}
	}
	return t
}

// reqInfo travels with a request through the proxy.
type reqInfo struct {
	client   client
	route    *Route
	method   string
	path     string
	upstream bool
	bodyErr  *idleBody
}

type infoKey struct{}

func infoOf(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(infoKey{}).(*reqInfo)
	return ri
}

// ServeHTTP applies the controls in order — never-served paths, bans,
// allowlists, methods, body size, rate limits — and passes what survives
// to the application.
func (g *Guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.handle(g.cur.Load(), &reqState{}, w, r, proxyForward)
}

// reqState is what the guard keeps about a request while it serves it;
// the fast path reuses one per connection.
type reqState struct {
	ri reqInfo
	gw guardWriter
	// names remembers the connection's peer and client address texts.
	names addrNames
	// counted is where the connection's last request was counted.
	counted lastCounted
}

// forwarder passes a request the controls admitted to the application:
// proxyForward through net/http's ReverseProxy, or h1Forward on the
// HTTP/1.1 fast path (h1.go). Everything before it is shared.
type forwarder func(g *Guard, st *state, w *guardWriter, r *http.Request, ri *reqInfo)

func proxyForward(_ *Guard, st *state, w *guardWriter, r *http.Request, ri *reqInfo) {
	st.proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), infoKey{}, ri)))
}

// handle is one request on either path: the controls, the forwarder for
// what they admit, then the metrics.
func (g *Guard) handle(st *state, rs *reqState, w http.ResponseWriter, r *http.Request, fwd forwarder) {
	start := time.Now()
	c := clientOf(r, st.cfg.TrustedProxies, &rs.names)
	rs.ri = reqInfo{client: c, method: r.Method, path: r.URL.Path}
	rs.gw = guardWriter{ResponseWriter: w, st: st, https: c.https, send: st.cfg.Timeouts.Send.D()}
	ri, gw := &rs.ri, &rs.gw
	gw.extend(start)
	defer func() {
		v := recover()
		if v == http.ErrAbortHandler {
			// The ReverseProxy gives up an answer half-sent (the
			// application broke off): the server must cut the connection,
			// not end the answer as if it were whole.
			panic(v)
		}
		if v != nil {
			// A bug must not pass silently, nor take the connection's
			// other requests with it.
			g.metrics.panics.Add(1)
			fmt.Fprintf(g.log, "djsec guard: internal error on %s %s: %v\n%s\n", r.Method, r.URL.Path, v, debug.Stack())
			if gw.status == 0 {
				http.Error(gw, "500 internal server error", http.StatusInternalServerError)
			}
		}
	}()
	g.serve(st, gw, r, ri, fwd, start)
	route := "default"
	if ri.route != nil {
		route = ri.route.Name
	}
	status := gw.status
	if status == 0 {
		status = http.StatusOK
	}
	g.metrics.request(&rs.counted, route, status, time.Since(start))
}

// serve applies the controls as of now, when the request began.
func (g *Guard) serve(st *state, w *guardWriter, r *http.Request, ri *reqInfo, fwd forwarder, now time.Time) {
	p := r.URL.Path
	if r.Method == "TRACE" || r.Method == "TRACK" {
		// Never useful to a Django site, and an echo of the request's
		// cookies and headers; nginx refuses TRACE too.
		g.refuse(w, r, ri, http.StatusMethodNotAllowed, "", "TRACE")
		return
	}
	if hasDotSegment(p) {
		g.refuse(w, r, ri, http.StatusBadRequest, "", "path with dot segments")
		return
	}
	if len(st.cfg.Hosts) > 0 && !hostAllowed(r.Host, st.cfg.Hosts) {
		g.metrics.blocked.inc("host")
		g.emitReq(EventUnknownHost, ri, http.StatusBadRequest, r.Host)
		http.Error(w, "400 bad request: unknown host", http.StatusBadRequest)
		return
	}
	clean := mergeSlashes(p)
	if pat := st.blocked(clean); pat != "" {
		g.metrics.blocked.inc("path")
		g.emitReq(EventBlockedPath, ri, http.StatusNotFound, "matches "+pat)
		if st.cfg.Bans.BlockedPaths && ri.client.key.IsValid() {
			g.failure(ri, now, banReasonPath+p)
		}
		http.Error(w, "404 not found", http.StatusNotFound)
		return
	}
	rt := st.match(r.Method, clean)
	ri.route = rt
	if g.shared != nil && g.shared.policy == "closed" && !g.shared.healthy() {
		g.metrics.blocked.inc("redis")
		http.Error(w, "503 service unavailable", http.StatusServiceUnavailable)
		return
	}
	if ri.client.key.IsValid() {
		if until, banned := g.isBanned(ri.client.key, now); banned {
			g.metrics.blocked.inc("banned")
			g.emitReq(EventBanned, ri, http.StatusForbidden, "")
			w.Header().Set("Retry-After", retryAfter(until.Sub(now)))
			http.Error(w, "403 forbidden: this address is banned for repeated failures", http.StatusForbidden)
			return
		}
	}
	if len(rt.Allow) > 0 && !(ri.client.addr.IsValid() && inPrefixes(ri.client.addr, rt.Allow)) {
		g.metrics.blocked.inc("allowlist")
		g.emitReq(EventNotAllowed, ri, http.StatusForbidden, "")
		http.Error(w, "403 forbidden", http.StatusForbidden)
		return
	}
	if len(rt.AllowMethods) > 0 && !slices.Contains(rt.AllowMethods, r.Method) {
		g.metrics.blocked.inc("method")
		g.emitReq(EventMethod, ri, http.StatusMethodNotAllowed, "")
		w.Header().Set("Allow", strings.Join(rt.AllowMethods, ", "))
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if rt.MaxBody > 0 && r.ContentLength > int64(rt.MaxBody) {
		g.tooLarge(w, ri)
		return
	}
	if rt.Rate.Per > 0 && ri.client.key.IsValid() {
		d, ok := g.take(r.Context(), rt, ri.client.key, now)
		if !ok {
			g.metrics.blocked.inc("redis")
			http.Error(w, "503 service unavailable", http.StatusServiceUnavailable)
			return
		}
		if !d.allow {
			g.metrics.limited.inc(rt.Name)
			g.emitReq(EventRateLimited, ri, http.StatusTooManyRequests, "")
			w.Header().Set("Retry-After", retryAfter(d.retry))
			http.Error(w, "429 too many requests", http.StatusTooManyRequests)
			return
		}
		if d.wait > 0 {
			t := time.NewTimer(d.wait)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
	}
	if r.Body != nil && r.Body != http.NoBody {
		b := &idleBody{rc: http.NewResponseController(w.ResponseWriter), timeout: st.cfg.Timeouts.Body.D()}
		if rt.MaxBody > 0 {
			b.r = http.MaxBytesReader(w, r.Body, int64(rt.MaxBody))
		} else {
			b.r = r.Body
		}
		r.Body = b
		ri.bodyErr = b
		if !rt.Stream {
			body, n, err := bufferBody(b, r.ContentLength)
			r.Body.Close()
			if err != nil {
				g.bodyError(w, r, ri, err)
				return
			}
			r.Body, r.ContentLength = body, n
			r.TransferEncoding = nil
			defer body.Close()
		}
	}
	if st.waf != nil && !rt.WAFOff {
		res := inspect(st.waf, r, ri)
		if len(res.rules) > 0 {
			msg, ids := wafSummary(res.rules)
			for _, id := range ids {
				g.metrics.wafMatches.inc(id)
			}
			status := 0
			if res.block {
				status = http.StatusForbidden
			}
			g.emitReq(EventWAF, ri, status, msg)
		}
		if res.block {
			g.metrics.blocked.inc("waf")
			http.Error(w, "403 forbidden", http.StatusForbidden)
			return
		}
	}
	if isUpgrade(r) {
		// A WebSocket lives as long as the application keeps it: the
		// slow-client deadlines end with the handshake.
		rc := http.NewResponseController(w.ResponseWriter)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		w.send = 0
	}
	fwd(g, st, w, r, ri)
}

func (g *Guard) refuse(w http.ResponseWriter, r *http.Request, ri *reqInfo, status int, event, msg string) {
	g.metrics.blocked.inc("malformed")
	if event != "" {
		g.emitReq(event, ri, status, msg)
	}
	http.Error(w, strconv.Itoa(status)+" "+strings.ToLower(http.StatusText(status)), status)
}

func (g *Guard) tooLarge(w http.ResponseWriter, ri *reqInfo) {
	g.metrics.blocked.inc("body")
	g.emitReq(EventBodyTooLarge, ri, http.StatusRequestEntityTooLarge, "")
	w.Header().Set("Connection", "close")
	http.Error(w, "413 request entity too large", http.StatusRequestEntityTooLarge)
}

// bodyError answers a request whose body could not be read whole.
func (g *Guard) bodyError(w http.ResponseWriter, r *http.Request, ri *reqInfo, err error) bool {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		g.tooLarge(w, ri)
	case ri != nil && ri.bodyErr != nil && ri.bodyErr.timedOut:
		g.metrics.blocked.inc("slow_body")
		w.Header().Set("Connection", "close")
		http.Error(w, "408 request timeout", http.StatusRequestTimeout)
	case r.Context().Err() != nil:
		if gw, ok := w.(*guardWriter); ok {
			gw.status = 499
		}
	default:
		if ri != nil && ri.bodyErr != nil && ri.bodyErr.failed {
			g.refuse(w, r, ri, http.StatusBadRequest, "", "unreadable body")
			return true
		}
		return false
	}
	return true
}

// upstreamError is the ReverseProxy's ErrorHandler.
func (g *Guard) upstreamError(w http.ResponseWriter, r *http.Request, err error) {
	g.upstreamFailed(w, r, infoOf(r.Context()), err)
}

// upstreamFailed answers a request the application could not be asked or
// did not answer, on either path.
func (g *Guard) upstreamFailed(w http.ResponseWriter, r *http.Request, ri *reqInfo, err error) {
	if g.bodyError(w, r, ri, err) {
		return
	}
	switch {
	case errors.Is(err, context.Canceled) || r.Context().Err() != nil:
		// The client went away; there is no one to answer.
		if gw, ok := w.(*guardWriter); ok {
			gw.status = 499
		}
		return
	}
	status := http.StatusBadGateway
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		status = http.StatusGatewayTimeout
	}
	g.metrics.upstreamErr.Add(1)
	if ri != nil {
		g.emitReq(EventUpstreamError, ri, status, err.Error())
	}
	http.Error(w, strconv.Itoa(status)+" "+strings.ToLower(http.StatusText(status)), status)
}

// banReasonPath starts the reason of a ban for never-served paths.
const banReasonPath = "never-served path "

// loginResult counts a failed login seen in the application's answer.
func (g *Guard) loginResult(ri *reqInfo, resp *http.Response) {
	rt := ri.route
	if rt == nil || !rt.Login || ri.method != http.MethodPost || !ri.client.key.IsValid() {
		return
	}
	failed := slices.Contains(rt.FailureStatus, resp.StatusCode)
	if !failed && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		loc := resp.Header.Get("Location")
		for _, p := range rt.FailureRedirect {
			if strings.HasPrefix(loc, p) || strings.Contains(loc, "://") && strings.Contains(loc, p) {
				failed = true
			}
		}
	}
	if !failed {
		return
	}
	g.metrics.loginFailures.inc(rt.Name)
	g.emitReq(EventLoginFailure, ri, resp.StatusCode, "")
	g.failure(ri, g.now(), "failed logins on "+rt.Name)
}

func (g *Guard) failure(ri *reqInfo, now time.Time, reason string) {
	cfg := &g.cur.Load().cfg.Bans
	var ban *Ban
	var err error
	if g.shared != nil {
		ban, err = g.shared.failure(ri.client.key, now, cfg, reason)
	} else {
		ban, err = g.bans.failure(ri.client.key, now, cfg, reason)
	}
	if err != nil {
		fmt.Fprintf(g.log, "djsec guard: %v\n", err)
	}
	if ban != nil {
		g.banned(ban, ri)
	}
}

func (g *Guard) banned(ban *Ban, ri *reqInfo) {
	g.metrics.bans.Add(1)
	until := ban.Until
	e := Event{Kind: EventBan, Client: ban.Client, Reason: ban.Reason, Until: &until, Count: ban.Count}
	if ri != nil {
		e.Method, e.Path = ri.method, ri.path
		if ri.route != nil {
			e.Route = ri.route.Name
		}
	}
	g.emit(e)
}

func (g *Guard) isBanned(k netip.Prefix, now time.Time) (time.Time, bool) {
	return g.bans.banned(k, now)
}

// take asks the rate limit; ok is false when the shared store is down and
// the policy is "closed".
func (g *Guard) take(ctx context.Context, rt *Route, k netip.Prefix, now time.Time) (decision, bool) {
	delay := rt.Delay
	if rt.NoDelay {
		delay = rt.Burst
	}
	if g.shared != nil {
		return g.shared.take(ctx, rt, k, now, delay)
	}
	return g.limiter.take(makeLimitKey(rt.id, k), now, rt.Rate.Per, rt.Burst, delay), true
}

// Bans lists the bans in force.
func (g *Guard) Bans() []Ban { return g.bans.list(g.now()) }

// Unban lifts a ban on every replica; it reports whether there was one.
func (g *Guard) Unban(k netip.Prefix) (bool, error) {
	ok, err := g.bans.unban(k)
	if g.shared != nil {
		sok, serr := g.shared.unban(k)
		ok, err = ok || sok, errors.Join(err, serr)
	}
	if ok {
		g.emit(Event{Kind: EventUnban, Client: keyString(k)})
	}
	return ok, err
}

func (g *Guard) emit(e Event) {
	if e.Time.IsZero() {
		e.Time = g.now().UTC()
	}
	g.events.Event(e)
}

func (g *Guard) emitReq(kind string, ri *reqInfo, status int, reason string) {
	// The path and the reason may be views of the fast path's blocks of
	// head strings (headStrings): an event may be kept (a finding's
	// sample, the alert queue), so it keeps copies rather than pin them.
	e := Event{Kind: kind, Client: keyString(ri.client.key), Method: ri.method, Path: strings.Clone(ri.path), Status: status, Reason: strings.Clone(reason)}
	if ri.client.addr.IsValid() && ri.client.addr.Is4() {
		e.Client = ri.client.addr.String()
	}
	if ri.route != nil {
		e.Route = ri.route.Name
	}
	g.emit(e)
}

func (g *Guard) gauges() []gauge {
	keys, evicted := g.limiter.size()
	gs := []gauge{
		{"djsec_guard_limiter_keys", "Rate-limit entries (address × route) held in memory.", float64(keys)},
		{"djsec_guard_limiter_evicted", "Active rate-limit entries evicted because the table was full.", float64(evicted)},
		{"djsec_guard_bans_active", "Clients banned now.", float64(len(g.Bans()))},
	}
	if g.shared != nil {
		up := 0.0
		if g.shared.healthy() {
			up = 1
		}
		gs = append(gs, gauge{"djsec_guard_redis_up", "Whether Redis answered the last operation.", up})
	}
	return gs
}

func retryAfter(d time.Duration) string {
	return strconv.FormatInt(max(1, int64(math.Ceil(d.Seconds()))), 10)
}

func (st *state) match(method, p string) *Route {
	for _, rt := range st.routes {
		if len(rt.Methods) > 0 && !slices.Contains(rt.Methods, method) {
			continue
		}
		if rt.Path != "" && strings.HasPrefix(p, rt.Path) || rt.Pattern.Regexp != nil && rt.Pattern.MatchString(p) {
			return rt
		}
	}
	return &st.cfg.Default
}

// blockList holds the never-served patterns sorted by shape, so that the
// common ones cost a map lookup or a suffix test rather than a glob match.
type blockList struct {
	exact    map[string]string
	suffixes []string // "*.sql" as ".sql"
	prefixes []string // ".env.*" as ".env."
	globs    []string // anything else, for path.Match
}

func newBlockList(pats []string) blockList {
	b := blockList{exact: map[string]string{}}
	for _, p := range pats {
		p = strings.ToLower(p)
		rest := p
		switch {
		case !strings.ContainsAny(p, "*?[\\"):
			b.exact[p] = p
		case strings.HasPrefix(p, "*") && !strings.ContainsAny(p[1:], "*?[\\"):
			b.suffixes = append(b.suffixes, p[1:])
		case strings.HasSuffix(p, "*") && !strings.ContainsAny(p[:len(p)-1], "*?[\\"):
			b.prefixes = append(b.prefixes, p[:len(p)-1])
		default:
			b.globs = append(b.globs, rest)
		}
	}
	return b
}

// match returns the pattern seg (lower case) matches, or "".
func (b *blockList) match(seg string) string {
	if p, ok := b.exact[seg]; ok {
		return p
	}
	for _, s := range b.suffixes {
		if strings.HasSuffix(seg, s) {
			return "*" + s
		}
	}
	for _, s := range b.prefixes {
		if strings.HasPrefix(seg, s) {
			return s + "*"
		}
	}
	for _, g := range b.globs {
		if ok, _ := path.Match(g, seg); ok {
			return g
		}
	}
	return ""
}

// blocked returns the pattern a path matches, if it must never be served.
// Patterns match single segments, case-insensitively, anywhere in the
// path: /static/.git/config is as blocked as /.git/config.
func (st *state) blocked(p string) string {
	lower := p
	for i := 0; i < len(p); i++ {
		if c := p[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			lower = strings.ToLower(p)
			break
		}
	}
	for seg := range strings.SplitSeq(lower, "/") {
		if seg == "" {
			continue
		}
		if pat := st.block.match(seg); pat != "" {
			return pat
		}
	}
	return ""
}

// hasDotSegment reports "." or ".." segments: browsers resolve them before
// sending, so only someone probing for a proxy/application disagreement
// about the path sends them.
func hasDotSegment(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// hostAllowed matches a Host header as Django's ALLOWED_HOSTS does.
func hostAllowed(host string, allowed []string) bool {
	h := strings.ToLower(host)
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	for _, a := range allowed {
		a = strings.ToLower(a)
		switch {
		case a == "*":
			return true
		case strings.HasPrefix(a, "."):
			if h == a[1:] || strings.HasSuffix(h, a) {
				return true
			}
		case h == strings.Trim(a, "[]"):
			return true
		}
	}
	return false
}

func mergeSlashes(p string) string {
	if !strings.Contains(p, "//") {
		return p
	}
	var b strings.Builder
	prev := byte(0)
	for i := 0; i < len(p); i++ {
		if p[i] == '/' && prev == '/' {
			continue
		}
		b.WriteByte(p[i])
		prev = p[i]
	}
	return b.String()
}

func isUpgrade(r *http.Request) bool {
	// Canonical names: no Header.Get, which canonicalizes them again.
	return first(r.Header["Upgrade"]) != "" && headerHasToken(r.Header, "Connection", "upgrade")
}

func headerHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// idleBody is nginx's client_body_timeout: each read of the request body
// must make progress within the timeout, however long the whole upload.
type idleBody struct {
	r        io.ReadCloser
	rc       *http.ResponseController
	timeout  time.Duration
	timedOut bool
	failed   bool
}

func (b *idleBody) Read(p []byte) (int, error) {
	if b.timeout > 0 {
		_ = b.rc.SetReadDeadline(time.Now().Add(b.timeout))
	}
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		b.failed = true
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			b.timedOut = true
		}
	}
	return n, err
}

func (b *idleBody) Close() error { return b.r.Close() }
