package probe

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"net"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
)

// Site is what the checks see of the target: its address, the options, and
// memoized observations (the home page, baselines, the TLS handshakes), so
// that two checks needing the same page cost one request.
type Site struct {
	ctx    context.Context
	opts   *Options
	base   *url.URL // the target URL as given, normalized
	host   string   // hostname without port
	port   string   // port, explicit or from the scheme
	client *client
	token  string // random, per run: baseline paths, foreign origins

	mu   sync.Mutex
	memo map[string]*memoEntry
}

type memoEntry struct {
	once sync.Once
	v    any
}

// siteTarget carries the probe's Site to the live rules: they read it
// through their Pass, like every rule reads its inputs.
var siteTarget = analysis.NewTarget[*Site]("probe.site")

// siteOf returns the site of a live pass, or nil when the rule runs outside
// the probe (it then has nothing to check).
func siteOf(p *analysis.Pass) *Site { return siteTarget.Of(p) }

func newSite(ctx context.Context, o *Options) (*Site, error) {
	u, err := parseURL(o.Target)
	if err != nil {
		return nil, err
	}
	s := &Site{ctx: ctx, opts: o, base: u, host: u.Hostname(), port: u.Port(), memo: map[string]*memoEntry{}}
	if s.port == "" {
		s.port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	s.client = newClient(o)
	s.token = randomToken()
	return s, nil
}

func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("target %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("target %q: want an http:// or https:// URL", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("target %q: no host", raw)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

func randomToken() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// once computes fn once per key for the whole run.
func (s *Site) once(key string, fn func() any) any {
	s.mu.Lock()
	e := s.memo[key]
	if e == nil {
		e = &memoEntry{}
		s.memo[key] = e
	}
	s.mu.Unlock()
	e.once.Do(func() { e.v = fn() })
	return e.v
}

// asked reports whether a check computed the observation of key: after
// the checks, the driver reports on what they looked at, never more.
func (s *Site) asked(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.memo[key] != nil
}

// HTTPS reports whether the target is probed over TLS.
func (s *Site) HTTPS() bool { return s.base.Scheme == "https" }

// Origin is scheme://host[:port] of the target.
func (s *Site) Origin() string { return s.base.Scheme + "://" + s.base.Host }

// URL returns the absolute URL of a path on the site's host ("/admin/").
func (s *Site) URL(p string) string {
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return p
	}
	return s.Origin() + p
}

// HostPort is the TLS or HTTP endpoint of the target.
func (s *Site) HostPort() string { return net.JoinHostPort(s.host, s.port) }

// Do sends a request (budget, concurrency and caps apply).
func (s *Site) Do(r Request) (*Response, error) { return s.client.do(s.ctx, r) }

// Get fetches a path or URL; results are shared by every check asking for
// the same URL.
func (s *Site) Get(p string) (*Response, error) { return s.get(p, false) }

// get is Get, as a request that only a finding waits for when later is set.
func (s *Site) get(p string, later bool) (*Response, error) {
	u := s.URL(p)
	type result struct {
		r   *Response
		err error
	}
	res := s.once("GET "+u, func() any {
		r, err := s.Do(Request{URL: u, later: later})
		return result{r, err}
	}).(result)
	return res.r, res.err
}

// Prefetch fetches paths in parallel (within the client's concurrency), so
// that a rule walking a list of paths afterwards costs one round of
// latency, not one per path, and, as soon as a path answers with a
// success, the baseline of its shape. Served needs a baseline only for a
// success, and most candidates are missing: asking for every shape's
// baseline up front cost a request per shape, which on a site whose every
// answer is expensive (a debug toolbar rendered into each 404) was a sixth
// of the probe.
func (s *Site) Prefetch(paths ...string) { s.prefetch(false, paths) }

// PrefetchCandidates is Prefetch for paths that only findings wait for,
// such as the candidates of a file check: they yield their turn to the
// requests that other requests wait for. No other check may ask for them
// (it would wait its turn with them); their baselines keep theirs.
func (s *Site) PrefetchCandidates(paths ...string) { s.prefetch(true, paths) }

func (s *Site) prefetch(later bool, paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r, err := s.get(p, later); s.opts.eager || err == nil && r.Status >= 200 && r.Status <= 299 {
				s.Baseline(p)
			}
		}()
	}
	wg.Wait()
}

