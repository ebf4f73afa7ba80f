package guard

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are written in Prometheus' text exposition format (version
// 0.0.4) by hand: a dozen counters and one histogram do not need a client
// library and its dependencies.
type metrics struct {
	requests      counterVec // route, code
	limited       counterVec // route
	blocked       counterVec // reason
	loginFailures counterVec // route
	bans          atomic.Int64
	upstreamErr   atomic.Int64
	wafMatches    counterVec // rule
	redisErrors   atomic.Int64
	panics        atomic.Int64
	latency       histVec // route

	// gauges read when scraped
	gauges func() []gauge
}

type gauge struct {
	name, help string
	value      float64
}

type counterVec struct {
	m sync.Map // label values joined by \xff → *atomic.Int64
}

func (c *counterVec) inc(labels ...string) {
	k := strings.Join(labels, "\xff")
	v, ok := c.m.Load(k)
	if !ok {
		v, _ = c.m.LoadOrStore(k, new(atomic.Int64))
	}
	v.(*atomic.Int64).Add(1)
}

func (c *counterVec) get(labels ...string) int64 {
	v, ok := c.m.Load(strings.Join(labels, "\xff"))
	if !ok {
		return 0
	}
	return v.(*atomic.Int64).Load()
}

// latencyBuckets are upper bounds in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts [14]atomic.Int64 // one per bucket, then +Inf
	sumNs  atomic.Int64
}

type histVec struct{ m sync.Map }

func (h *histVec) observe(d time.Duration, label string) {
	v, ok := h.m.Load(label)
	if !ok {
		v, _ = h.m.LoadOrStore(label, new(histogram))
	}
	hg := v.(*histogram)
	s := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, s)
	hg.counts[i].Add(1)
	hg.sumNs.Add(int64(d))
}

func (m *metrics) write(w io.Writer) {
	writeVec(w, "djsec_guard_requests_total", "Requests answered, by route and status code.", &m.requests, "route", "code")
	writeVec(w, "djsec_guard_rate_limited_total", "Requests refused with 429 by a rate limit, by route.", &m.limited, "route")
	writeVec(w, "djsec_guard_blocked_total", "Requests refused by a control other than a rate limit, by reason.", &m.blocked, "reason")
	writeVec(w, "djsec_guard_login_failures_total", "Failed logins seen in responses, by route.", &m.loginFailures, "route")
	writeVec(w, "djsec_guard_waf_matches_total", "WAF rule matches, by rule.", &m.wafMatches, "rule")
	writeCounter(w, "djsec_guard_bans_total", "Bans made by this replica.", m.bans.Load())
	writeCounter(w, "djsec_guard_upstream_errors_total", "Requests the application could not answer (connection refused, timeout).", m.upstreamErr.Load())
	writeCounter(w, "djsec_guard_redis_errors_total", "Redis operations that failed.", m.redisErrors.Load())
	writeCounter(w, "djsec_guard_internal_errors_total", "Requests answered 500 because of a bug in the guard.", m.panics.Load())
	if m.gauges != nil {
		for _, g := range m.gauges() {
			fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", g.name, g.help, g.name, g.name, fmtFloat(g.value))
		}
	}
	fmt.Fprintf(w, "# HELP djsec_guard_request_duration_seconds Time from request to the end of the response, by route.\n# TYPE djsec_guard_request_duration_seconds histogram\n")
	for _, route := range sortedKeys(&m.latency.m) {
		v, _ := m.latency.m.Load(route)
		hg := v.(*histogram)
		var cum int64
		l := `route="` + escLabel(route) + `"`
		for i, b := range latencyBuckets {
			cum += hg.counts[i].Load()
			fmt.Fprintf(w, "djsec_guard_request_duration_seconds_bucket{%s,le=%q} %d\n", l, fmtFloat(b), cum)
		}
		cum += hg.counts[len(latencyBuckets)].Load()
		fmt.Fprintf(w, "djsec_guard_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n", l, cum)
		fmt.Fprintf(w, "djsec_guard_request_duration_seconds_sum{%s} %s\n", l, fmtFloat(time.Duration(hg.sumNs.Load()).Seconds()))
		fmt.Fprintf(w, "djsec_guard_request_duration_seconds_count{%s} %d\n", l, cum)
	}
}

func writeCounter(w io.Writer, name, help string, v int64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
}

func writeVec(w io.Writer, name, help string, c *counterVec, labels ...string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
	for _, k := range sortedKeys(&c.m) {
		v, _ := c.m.Load(k)
		vals := strings.Split(k, "\xff")
		var b strings.Builder
		for i, l := range labels {
			if i > 0 {
				b.WriteByte(',')
			}
			val := ""
			if i < len(vals) {
				val = vals[i]
			}
			fmt.Fprintf(&b, "%s=\"%s\"", l, escLabel(val))
		}
		fmt.Fprintf(w, "%s{%s} %d\n", name, b.String(), v.(*atomic.Int64).Load())
	}
}

func sortedKeys(m *sync.Map) []string {
	var ks []string
	m.Range(func(k, _ any) bool { ks = append(ks, k.(string)); return true })
	slices.Sort(ks)
	return ks
}

func escLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
