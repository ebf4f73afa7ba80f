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
	"github.com/djsec/djsec/internal/render"
	allrules "github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "probe", summary: "audit a running site from outside: TLS, headers, cookies, DEBUG, exposed files, services", run: runProbe})
	helps["probe"] = &help{
		usage:   "djsec probe [flags] URL",
		summary: "Audits a running site from outside: TLS, redirects, headers, cookies, CORS, DEBUG pages, the admin, exposed files; with --active login throttling and open redirects; with --services exposed databases and caches. Probe only sites you are responsible for.",
		args:    [][2]string{{"URL", "the site to probe (https:// when no scheme is given)"}},
		examples: [][2]string{
			{"djsec probe https://shop.example.com", "the passive checks, with grades for headers and TLS"},
			{"djsec probe staging.example.com --header 'Cookie: sessionid=...' --admin-path /backstage/", "as a signed-in user, with the admin where it really is"},
			{"djsec probe https://shop.example.com --active --services -f json -o probe.json", "every check, as JSON"},
		},
	}
}

type probeFlags struct {
	outputFlags
	caFile                string
	httpPort, concurrency int
	maxRequests           int
	timeout               time.Duration
	active, services      bool
	headers, adminPaths   listFlag
	servicePorts          listFlag
}

func (pf *probeFlags) define(fs *flag.FlagSet) {
	pf.outputFlags.define(fs)
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
	opts, sh, err := probeOptions(pos[0], &pf)
	if err != nil {
		return e.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stopProgress := e.progress(pf.quiet, func(progressState) string { return "probing " + opts.Target }, nil)
	res, err := probe.Run(ctx, opts)
	stopProgress()
	if err != nil {
		return e.fail(err)
	}
	if res.Unreachable != nil {
		return e.fail(res.Unreachable)
	}
	rules := probe.Rules()
	findings, notes := sh.filter(res.Findings, res.Notes)
	r := analysis.NewReport(pos[0], Version, rules, allrules.All(), &analysis.Result{Findings: findings, Problems: res.Problems, Notes: notes})
	r.Grades = res.Grades
	if !pf.active {
		r.Notes = append(r.Notes, "active checks (login brute-force protection, open redirects) were not run: add --active")
	}
	if !pf.services {
		r.Notes = append(r.Notes, "service ports (databases, caches, Docker API) were not checked: add --services")
	}
	r.Notes = append(r.Notes, fmt.Sprintf("%d HTTP requests in %s", res.Requests, res.Elapsed.Round(10*time.Millisecond)))
	if err := writeReport(e, r, rules, &pf.outputFlags, render.SARIFOptions{}); err != nil {
		return e.fail(err)
	}
	return exitStatus(r, sh.failOn)
}

func probeOptions(target string, pf *probeFlags) (probe.Options, shown, error) {
	sh, err := pf.outputFlags.check("")
	if err != nil {
		return probe.Options{}, sh, err
	}
	if !strings.Contains(target, "://") {
		target = "https://" + target
	}
	switch {
	case pf.concurrency < 1 || pf.concurrency > 64:
		return probe.Options{}, sh, fmt.Errorf("--concurrency %d: want 1 to 64", pf.concurrency)
	case pf.timeout <= 0:
		return probe.Options{}, sh, fmt.Errorf("--timeout %s: want a positive duration", pf.timeout)
	case pf.httpPort < 1 || pf.httpPort > 65535:
		return probe.Options{}, sh, fmt.Errorf("--http-port %d: not a port", pf.httpPort)
	case pf.maxRequests < 1:
		return probe.Options{}, sh, fmt.Errorf("--max-requests %d: want at least 1", pf.maxRequests)
	}
	h := http.Header{}
	for _, kv := range pf.headers {
		k, v, ok := strings.Cut(kv, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return probe.Options{}, sh, fmt.Errorf("--header %q: want 'Name: value'", kv)
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
			return probe.Options{}, sh, fmt.Errorf("--service-port %q: want NAME=PORT with NAME one of %s", kv, strings.Join(probe.ServiceNames(), ", "))
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
			return probe.Options{}, sh, fmt.Errorf("--ca-file: %v", unwrapPath(err))
		}
		if !x509.NewCertPool().AppendCertsFromPEM(pem) {
			return probe.Options{}, sh, fmt.Errorf("--ca-file %s: no PEM certificate in it", pf.caFile)
		}
		// Added to the system roots by the probe when it verifies the
		// certificate, not here: reading the system roots takes ten
		// milliseconds, which would come before the first request.
		opts.ExtraRootsPEM = pem
	}
	return opts, sh, nil
}