// Home is the target page after following redirects on the same host (at
// most five): the page whose headers and cookies the browser keeps.
func (s *Site) Home() (*Response, error) {
	type result struct {
		r   *Response
		err error
	}
	res := s.once("home", func() any {
		r, err := s.follow(s.base.String(), 5)
		if err != nil && s.ctx.Err() == nil {
			// One more try: a cold application (workers still booting,
			// a scaled-to-zero container) often misses the first deadline.
			r, err = s.Do(Request{URL: s.base.String()})
			if err == nil && r.IsRedirect() {
				r, err = s.follow(r.Location(), 4)
			}
		}
		return result{r, err}
	}).(result)
	return res.r, res.err
}

// follow fetches u and follows redirects that stay on the site's host.
func (s *Site) follow(u string, hops int) (*Response, error) {
	r, err := s.Get(u)
	for err == nil && r.IsRedirect() && hops > 0 {
		next, perr := url.Parse(r.Location())
		if perr != nil || next.Hostname() != s.host {
			break
		}
		r, err = s.Get(next.String())
		hops--
	}
	return r, err
}

// homeChain returns the answers on the way to the home page: cookies set
// on a redirect (a session started before sending to /login/) count too.
// The answers are memoized by Home, so this costs no request.
func (s *Site) homeChain() []*Response {
	var out []*Response
	r, err := s.Get(s.base.String())
	for hops := 5; err == nil; hops-- {
		out = append(out, r)
		if !r.IsRedirect() || hops == 0 {
			break
		}
		next, perr := url.Parse(r.Location())
		if perr != nil || next.Hostname() != s.host {
			break
		}
		r, err = s.Get(next.String())
	}
	return out
}

// baselineShape buckets paths by how servers route them, so that a
// candidate is compared with a random path of the same kind: dotfiles are
// often denied by the proxy, extensions served by it, directories by Django.
func baselineShape(p string) string {
	if u, err := url.Parse(p); err == nil {
		p = u.Path // the shape is the path's: no host, no query
	}
	if strings.Trim(p, "/") == "" {
		return "dir:/"
	}
	base := path.Base(strings.TrimSuffix(p, "/"))
	switch {
	case strings.HasPrefix(base, "."):
		return "dot"
	case strings.HasSuffix(p, "/"):
		return "dir:" + path.Dir(strings.TrimSuffix(p, "/"))
	case path.Ext(base) != "":
		return "ext:" + path.Ext(base)
	}
	return "file"
}

// Baseline returns the site's answer to a random path shaped like p: what a
// path that does not exist looks like here. Every path check compares with
// it, so a site answering 200 to everything yields no findings.
func (s *Site) Baseline(p string) *Response {
	shape := baselineShape(p)
	return s.once("baseline "+shape, func() any {
		name := "djsec-" + s.token
		var rp string
		switch {
		case shape == "dot":
			rp = "/." + name
		case strings.HasPrefix(shape, "dir:"):
			dir := strings.TrimPrefix(shape, "dir:")
			rp = strings.TrimSuffix(dir, "/") + "/" + name + "/"
		case strings.HasPrefix(shape, "ext:"):
			rp = "/" + name + strings.TrimPrefix(shape, "ext:")
		default:
			rp = "/" + name
		}
		r, err := s.Get(rp)
		if err != nil {
			return (*Response)(nil)
		}
		return r
	}).(*Response)
}

// Served reports whether the answer r to path p is a real resource: a
// success that does not look like the site's answer to a random path of
// the same shape.
func (s *Site) Served(p string, r *Response) bool {
	if r == nil || r.Status < 200 || r.Status > 299 {
		return false
	}
	b := s.Baseline(p)
	if b == nil || r.Truncated || b.Truncated {
		return false // cannot tell: stay silent rather than guess
	}
	if b.Status != r.Status {
		return true
	}
	return !similarBodies(b, r)
}

var digits = lazyre.New(`[0-9]+`)

