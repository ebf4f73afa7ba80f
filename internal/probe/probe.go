package probe

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// Options configure one probe.
type Options struct {
	Target      string         // the site's URL
	Concurrency int            // requests, handshakes and connections in flight; default 8
	Timeout     time.Duration  // per request, handshake or connection; default 10s
	MaxRequests int            // HTTP requests in all; default 400
	MaxBody     int64          // bytes read of one response body; default 1 MiB
	HTTPPort    int            // the plain-HTTP port checked for a redirect; default 80
	Active      bool           // run the active checks (failed logins, open redirect)
	Services    bool           // check the host's service ports
	Headers     http.Header    // sent with every request (--header 'Cookie: ...')
	AdminPaths  []string       // admin URL prefixes besides /admin/
	RootCAs     *x509.CertPool // nil: the system's
	// ExtraRootsPEM are certificates trusted besides RootCAs (--ca-file).
	ExtraRootsPEM []byte
	UserAgent     string
	// ServicePorts overrides the ports of the service checks by service
	// name ("redis": 6390); tests use it.
	ServicePorts map[string]int
	// Rules are the checks to run; nil means Rules().
	Rules []*analysis.Rule
	// Now is the time certificates are judged at; zero means now.
	Now time.Time
	// eager sends every request the checks could want, without the
	// shortcuts that leave out requests whose answer cannot change a
	// finding (baselines of shapes that answered no success): tests run
	// both ways and compare the findings.
	eager bool
}

// DefaultUserAgent says who is asking, so that the site's owner can find the
// probe in their logs.
const DefaultUserAgent = "djsec-probe/0.1 (+https://github.com/djsec/djsec; security audit by the site owner)"

func (o *Options) defaults() {
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = 400
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	if o.HTTPPort <= 0 {
		o.HTTPPort = 80
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Rules == nil {
		o.Rules = Rules()
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
}

// Result is what a probe found, before it is shaped into a report.
type Result struct {
	Findings []report.Finding
	Problems []report.Problem
	Notes    []string
	Grades   []report.Grade
	Requests int // HTTP requests sent
	Elapsed  time.Duration
	// Unreachable is set when nothing answered: no page and no TLS
	// handshake. The findings then say nothing about the site.
	Unreachable error
}

// Run probes the target with every rule, in parallel; requests are bounded
// by the options. It fails only when the target is not a URL: an
// unreachable site is a problem in the result.
func Run(ctx context.Context, opts Options) (*Result, error) {
	opts.defaults()
	start := time.Now()
	site, err := newSite(ctx, &opts)
	if err != nil {
		return nil, err
	}
	run := analysis.NewRun(analysis.RunOptions{Now: opts.Now, Identity: byURL})
	siteTarget.Set(run, site)

	if home, err := site.Home(); err != nil && !errors.Is(err, ErrHeadersTooLarge) {
		run.Problem(report.Problem{Location: report.Location{URL: site.base.String()}, Message: fmt.Sprintf("the site did not answer: %v", err)})
		if info := site.TLS(); info == nil || info.Err != nil {
			// Nothing answers at all: every check would only wait for its
			// own timeouts.
			if u := errors.Unwrap(err); u != nil {
				err = u // drop the "GET URL:" prefix: the URL comes first already
			}
			return &Result{Problems: run.Problems(), Requests: int(site.client.sent.Load()), Elapsed: time.Since(start),
				Unreachable: fmt.Errorf("%s did not answer: %w", site.base, err)}, nil
		}
	} else if err == nil && home.IsRedirect() {
		run.Note(fmt.Sprintf("%s redirects to %s: its page checks saw the redirect; probe that URL too", home.URL, home.Location()))
	}
	var wg sync.WaitGroup
	for _, r := range opts.Rules {
		if r.Scope != analysis.Live {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			run.Call(run.Pass(r, nil, nil))
		}()
	}
	wg.Wait()

	if site.asked("django") {
		if django, _ := site.IsDjango(); !django {
			run.Note("djsec saw no sign of Django (no csrftoken or sessionid cookie, no csrfmiddlewaretoken field, none of Django's error pages): " +
				"the DEBUG and Host findings speak of what the server showed, not of Django's settings")
		}
	}
	if site.client.budget.Load() < 0 {
		run.Note(fmt.Sprintf("the budget of %d requests was spent before every check ran: raise --max-requests", opts.MaxRequests))
	}
	res := &Result{Findings: run.Findings(), Problems: run.Problems(), Notes: run.Notes(), Requests: int(site.client.sent.Load())}
	res.Grades = []report.Grade{headerGrade(site), tlsGrade(site, res.Findings)}
	res.Elapsed = time.Since(start)
	return res, nil
}

var tokenRe = lazyre.New(`djsec-[0-9a-f]{12}`)

// byURL identifies a live finding by its URL and its subject: the
// diagnostic's snippet ("TLS 1.0", "sessionid"), or its message when it has
// none. The random token of this run (baseline paths, foreign origins) is
// taken out: it must not change a finding's identity from run to run.
func byURL(f *report.Finding, snippet string) string {
	if snippet == "" {
		snippet = f.Message
	}
	return tokenRe().ReplaceAllString(f.Location.URL+"\x00"+snippet, "djsec-random")
}
