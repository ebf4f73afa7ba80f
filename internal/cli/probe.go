package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/probe"
	"github.com/djsec/djsec/internal/report"
	allrules "github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "probe", summary: "audit a running site from outside: TLS, headers, cookies, DEBUG, exposed files, services", run: runProbe})
}

type probeFlags struct {
	format, output, failOn, caFile string
	httpPort, concurrency          int
	maxRequests                    int
	timeout                        time.Duration
	active, services               bool
	headers, adminPaths            listFlag
	servicePorts                   listFlag
}

func (pf *probeFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&pf.format, "format", "text", "output format: text, json, sarif or html")
	fs.StringVar(&pf.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&pf.failOn, "fail-on", "", "exit 1 when a finding is at or above `SEVERITY` (default low)")
	fs.IntVar(&pf.httpPort, "http-port", 80, "plain-HTTP `PORT` checked for a redirect to HTTPS")
	fs.IntVar(&pf.concurrency, "concurrency", 8, "at most `N` requests, handshakes or connections in flight")
	fs.DurationVar(&pf.timeout, "timeout", 10*time.Second, "time allowed for one request, handshake or connection")
	fs.IntVar(&pf.maxRequests, "max-requests", 400, "send at most `N` HTTP requests in all")
	fs.BoolVar(&pf.active, "active", false, "also run active checks: up to 20 failed admin logins, open redirects through ?next=")
	fs.BoolVar(&pf.services, "services", false, "also check the host for exposed databases, caches, brokers and admin services")
	fs.Var(&pf.headers, "header", "send this `'Name: value'` header with every request, e.g. a session Cookie (repeatable)")
	fs.Var(&pf.adminPaths, "admin-path", "the admin is (also) at this `PATH`, e.g. /backstage/ (repeatable)")
	fs.Var(&pf.servicePorts, "service-port", "with --services, check service NAME on PORT instead of its usual port (`NAME=PORT`, e.g. redis=6380; 0 skips it; repeatable)")
	fs.StringVar(&pf.caFile, "ca-file", "", "also trust the CA certificates in this PEM `FILE` (an internal CA)")
}

func runProbe(e *env, args []string) int {
	var pf probeFlags
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	pf.define(fs)
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) != 1 {
		return e.fail(fmt.Errorf("probe takes one URL, got %d (djsec probe https://example.com)", len(pos)))
	}
	opts, failOn, err := probeOptions(pos[0], &pf)
	if err != nil {
		return e.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := probe.Run(ctx, opts)
	if err != nil {
		return e.fail(err)
	}
	if res.Unreachable != nil {
		return e.fail(res.Unreachable)
	}
	rules := probe.Rules()
	r := analysis.NewReport(pos[0], Version, rules, allrules.All(), &analysis.Result{Findings: res.Findings, Problems: res.Problems, Notes: res.Notes})
	r.Grades = res.Grades
	if !pf.active {
		r.Notes = append(r.Notes, "active checks (login brute-force protection, open redirects) were not run: add --active")
	}
	if !pf.services {
		r.Notes = append(r.Notes, "service ports (databases, caches, Docker API) were not checked: add --services")
	}
	r.Notes = append(r.Notes, fmt.Sprintf("%d HTTP requests in %s", res.Requests, res.Elapsed.Round(10*time.Millisecond)))
	if err := writeReport(e, r, rules, pf.format, pf.output); err != nil {
		return e.fail(err)
	}
	return exitStatus(r, failOn)
}

func probeOptions(target string, pf *probeFlags) (probe.Options, report.Severity, error) {
	if err := checkFormat(pf.format); err != nil {
		return probe.Options{}, 0, err
	}
	failOn, err := failOnLevel(pf.failOn, "")
	if err != nil {
		return probe.Options{}, 0, err
	}
	if !strings.Contains(target, "://") {
		target = "https://" + target
	}
	switch {
	case pf.concurrency < 1 || pf.concurrency > 64:
		return probe.Options{}, 0, fmt.Errorf("--concurrency %d: want 1 to 64", pf.concurrency)
	case pf.timeout <= 0:
		return probe.Options{}, 0, fmt.Errorf("--timeout %s: want a positive duration", pf.timeout)
	case pf.httpPort < 1 || pf.httpPort > 65535:
		return probe.Options{}, 0, fmt.Errorf("--http-port %d: not a port", pf.httpPort)
	case pf.maxRequests < 1:
		return probe.Options{}, 0, fmt.Errorf("--max-requests %d: want at least 1", pf.maxRequests)
	}
	h := http.Header{}
	for _, kv := range pf.headers {
		k, v, ok := strings.Cut(kv, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return probe.Options{}, 0, fmt.Errorf("--header %q: want 'Name: value'", kv)
		}
		h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	opts := probe.Options{
		Target: target, Concurrency: pf.concurrency, Timeout: pf.timeout, MaxRequests: pf.maxRequests,
		HTTPPort: pf.httpPort, Active: pf.active, Services: pf.services, Headers: h, AdminPaths: pf.adminPaths,
	}
	for _, kv := range pf.servicePorts {
		name, port, ok := strings.Cut(kv, "=")
		n, err := strconv.Atoi(port)
		if !ok || err != nil || n < 0 || n > 65535 || !probe.IsService(name) {
			return probe.Options{}, 0, fmt.Errorf("--service-port %q: want NAME=PORT with NAME one of %s", kv, strings.Join(probe.ServiceNames(), ", "))
		}
		if opts.ServicePorts == nil {
			opts.ServicePorts = map[string]int{}
		}
		if n == 0 {
			n = -1
		}
		opts.ServicePorts[name] = n
	}
	if pf.caFile != "" {
		pem, err := os.ReadFile(pf.caFile)
		if err != nil {
			return probe.Options{}, 0, fmt.Errorf("--ca-file: %v", unwrapPath(err))
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return probe.Options{}, 0, fmt.Errorf("--ca-file %s: no PEM certificate in it", pf.caFile)
		}
		opts.RootCAs = pool
	}
	return opts, failOn, nil
}