// similarBodies compares two answers with the requested paths and numbers
// (timestamps, request ids) taken out: a catch-all page that echoes the path
// is still the same page.
func similarBodies(a, b *Response) bool {
	na, nb := normalizeBody(a), normalizeBody(b)
	if bytes.Equal(na, nb) {
		return true
	}
	la, lb := len(na), len(nb)
	if la == 0 || lb == 0 {
		return false
	}
	// Same title and nearly the same size: one template.
	ta, tb := title(a.Body), title(b.Body)
	if ta != "" && ta == tb {
		diff := la - lb
		if diff < 0 {
			diff = -diff
		}
		return diff*20 < max(la, lb)
	}
	return false
}

// normalizeBody takes the request's own path (as sent, unescaped and
// without its slashes) and every number out of a body.
func normalizeBody(r *Response) []byte {
	b := r.Body
	if u, err := url.Parse(r.URL); err == nil && u.Path != "/" && u.Path != "" {
		forms := []string{u.RequestURI(), u.EscapedPath(), u.Path, strings.Trim(u.Path, "/")}
		for _, f := range forms {
			if len(f) > 1 {
				b = bytes.ReplaceAll(b, []byte(f), nil)
				b = bytes.ReplaceAll(b, []byte(html.EscapeString(f)), nil)
			}
		}
	}
	return digits().ReplaceAll(b, nil)
}

var titleRe = lazyre.New(`(?is)<title[^>]*>(.*?)</title>`)

func title(b []byte) string {
	m := titleRe().FindSubmatch(b)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(digits().ReplaceAll(m[1], nil)))
}

// AdminPaths are the admin URLs to check: the default and the user's.
func (s *Site) AdminPaths() []string {
	out := []string{"/admin/"}
	for _, p := range s.opts.AdminPaths {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		if !strings.HasSuffix(p, "/") {
			p += "/"
		}
		if p != "/admin/" {
			out = append(out, p)
		}
	}
	return out
}

// AdminLogin returns the admin login page found at one of the admin paths,
// or nil.
func (s *Site) AdminLogin() (string, *Response) {
	type result struct {
		u string
		r *Response
	}
	res := s.once("admin login", func() any {
		var urls []string
		for _, p := range s.AdminPaths() {
			urls = append(urls, s.URL(p+"login/"))
		}
		s.Prefetch(urls...)
		for _, p := range s.AdminPaths() {
			u := s.URL(p + "login/")
			r, err := s.Get(u)
			if err == nil && isAdminLogin(r) && s.Served(p+"login/", r) {
				return result{u, r}
			}
		}
		return result{}
	}).(result)
	return res.u, res.r
}

var adminLoginRe = lazyre.New(`id="login-form"|this_is_the_login_form`)

// isAdminLogin recognizes Django's admin login form (its id and the admin's
// static files), whatever the site header says.
func isAdminLogin(r *Response) bool {
	return r != nil && r.Status == 200 && adminLoginRe().Match(r.Body) &&
		(bytes.Contains(r.Body, []byte("admin/css/")) || bytes.Contains(r.Body, []byte("csrfmiddlewaretoken")))
}

// LoginPage returns the first of the usual login URLs that serves a form
// with a password field, or "".
func (s *Site) LoginPage() (string, *Response) {
	type result struct {
		u string
		r *Response
	}
	res := s.once("login", func() any {
		paths := []string{"/accounts/login/", "/login/", "/users/login/", "/auth/login/"}
		isLogin := func(p string) bool {
			r, err := s.Get(p)
			return err == nil && s.Served(p, r) && bytes.Contains(bytes.ToLower(r.Body), []byte(`type="password"`))
		}
		// The first candidate alone first: it is the one found, when
		// there is one, and every miss costs the site a page (with DEBUG
		// on, a technical 404). The round trip this adds where it is not
		// found is hidden behind the file checks' requests.
		if s.opts.eager {
			s.Prefetch(paths...)
		} else if s.Prefetch(paths[0]); !isLogin(paths[0]) {
			s.Prefetch(paths[1:]...)
		}
		for _, p := range paths {
			if isLogin(p) {
				r, _ := s.Get(p)
				return result{s.URL(p), r}
			}
		}
		return result{}
	}).(result)
	return res.u, res.r
}
