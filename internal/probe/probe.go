package probe

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Options configure one probe.
type Options struct {
	Target      string        // the site's URL
	Concurrency int           // requests, handshakes and connections in flight; default 8
	Timeout     time.Duration // per request, handshake or connection; default 10s
	MaxRequests int           // HTTP requests in all; default 400
	MaxBody     int64         // bytes read of one response body; default 1 MiB
	HTTPPort    int           // the plain-HTTP port checked for a redirect; default 80
	Active      bool          // run the active checks (failed logins, open redirect)
	Services    bool          // check the host's service ports
	Headers     http.Header   // sent with every request (--header 'Cookie: ...')
	AdminPaths  []string      // admin URL prefixes besides /admin/
	RootCAs     *x509.CertPool
	UserAgent   string
	// ServicePorts overrides the ports of the service checks by service
	// name ("redis": 6390); tests use it.
	ServicePorts map[string]int
	// Rules are the checks to run; nil means Rules().
	Rules []*analysis.Rule
	// Now is the time certificates are judged at; zero means now.
	Now time.Time
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
	proj := project.New("", nil, project.Inputs{})
	proj.Memo(siteKey, func() any { return site })

	c := &collector{problems: map[string]bool{}, notes: map[string]bool{}}
	if home, err := site.Home(); err != nil && !errors.Is(err, ErrHeadersTooLarge) {
		c.problem(report.Problem{Location: report.Location{URL: site.base.String()}, Message: fmt.Sprintf("the site did not answer: %v", err)})
		if info := site.TLS(); info == nil || info.Err != nil {
			// Nothing answers at all: every check would only wait for its
			// own timeouts.
			if u := errors.Unwrap(err); u != nil {
				err = u // drop the "GET URL:" prefix: the URL comes first already
			}
			return &Result{Problems: c.problemList, Requests: int(site.client.sent.Load()), Elapsed: time.Since(start),
				Unreachable: fmt.Errorf("%s did not answer: %w", site.base, err)}, nil
		}
	} else if err == nil && home.IsRedirect() {
		c.notes[fmt.Sprintf("%s redirects to %s: its page checks saw the redirect; probe that URL too", home.URL, home.Location())] = true
	}
	var wg sync.WaitGroup
	for _, r := range opts.Rules {
		if r.Scope != analysis.Live {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.run(r, proj)
		}()
	}
	wg.Wait()

	res := &Result{Findings: c.findings, Problems: c.problemList, Requests: int(site.client.sent.Load())}
	if site.client.budget.Load() < 0 {
		c.notes[fmt.Sprintf("the budget of %d requests was spent before every check ran: raise --max-requests", opts.MaxRequests)] = true
	}
	for n := range c.notes {
		res.Notes = append(res.Notes, n)
	}
	sort.Strings(res.Notes)
	sort.Slice(res.Problems, func(i, j int) bool { return res.Problems[i].Message < res.Problems[j].Message })
	analysis.SortFindings(res.Findings)
	fingerprint(res.Findings)
	res.Grades = []report.Grade{headerGrade(site), tlsGrade(site, res.Findings)}
	res.Elapsed = time.Since(start)
	return res, nil
}

// collector gathers what the rules report.
type collector struct {
	mu          sync.Mutex
	findings    []report.Finding
	problemList []report.Problem
	problems    map[string]bool
	notes       map[string]bool
}

func (c *collector) problem(p report.Problem) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := p.Location.String() + "\x00" + p.Message
	if !c.problems[key] {
		c.problems[key] = true
		c.problemList = append(c.problemList, p)
	}
}

// run calls one rule; a panic becomes a problem and the probe goes on.
func (c *collector) run(r *analysis.Rule, proj *project.Project) {
	defer func() {
		if e := recover(); e != nil {
			c.problem(report.Problem{Message: fmt.Sprintf("internal error in rule %s: %v (please report this; %s)", r.ID, e, firstLine(debug.Stack()))})
		}
	}()
	pass := analysis.NewPass(r, proj, nil,
		func(d analysis.Diagnostic) {
			f := finding(r, d)
			c.mu.Lock()
			c.findings = append(c.findings, f)
			c.mu.Unlock()
		},
		c.problem,
		func(n string) { c.mu.Lock(); c.notes[n] = true; c.mu.Unlock() })
	r.Run(pass)
}

func firstLine(b []byte) string {
	s := string(b)
	if i := strings.Index(s, "\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// finding fills a diagnostic's blanks from its rule, as the scanner does.
func finding(r *analysis.Rule, d analysis.Diagnostic) report.Finding {
	f := report.Finding{
		Rule: r.ID, Name: r.Name, Severity: r.Severity, Confidence: r.Confidence,
		Message: d.Message, Location: d.Location, CWE: r.CWE, Checklist: r.Checklist,
		Fix: r.Doc.Fix, Flow: d.Flow, Properties: d.Properties,
	}
	if d.Fix != "" {
		f.Fix = d.Fix
	}
	if d.Severity != report.SeverityUnset {
		f.Severity = d.Severity
	}
	if d.Confidence != report.ConfidenceUnset {
		f.Confidence = d.Confidence
	}
	f.Fingerprint = "snippet:" + d.Snippet
	return f
}

var tokenRe = regexp.MustCompile(`djsec-[0-9a-f]{12}`)

// fingerprint gives live findings a stable identity for baselines: rule,
// URL and the diagnostic's snippet (its subject: "TLS 1.0", "sessionid"),
// or its message when it has none.
func fingerprint(fs []report.Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		subject := strings.TrimPrefix(f.Fingerprint, "snippet:")
		if subject == "" {
			subject = f.Message
		}
		// The random token of this run (baseline paths, foreign origins)
		// must not change a finding's identity from run to run.
		base := tokenRe.ReplaceAllString(f.Rule+"\x00"+f.Location.URL+"\x00"+subject, "djsec-random")
		n := seen[base]
		seen[base] = n + 1
		sum := sha256.Sum256([]byte(base + "\x00" + strconv.Itoa(n)))
		f.Fingerprint = hex.EncodeToString(sum[:12])
	}
}
