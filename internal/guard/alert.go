package guard

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// alert is one element of Alertmanager's v2 POST /api/v2/alerts body.
type alert struct {
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL,omitempty"`
}

// alerter turns events into Alertmanager alerts: a ban, the upstream
// failing repeatedly, Redis unreachable. The same alert (same labels) is
// sent at most once per dedupe window; sending is asynchronous, through a
// bounded queue, and retried with exponential backoff a bounded number of
// times, so a down Alertmanager never slows requests.
type alerter struct {
	cfg    Alerts
	url    string
	client *http.Client
	log    io.Writer
	queue  chan alert
	window time.Duration
	tries  int
	base   time.Duration

	mu       sync.Mutex
	sent     map[string]time.Time
	upErrors []time.Time
	wafHits  []time.Time

	Sent, Failed, Dropped atomic.Int64
}

func newAlerter(cfg Alerts, log io.Writer) *alerter {
	a := &alerter{
		cfg:    cfg,
		url:    strings.TrimSuffix(cfg.Alertmanager, "/") + "/api/v2/alerts",
		client: &http.Client{Timeout: 5 * time.Second},
		log:    log,
		queue:  make(chan alert, 256),
		window: 5 * time.Minute,
		tries:  5,
		base:   500 * time.Millisecond,
		sent:   map[string]time.Time{},
	}
	go a.loop()
	return a
}

func (a *alerter) Event(e Event) {
	now := e.Time
	switch e.Kind {
	case EventBan:
		if !a.cfg.Bans {
			return
		}
		until := now.Add(time.Hour)
		if e.Until != nil {
			until = *e.Until
		}
		a.raise("DjsecGuardClientBanned", map[string]string{"client": e.Client, "severity": "warning"},
			fmt.Sprintf("%s banned until %s", e.Client, until.Format(time.RFC3339)),
			fmt.Sprintf("%s (ban number %d)", e.Reason, e.Count), now, until)
	case EventUpstreamError:
		if !a.cfg.UpstreamDown {
			return
		}
		// Five failures within 30 seconds: the application is down, not
		// one request unlucky.
		a.mu.Lock()
		a.upErrors = recent(a.upErrors, now, 30*time.Second)
		n := len(a.upErrors)
		a.mu.Unlock()
		if n >= 5 {
			a.raise("DjsecGuardUpstreamDown", map[string]string{"severity": "critical"},
				"the application behind djsec guard is failing", e.Reason, now, now.Add(5*time.Minute))
		}
	case EventWAF:
		// Twenty requests matching WAF rules within a minute: an attack
		// under way, or a rule to exclude.
		a.mu.Lock()
		a.wafHits = recent(a.wafHits, now, time.Minute)
		n := len(a.wafHits)
		a.mu.Unlock()
		if n >= 20 {
			a.raise("DjsecGuardWAFBurst", map[string]string{"severity": "warning"},
				fmt.Sprintf("%d requests matched WAF rules within a minute", n), "last: "+e.Client+" "+e.Path+": "+e.Reason, now, now.Add(10*time.Minute))
		}
	case EventRedisDown:
		a.raise("DjsecGuardRedisDown", map[string]string{"severity": "critical"},
			"djsec guard cannot reach Redis", e.Reason, now, now.Add(5*time.Minute))
	}
}

func (a *alerter) raise(name string, labels map[string]string, summary, desc string, start, end time.Time) {
	l := map[string]string{"alertname": name, "service": "djsec-guard"}
	maps.Copy(l, a.cfg.Labels)
	maps.Copy(l, labels)
	key := fmt.Sprint(l)
	a.mu.Lock()
	if t, ok := a.sent[key]; ok && start.Sub(t) < a.window {
		a.mu.Unlock()
		return
	}
	a.sent[key] = start
	if len(a.sent) > 10000 {
		for k, t := range a.sent {
			if start.Sub(t) >= a.window {
				delete(a.sent, k)
			}
		}
	}
	a.mu.Unlock()
	select {
	case a.queue <- alert{Labels: l, Annotations: map[string]string{"summary": summary, "description": desc}, StartsAt: start, EndsAt: end}:
	default:
		a.Dropped.Add(1)
	}
}

func (a *alerter) loop() {
	for al := range a.queue {
		a.send(al)
	}
}

func (a *alerter) send(al alert) {
	body, _ := json.Marshal([]alert{al})
	delay := a.base
	for try := 1; ; try++ {
		err := a.post(body)
		if err == nil {
			a.Sent.Add(1)
			return
		}
		if try >= a.tries {
			a.Failed.Add(1)
			fmt.Fprintf(a.log, "djsec guard: alert %s not delivered after %d tries: %v\n", al.Labels["alertname"], try, err)
			return
		}
		time.Sleep(delay)
		delay = min(delay*2, 30*time.Second)
	}
}

func (a *alerter) post(body []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("alertmanager answered %s", resp.Status)
	}
	return nil
}

// recent keeps the times within window of now, and adds now.
func recent(ts []time.Time, now time.Time, window time.Duration) []time.Time {
	cut := now.Add(-window)
	kept := ts[:0]
	for _, t := range ts {
		if t.After(cut) {
			kept = append(kept, t)
		}
	}
	return append(kept, now)
}
