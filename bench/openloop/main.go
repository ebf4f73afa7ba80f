// Command openloop loads an HTTP server on 127.0.0.1 at a fixed offered
// rate and reports latencies corrected for coordinated omission, as wrk2
// does (bench/guard.sh runs it beside wrk; see bench/GUARD.md).
//
// wrk is a closed loop: each connection sends its next request when the
// last answer came. At saturation its latencies are the queue the
// connections themselves keep full (64 connections at 40,000 requests a
// second wait 1.6 ms on average whatever the server does), and when the
// server stalls, wrk stops sending and so stops measuring: the requests
// that would have waited are never made (coordinated omission). openloop
// instead fixes when each request is due: every connection sends at
// rate/conns per second on its own schedule, and a request's latency runs
// from when it was due, not from when it could be sent, so a stall counts
// for every request it delayed.
//
//	go run ./bench/openloop -rate 20000 -conns 64 -d 6s http://127.0.0.1:8080/
//
// It prints the rate achieved and the latency percentiles, and how late
// the sends themselves were (if that is large, the load generator, not
// the server, is the bottleneck, and the figures mean little).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	rate := flag.Float64("rate", 1000, "requests per second offered, over all connections")
	conns := flag.Int("conns", 64, "connections")
	dur := flag.Duration("d", 5*time.Second, "how long to measure (after -warmup)")
	warm := flag.Duration("warmup", time.Second, "load before measuring, not counted")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: openloop [-rate N] [-conns N] [-d DURATION] http://127.0.0.1:PORT/PATH")
		os.Exit(2)
	}
	target, err := loopbackURL(flag.Arg(0))
	if err != nil {
		fmt.Fprintf(os.Stderr, "openloop: %v\n", err)
		os.Exit(2)
	}
	if *rate <= 0 || *conns <= 0 || *dur <= 0 {
		fmt.Fprintln(os.Stderr, "openloop: -rate, -conns and -d must be positive")
		os.Exit(2)
	}
	res, err := run(target, *rate, *conns, *warm, *dur)
	if err != nil {
		fmt.Fprintf(os.Stderr, "openloop: %v\n", err)
		os.Exit(1)
	}
	res.print(os.Stdout, *rate)
}

// loopbackURL accepts only http:// URLs on 127.0.0.1 (or ::1): openloop is
// a benchmark tool, never a way to load someone else's server.
func loopbackURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("%s: only http:// URLs", s)
	}
	ip := net.ParseIP(u.Hostname())
	if ip == nil || !ip.IsLoopback() || u.Port() == "" {
		return nil, fmt.Errorf("%s: only a loopback address with a port (127.0.0.1:PORT)", s)
	}
	return u, nil
}

type result struct {
	// lat is each measured request's latency (see loadConn); late is how
	// much later than due the requests sent after a sleep went out: the
	// load generator's own timer slop.
	lat, late []time.Duration
	errs      int
	unsent    int // requests due that were never sent: the server fell too far behind
	firstErr  error
	// elapsed runs from the start of the measurement to the last answer
	// measured (longer than -d when the server fell behind).
	elapsed time.Duration
	last    time.Time
}

// run loads u for warm+dur and returns what was measured after warm.
func run(u *url.URL, rate float64, conns int, warm, dur time.Duration) (*result, error) {
	path := u.RequestURI()
	req := []byte("GET " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\n\r\n")
	interval := time.Duration(float64(conns) / rate * float64(time.Second))
	start := time.Now().Add(50 * time.Millisecond)
	measureFrom, end := start.Add(warm), start.Add(warm+dur)
	per := make([]result, conns)
	var wg sync.WaitGroup
	for i := range conns {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			return nil, err
		}
		wg.Add(1)
		// The connections' schedules are spread over one interval, so
		// the requests come evenly rather than in bursts of conns.
		first := start.Add(time.Duration(i) * interval / time.Duration(conns))
		go func() {
			defer wg.Done()
			defer c.Close()
			per[i] = loadConn(c, req, first, interval, measureFrom, end)
		}()
	}
	wg.Wait()
	all := &result{}
	for _, r := range per {
		if r.last.After(all.last) {
			all.last = r.last
		}
		all.lat = append(all.lat, r.lat...)
		all.late = append(all.late, r.late...)
		all.errs += r.errs
		all.unsent += r.unsent
		if all.firstErr == nil {
			all.firstErr = r.firstErr
		}
	}
	all.elapsed = max(all.last.Sub(measureFrom), dur)
	return all, nil
}

