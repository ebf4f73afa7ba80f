package guard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Keys in Redis, shared by every replica.
const (
	redisPrefix   = "djsec:guard:"
	redisBan      = redisPrefix + "ban:"      // + client: the ban, expiring with it
	redisBanCount = redisPrefix + "bancount:" // + client: bans so far, for growing ban times
	redisFail     = redisPrefix + "fail:"     // + client: failure times (a sorted set)
	redisLimit    = redisPrefix + "rl:"       // + route + ":" + client: GCRA state (redis_rate)
	redisChannel  = redisPrefix + "bans"      // ban and unban messages
)

// opTimeout bounds one Redis operation inside a request: a Redis that
// does not answer costs a request at most this, and then none at all
// until it answers a ping again.
const opTimeout = 250 * time.Millisecond

// shared keeps limits and bans in Redis, so that several guard processes
// behind one load balancer act as one. Rate limits are GCRA in a Lua
// script (redis_rate), evaluated on Redis' clock. Bans are keys that
// expire with the ban; each new ban is published, and every replica keeps
// the bans in its local store, so checking a ban costs no round trip. A
// replica that starts, or reconnects, reads all current bans.
type shared struct {
	g       *Guard
	rdb     *redis.Client
	limiter *redis_rate.Limiter
	policy  string
	up      atomic.Bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

type banMessage struct {
	Client string    `json:"client"`
	Until  time.Time `json:"until,omitzero"`
	Count  int       `json:"count,omitempty"`
	Reason string    `json:"reason,omitempty"`
	Unban  bool      `json:"unban,omitempty"`
}

func redisClient(url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout, opt.PoolTimeout = opTimeout, opTimeout, opTimeout, opTimeout
	opt.MaxRetries = -1 // fail fast: the policy decides, not a retry loop
	return redis.NewClient(opt), nil
}

// quietRedis drops go-redis' own log lines (a failed dial on every
// attempt while Redis is down); the guard reports the outage once, as an
// event, and counts the errors.
type quietRedis struct{}

func (quietRedis) Printf(context.Context, string, ...any) {}

func newShared(g *Guard, cfg *Config) (*shared, error) {
	redis.SetLogger(quietRedis{})
	rdb, err := redisClient(cfg.Redis)
	if err != nil {
		return nil, err
	}
	s := &shared{g: g, rdb: rdb, limiter: redis_rate.NewLimiter(rdb), policy: cfg.RedisFailure}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	// Start as if up; the first failure, or the first ping, says otherwise.
	s.up.Store(true)
	if err := s.sync(ctx); err != nil {
		s.down(err)
	}
	s.wg.Add(2)
	go s.subscribe(ctx)
	go s.watch(ctx)
	return s, nil
}

func (s *shared) close() {
	s.cancel()
	s.wg.Wait()
	s.rdb.Close()
}

func (s *shared) healthy() bool { return s.up.Load() }

func (s *shared) down(err error) {
	s.g.metrics.redisErrors.Add(1)
	if s.up.CompareAndSwap(true, false) {
		s.g.emit(Event{Kind: EventRedisDown, Reason: fmt.Sprintf("%v (policy %q)", err, s.policy)})
	}
}

// watch pings Redis while it is down, and resynchronises the bans every
// 30 seconds while it is up (a missed message is then short-lived).
func (s *shared) watch(ctx context.Context) {
	defer s.wg.Done()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if s.up.Load() && time.Since(last) < 30*time.Second {
			continue
		}
		last = time.Now()
		if err := s.sync(ctx); err != nil {
			if ctx.Err() == nil {
				s.down(err)
			}
			continue
		}
		if s.up.CompareAndSwap(false, true) {
			s.pushLocal(ctx)
			s.g.emit(Event{Kind: EventRedisUp})
		}
	}
}

// sync copies every ban in Redis into the local store.
func (s *shared) sync(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	listed := time.Now()
	present := map[netip.Prefix]bool{}
	var cursor uint64
	for {
		keys, next, err := s.rdb.Scan(ctx, cursor, redisBan+"*", 500).Result()
		if err != nil {
			return err
		}
		if len(keys) > 0 {
			vals, err := s.rdb.MGet(ctx, keys...).Result()
			if err != nil {
				return err
			}
			for _, v := range vals {
				if str, ok := v.(string); ok {
					if k, ok := s.apply(str); ok {
						present[k] = true
					}
				}
			}
		}
		if cursor = next; cursor == 0 {
			s.g.bans.mirror(present, listed)
			return nil
		}
	}
}

