package guard

import (
	"fmt"
	"io"
	"maps"
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
	// m maps the label values joined by \xff to their counter. Looking a
	// key up builds it in a stack buffer (a map index by string(bytes)
	// allocates nothing), so counting a request allocates nothing.
	mu sync.RWMutex
	m  map[string]*atomic.Int64
}

func (c *counterVec) counter(labels []string) *atomic.Int64 {
	var buf [128]byte
	k := buf[:0]
	for i, l := range labels {
		if i > 0 {
			k = append(k, '\xff')
		}
		k = append(k, l...)
	}
	c.mu.RLock()
	v := c.m[string(k)]
	c.mu.RUnlock()
	if v != nil {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v = c.m[string(k)]; v == nil {
		if c.m == nil {
			c.m = map[string]*atomic.Int64{}
		}
		v = new(atomic.Int64)
		c.m[string(k)] = v
	}
	return v
}

func (c *counterVec) inc(labels ...string) { c.counter(labels).Add(1) }

func (c *counterVec) get(labels ...string) int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if v := c.m[strings.Join(labels, "\xff")]; v != nil {
		return v.Load()
	}
	return 0
}

// snapshot is the counters' keys, sorted, and values.
func (c *counterVec) snapshot() ([]string, map[string]int64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	vals := make(map[string]int64, len(c.m))
	for k, v := range c.m {
		vals[k] = v.Load()
	}
	return slices.Sorted(maps.Keys(vals)), vals
}

// statusText is a status code as a label value, without allocating for
// the codes HTTP defines.
func statusText(code int) string {
	if code >= 100 && code < 600 {
		return statusCodes[code-100]
	}
	return strconv.Itoa(code)
}

var statusCodes = func() (s [500]string) {
	for i := range s {
		s[i] = strconv.Itoa(100 + i)
	}
	return s
}()

// latencyBuckets are upper bounds in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts [14]atomic.Int64 // one per bucket, then +Inf
	sumNs  atomic.Int64
}

type histVec struct{ m sync.Map }

func (h *histVec) observe(d time.Duration, label string) { h.get(label).observe(d) }

func (h *histVec) get(label string) *histogram {
	v, ok := h.m.Load(label)
	if !ok {
		v, _ = h.m.LoadOrStore(label, new(histogram))
	}
	return v.(*histogram)
}

func (hg *histogram) observe(d time.Duration) {
	i, _ := slices.BinarySearch(latencyBuckets, d.Seconds())
	hg.counts[i].Add(1)
	hg.sumNs.Add(int64(d))
}

// lastCounted is where a connection counted its last request: the route
// and status, their counter and their histogram. Counters are never
// removed, so the next request, most often alike, is counted without
// looking them up.
type lastCounted struct {
	route  string
	status int
	count  *atomic.Int64
	hist   *histogram
}

// request counts an answer and its latency.
func (m *metrics) request(last *lastCounted, route string, status int, d time.Duration) {
	if last.count == nil || last.route != route || last.status != status {
		*last = lastCounted{route: route, status: status, count: m.requests.counter([]string{route, statusText(status)}), hist: m.latency.get(route)}
	}
	last.count.Add(1)
	last.hist.observe(d)
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
	keys, vals := c.snapshot()
	for _, k := range keys {
		vs := strings.Split(k, "\xff")
		var b strings.Builder
		for i, l := range labels {
			if i > 0 {
				b.WriteByte(',')
			}
			val := ""
			if i < len(vs) {
				val = vs[i]
			}
			fmt.Fprintf(&b, "%s=\"%s\"", l, escLabel(val))
		}
		fmt.Fprintf(w, "%s{%s} %d\n", name, b.String(), vals[k])
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