// loadConn sends req on c at first, first+interval, ... until end, each
// when due or, when the last answer came late, at once; it records the
// requests due from measureFrom on.
func loadConn(c net.Conn, req []byte, first time.Time, interval time.Duration, measureFrom, end time.Time) result {
	var r result
	n := int(end.Sub(measureFrom)/interval) + 1
	r.lat = make([]time.Duration, 0, n)
	r.late = make([]time.Duration, 0, n)
	br := bufio.NewReaderSize(c, 16<<10)
	get := &http.Request{Method: "GET"}
	// A server that cannot keep up would make the run last as long as
	// its backlog; past the grace time, the requests still to send are
	// counted as not sent.
	stop := end.Add(max(2*time.Second, end.Sub(measureFrom)/2))
	for due := first; due.Before(end); due = due.Add(interval) {
		if time.Now().After(stop) {
			r.unsent = int(end.Sub(due)/interval) + 1
			break
		}
		slept := false
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
			slept = true
		}
		sent := time.Now()
		_ = c.SetDeadline(sent.Add(10 * time.Second))
		err := roundTrip(c, br, req, get)
		done := time.Now()
		if err != nil {
			r.errs++
			if r.firstErr == nil {
				r.firstErr = err
			}
			return r // the connection is gone; its remaining requests are not made
		}
		if !due.Before(measureFrom) {
			// A request sent late because the last answer came late is
			// timed from when it was due: the server's delay counts for
			// it too. One sent late only because the sleep overran (the
			// load generator's timers, not the server) is timed from
			// when it went out.
			from := due
			if slept {
				from = sent
				r.late = append(r.late, sent.Sub(due))
			}
			r.lat = append(r.lat, done.Sub(from))
			r.last = done
		}
	}
	return r
}

func roundTrip(c net.Conn, br *bufio.Reader, req []byte, get *http.Request) error {
	if _, err := c.Write(req); err != nil {
		return err
	}
	resp, err := http.ReadResponse(br, get)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if resp.Close {
		return errors.New("the server closed the connection")
	}
	return nil
}

func (r *result) print(w io.Writer, rate float64) {
	slices.Sort(r.lat)
	fmt.Fprintf(w, "offered %.0f req/s, achieved %.0f req/s, %d requests measured, %d errors\n",
		rate, float64(len(r.lat))/r.elapsed.Seconds(), len(r.lat), r.errs)
	if r.firstErr != nil {
		fmt.Fprintf(w, "first error: %v\n", r.firstErr)
	}
	if r.unsent > 0 {
		fmt.Fprintf(w, "fell behind: %d requests due were never sent; the latencies below leave them out\n", r.unsent)
	}
	if len(r.lat) == 0 {
		return
	}
	fmt.Fprintf(w, "latency (corrected): p50 %s p90 %s p99 %s p99.9 %s max %s\n",
		ms(pct(r.lat, 50)), ms(pct(r.lat, 90)), ms(pct(r.lat, 99)), ms(pct(r.lat, 99.9)), ms(r.lat[len(r.lat)-1]))
	if len(r.late) > 0 {
		slices.Sort(r.late)
		fmt.Fprintf(w, "timer slop (sends after a sleep, late by): p50 %s p99 %s\n", ms(pct(r.late, 50)), ms(pct(r.late, 99)))
	}
}

// pct is the p-th percentile of sorted d (nearest rank).
func pct(d []time.Duration, p float64) time.Duration {
	i := int(p/100*float64(len(d))+0.5) - 1
	return d[min(max(i, 0), len(d)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }
