package probe

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// errBudget is returned once the probe has sent as many requests as it may.
var errBudget = errors.New("request budget spent (raise --max-requests)")

// client is the probe's only way to the network. It enforces politeness and
// safety on every request: a User-Agent that says who is asking, at most
// `concurrency` requests in flight, a deadline covering the whole exchange
// (so a server dripping its answer byte by byte cannot hold it), a cap on
// header and body bytes (a gzip bomb is read only up to the cap, after
// decompression), a budget of requests, and no automatic redirects (a
// redirect loop costs one request).
type client struct {
	hc      *http.Client
	slots   *slots
	ua      string
	extra   http.Header
	timeout time.Duration
	maxBody int64
	budget  atomic.Int64
	sent    atomic.Int64
}

// Request is one HTTP request of a check.
type Request struct {
	Method string
	URL    string
	Host   string // overrides the Host header (DisallowedHost check)
	Header http.Header
	Body   string
	// later marks a request that only a finding waits for: it yields its
	// turn to those that other requests wait for (see slots).
	later bool
}

// Response is what the probe keeps of an answer: enough for every check,
// never more than the caps.
type Response struct {
	URL       string
	Status    int
	Header    http.Header
	Body      []byte
	Truncated bool // the body was longer than the cap
	Elapsed   time.Duration
}

// Location returns the Location header resolved against the request URL.
func (r *Response) Location() string {
	loc := r.Header.Get("Location")
	if loc == "" {
		return ""
	}
	u, err := parseURL(r.URL)
	if err != nil {
		return loc
	}
	ref, err := u.Parse(loc)
	if err != nil {
		return loc
	}
	return ref.String()
}

// IsRedirect reports a 3xx answer with a Location.
func (r *Response) IsRedirect() bool {
	return r.Status >= 300 && r.Status < 400 && r.Header.Get("Location") != ""
}

func newClient(o *Options) *client {
	dialer := &net.Dialer{Timeout: o.Timeout}
	tr := &http.Transport{
		Proxy:       http.ProxyFromEnvironment,
		DialContext: dialer.DialContext,
		// Trust is judged by the TLS checks, which report an untrusted
		// certificate; the probe goes on so the rest of the site is seen.
		TLSClientConfig:        &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10}, //nolint:gosec // see above
		TLSHandshakeTimeout:    o.Timeout,
		ResponseHeaderTimeout:  o.Timeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		MaxConnsPerHost:        o.Concurrency,
		MaxIdleConnsPerHost:    o.Concurrency,
		IdleConnTimeout:        30 * time.Second,
		ForceAttemptHTTP2:      true,
	}
	c := &client{
		hc: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		slots:   newSlots(o.Concurrency),
		ua:      o.UserAgent,
		extra:   o.Headers,
		timeout: o.Timeout,
		maxBody: o.MaxBody,
	}
	c.budget.Store(int64(o.MaxRequests))
	return c
}

// acquire takes one of the in-flight slots; TLS handshakes and service
// connections share them with HTTP requests.
func (c *client) acquire(ctx context.Context) error { return c.slots.acquire(ctx, false) }

func (c *client) release() { c.slots.release() }

// spend takes one request from the budget.
func (c *client) spend() error {
	if c.budget.Add(-1) < 0 {
		return errBudget
	}
	c.sent.Add(1)
	return nil
}

// do sends one request and reads the answer within the caps.
func (c *client) do(ctx context.Context, r Request) (*Response, error) {
	if err := c.spend(); err != nil {
		return nil, err
	}
	if err := c.slots.acquire(ctx, r.later); err != nil {
		return nil, err
	}
	defer c.release()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, method, r.URL, body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, r.URL, err)
	}
	for k, vs := range c.extra {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for k, vs := range r.Header {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("User-Agent", c.ua)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	}
	if r.Host != "" {
		req.Host = r.Host
	}
	start := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		err = cleanErr(err)
		if strings.Contains(err.Error(), "server response headers exceeded") {
			// net/http has no sentinel for it: the server answered, with
			// more header bytes than the client reads.
			err = ErrHeadersTooLarge
		}
		return nil, fmt.Errorf("%s %s: %w", method, r.URL, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	out := &Response{URL: r.URL, Status: resp.StatusCode, Header: resp.Header, Elapsed: time.Since(start)}
	if int64(len(data)) > c.maxBody {
		data, out.Truncated = data[:c.maxBody], true
	}
	out.Body = data
	if err != nil && !out.Truncated {
		// A body cut short by the deadline still tells a lot (headers,
		// status); keep what arrived and say so.
		out.Truncated = true
	}
	return out, nil
}

// ErrHeadersTooLarge is the error of a request whose response headers
// exceed maxHeaderBytes: the server answered, so the probe goes on, and
// the headers are a finding of their own (DJL212).
var ErrHeadersTooLarge = fmt.Errorf("the response headers exceed %d KiB", maxHeaderBytes>>10)

// maxHeaderBytes bounds the response headers read, as browsers and proxies
// do.
const maxHeaderBytes = 64 << 10

// cleanErr drops the url.Error wrapping that repeats method and URL.
func cleanErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
