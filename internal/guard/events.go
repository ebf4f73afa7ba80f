package guard

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Event kinds. Each is one line of JSON on the events output; the kinds
// that mean an attack or an outage are also alerted on.
const (
	EventBlockedPath   = "blocked_path"    // a never-served path was asked for
	EventBanned        = "banned_request"  // a banned client was refused
	EventBan           = "ban"             // a client was banned
	EventUnban         = "unban"           // a ban was lifted by hand
	EventRateLimited   = "rate_limited"    // 429
	EventNotAllowed    = "not_allowlisted" // 403 from an allowlist
	EventMethod        = "method_refused"  // 405
	EventBodyTooLarge  = "body_too_large"  // 413
	EventLoginFailure  = "login_failure"   // a failed login seen in a response
	EventUpstreamError = "upstream_error"  // 502/504
	EventRedisDown     = "redis_down"      // shared state unreachable
	EventRedisUp       = "redis_up"
	EventReload        = "reload"
	EventUnknownHost   = "unknown_host" // a Host not in hosts
	EventWAF           = "waf_match"    // Core Rule Set rules matched
)

// Event is one security event.
type Event struct {
	Time   time.Time  `json:"time"`
	Kind   string     `json:"event"`
	Client string     `json:"client,omitempty"`
	Route  string     `json:"route,omitempty"`
	Method string     `json:"method,omitempty"`
	Path   string     `json:"path,omitempty"`
	Status int        `json:"status,omitempty"`
	Reason string     `json:"reason,omitempty"`
	Until  *time.Time `json:"until,omitempty"`
	Count  int        `json:"count,omitempty"`
}

// EventSink receives the guard's events. The JSON writer is one; alerts
// and the findings driver are others.
type EventSink interface {
	Event(Event)
}

// jsonEvents writes one JSON object per line. Kinds that can come once
// per request (429s, refusals of a banned client) are written at most
// once a minute per client and kind, with the number left out in Count,
// so a flood cannot fill the disk.
type jsonEvents struct {
	mu     sync.Mutex
	w      io.Writer
	enc    *json.Encoder
	recent map[[2]string]*quiet
}

type quiet struct {
	until   time.Time
	dropped int
}

func newJSONEvents(w io.Writer) *jsonEvents {
	return &jsonEvents{w: w, enc: json.NewEncoder(w), recent: map[[2]string]*quiet{}}
}

func noisy(kind string) bool {
	switch kind {
	case EventRateLimited, EventBanned, EventUnknownHost, EventWAF, EventBlockedPath, EventNotAllowed, EventMethod, EventBodyTooLarge, EventUpstreamError:
		return true
	}
	return false
}

func (j *jsonEvents) Event(e Event) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if noisy(e.Kind) {
		k := [2]string{e.Kind, e.Client}
		if q := j.recent[k]; q != nil && e.Time.Before(q.until) {
			q.dropped++
			return
		} else if q != nil {
			e.Count = q.dropped + 1
		}
		if len(j.recent) > 100000 {
			for k, q := range j.recent {
				if e.Time.After(q.until) {
					delete(j.recent, k)
				}
			}
			if len(j.recent) > 100000 {
				clear(j.recent)
			}
		}
		j.recent[k] = &quiet{until: e.Time.Add(time.Minute)}
	}
	_ = j.enc.Encode(e)
}

type multiSink []EventSink

func (m multiSink) Event(e Event) {
	for _, s := range m {
		s.Event(e)
	}
}

// FuncSink adapts a function to an EventSink.
type FuncSink func(Event)

// Event calls f.
func (f FuncSink) Event(e Event) { f(e) }