func (s *shared) apply(msg string) (netip.Prefix, bool) {
	var m banMessage
	if json.Unmarshal([]byte(msg), &m) != nil {
		return netip.Prefix{}, false
	}
	k, err := ParseClientKey(m.Client)
	if err != nil {
		return netip.Prefix{}, false
	}
	if m.Unban {
		_, _ = s.g.bans.unban(k)
		return k, false
	}
	s.g.bans.set(k, Ban{Client: m.Client, Until: m.Until, Count: m.Count, Reason: m.Reason})
	return k, true
}

// pushLocal writes to Redis the bans made while it was unreachable.
func (s *shared) pushLocal(ctx context.Context) {
	for _, b := range s.g.bans.takeLocal(time.Now()) {
		msg, _ := json.Marshal(banMessage{Client: b.Client, Until: b.Until, Count: b.Count, Reason: b.Reason})
		if d := time.Until(b.Until); d > 0 {
			s.rdb.Set(ctx, redisBan+b.Client, msg, d)
			s.rdb.Publish(ctx, redisChannel, msg)
		}
	}
}

func (s *shared) subscribe(ctx context.Context) {
	defer s.wg.Done()
	for ctx.Err() == nil {
		ps := s.rdb.Subscribe(ctx, redisChannel)
		// The channel below ends only when the subscription closes.
		stop := context.AfterFunc(ctx, func() { ps.Close() })
		if _, err := ps.Receive(ctx); err != nil {
			stop()
			ps.Close()
			sleepCtx(ctx, time.Second)
			continue
		}
		// Bans made while we were not listening.
		if err := s.sync(ctx); err != nil && ctx.Err() == nil {
			s.down(err)
		}
		ch := ps.Channel(redis.WithChannelHealthCheckInterval(5 * time.Second))
		for m := range ch {
			s.apply(m.Payload)
		}
		stop()
		ps.Close()
		sleepCtx(ctx, time.Second)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// take applies a route's rate limit through Redis. While Redis is down,
// the policy decides: "local" keeps the limit in this process, "open"
// lets the request through, "closed" refuses it (ok false).
func (s *shared) take(ctx context.Context, rt *Route, k netip.Prefix, now time.Time, delay int) (decision, bool) {
	if s.up.Load() {
		ctx, cancel := context.WithTimeout(ctx, opTimeout)
		defer cancel()
		lim := redis_rate.Limit{Rate: 1, Period: rt.Rate.Per, Burst: rt.Burst + 1}
		res, err := s.limiter.Allow(ctx, redisLimit+rt.Name+":"+keyString(k), lim)
		if err == nil {
			if res.Allowed == 0 {
				return decision{retry: res.RetryAfter}, true
			}
			d := decision{allow: true}
			// ResetAfter is the backlog after this request: nginx's excess
			// for it is one interval less.
			if excess := res.ResetAfter - rt.Rate.Per; excess > time.Duration(delay)*rt.Rate.Per {
				d.wait = excess - time.Duration(delay)*rt.Rate.Per
			}
			return d, true
		}
		if ctx.Err() != nil && !errors.Is(err, context.DeadlineExceeded) {
			return decision{}, true // the client went away
		}
		s.down(err)
	}
	switch s.policy {
	case "open":
		return decision{allow: true}, true
	case "closed":
		return decision{}, false
	}
	return s.g.limiter.take(makeLimitKey(rt.id, k), now, rt.Rate.Per, rt.Burst, delay), true
}

// failureScript adds a failure to a client's sliding window and returns
// how many it holds; at maxretry it empties the window, so that of two
// replicas counting the same client's failures only one bans it.
var failureScript = redis.NewScript(`
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local maxretry = tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", key, "-inf", now - window)
redis.call("ZADD", key, now, ARGV[4])
local n = redis.call("ZCARD", key)
if n >= maxretry then
  redis.call("DEL", key)
  return n
end
redis.call("PEXPIRE", key, window)
return n
`)

var failureSeq atomic.Int64

// failure counts a failure in Redis; while Redis is down, in this process
// (every policy: a ban is never the thing to give up on).
func (s *shared) failure(k netip.Prefix, now time.Time, cfg *Bans, reason string) (*Ban, error) {
	if inPrefixes(k.Addr(), cfg.Ignore) {
		return nil, nil
	}
	if !s.up.Load() {
		return s.localFailure(k, now, cfg, reason)
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	client := keyString(k)
	member := fmt.Sprintf("%d-%d", now.UnixNano(), failureSeq.Add(1))
	n, err := failureScript.Run(ctx, s.rdb, []string{redisFail + client}, now.UnixMilli(), cfg.FindTime.D().Milliseconds(), cfg.MaxRetry, member).Int()
	if err != nil {
		s.down(err)
		return s.localFailure(k, now, cfg, reason)
	}
	if n < cfg.MaxRetry {
		return nil, nil
	}
	count, err := s.rdb.Incr(ctx, redisBanCount+client).Result()
	if err != nil {
		s.down(err)
		return s.localFailure(k, now, cfg, reason)
	}
	d := banDuration(cfg, int(count))
	// The count is forgotten once the client has stayed clean as long as
	// the longest ban.
	s.rdb.PExpire(ctx, redisBanCount+client, d+cfg.MaxBanTime.D())
	ban := &Ban{Client: client, Until: now.Add(d), Count: int(count), Reason: reason}
	msg, _ := json.Marshal(banMessage{Client: client, Until: ban.Until, Count: ban.Count, Reason: reason})
	if err := s.rdb.Set(ctx, redisBan+client, msg, d).Err(); err != nil {
		s.down(err)
	}
	s.rdb.Publish(ctx, redisChannel, msg)
	s.g.bans.set(k, *ban)
	return ban, nil
}

func (s *shared) localFailure(k netip.Prefix, now time.Time, cfg *Bans, reason string) (*Ban, error) {
	ban, err := s.g.bans.failure(k, now, cfg, reason)
	if ban != nil {
		s.g.bans.markLocal(k)
	}
	return ban, err
}

func (s *shared) unban(k netip.Prefix) (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return redisUnbanWith(ctx, s.rdb, k)
}

func redisUnbanWith(ctx context.Context, rdb *redis.Client, k netip.Prefix) (bool, error) {
	client := keyString(k)
	n, err := rdb.Del(ctx, redisBan+client, redisBanCount+client, redisFail+client).Result()
	if err != nil {
		return false, fmt.Errorf("redis: %w", err)
	}
	msg, _ := json.Marshal(banMessage{Client: client, Unban: true})
	if err := rdb.Publish(ctx, redisChannel, msg).Err(); err != nil {
		return false, fmt.Errorf("redis: %w", err)
	}
	return n > 0, nil
}

// redisBans lists the bans in Redis, for `djsec guard bans` with no guard
// answering.
func redisBans(cfg *Config, now time.Time) ([]Ban, error) {
	rdb, err := redisClient(cfg.Redis)
	if err != nil {
		return nil, err
	}
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var out []Ban
	iter := rdb.Scan(ctx, 0, redisBan+"*", 500).Iterator()
	for iter.Next(ctx) {
		v, err := rdb.Get(ctx, iter.Val()).Result()
		if err != nil {
			continue
		}
		var m banMessage
		if json.Unmarshal([]byte(v), &m) == nil && now.Before(m.Until) {
			out = append(out, Ban{Client: m.Client, Until: m.Until, Count: m.Count, Reason: m.Reason})
		}
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	recs := map[netip.Prefix]*banRecord{}
	for _, b := range out {
		if k, err := ParseClientKey(b.Client); err == nil {
			recs[k] = &banRecord{Until: b.Until, Count: b.Count, Reason: b.Reason}
		}
	}
	return activeBans(recs, now), nil
}

func redisUnban(cfg *Config, k netip.Prefix) (bool, error) {
	rdb, err := redisClient(cfg.Redis)
	if err != nil {
		return false, err
	}
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return redisUnbanWith(ctx, rdb, k)
}
