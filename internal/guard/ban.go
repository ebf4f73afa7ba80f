package guard

import (
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Ban is one banned client.
type Ban struct {
	Client string    `json:"client"`
	Until  time.Time `json:"until"`
	// Count is how many times the client has been banned, this one
	// included; each ban lasts Factor times longer than the one before.
	Count  int    `json:"count"`
	Reason string `json:"reason"`
}

// banRecord is what is kept per client: the current ban, if any, and the
// history that makes the next one longer.
type banRecord struct {
	Until  time.Time `json:"until"`
	Count  int       `json:"count"`
	Last   time.Time `json:"last"`
	Reason string    `json:"reason,omitempty"`
	// Local marks a ban made while Redis was unreachable, to be written
	// there when it answers again; other bans mirror Redis.
	Local bool `json:"local,omitempty"`
}

// banStore counts failures and keeps bans, fail2ban style. Bans and their
// counts are written to a file on every change so they survive restarts;
// failure counts are not (a restart forgives half-finished attempts).
type banStore struct {
	mu    sync.Mutex
	bans  map[netip.Prefix]*banRecord
	fails map[netip.Prefix][]time.Time
	file  string
	// maxFails bounds the failure table; clients over it are dropped
	// oldest first when it fills.
	maxFails int
}

const banFile = "bans.json"

func newBanStore(dir string) (*banStore, error) {
	b := &banStore{bans: map[netip.Prefix]*banRecord{}, fails: map[netip.Prefix][]time.Time{}, maxFails: 1 << 18}
	if dir == "" {
		return b, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating state_dir: %w", err)
	}
	b.file = filepath.Join(dir, banFile)
	recs, err := readBanFile(b.file)
	if err != nil {
		return nil, err
	}
	b.bans = recs
	return b, nil
}

func readBanFile(path string) (map[netip.Prefix]*banRecord, error) {
	recs := map[netip.Prefix]*banRecord{}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return recs, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading bans: %w", err)
	}
	var raw map[string]*banRecord
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("reading bans from %s: %w", path, err)
	}
	for k, r := range raw {
		p, err := ParseClientKey(k)
		if err != nil || r == nil {
			continue
		}
		recs[p] = r
	}
	return recs, nil
}

// save writes the bans atomically: a crash leaves the old file or the new.
// The caller holds b.mu.
func (b *banStore) save() error {
	if b.file == "" {
		return nil
	}
	raw := make(map[string]*banRecord, len(b.bans))
	for k, r := range b.bans {
		raw[keyString(k)] = r
	}
	data, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		return err
	}
	tmp := b.file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("saving bans: %w", err)
	}
	if err := os.Rename(tmp, b.file); err != nil {
		return fmt.Errorf("saving bans: %w", err)
	}
	return nil
}

// banned reports whether k is banned at now, and until when.
func (b *banStore) banned(k netip.Prefix, now time.Time) (time.Time, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.bans[k]
	if r == nil || !now.Before(r.Until) {
		return time.Time{}, false
	}
	return r.Until, true
}

// failure records a failure by k and returns the ban it caused, if any.
func (b *banStore) failure(k netip.Prefix, now time.Time, cfg *Bans, reason string) (*Ban, error) {
	if inPrefixes(k.Addr(), cfg.Ignore) {
		return nil, nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if r := b.bans[k]; r != nil && now.Before(r.Until) {
		return nil, nil // already banned (a request in flight when it began)
	}
	cut := now.Add(-cfg.FindTime.D())
	fs := b.fails[k]
	i := 0
	for i < len(fs) && fs[i].Before(cut) {
		i++
	}
	fs = append(fs[i:], now)
	if len(fs) < cfg.MaxRetry {
		if _, ok := b.fails[k]; !ok && len(b.fails) >= b.maxFails {
			b.forgetFailures(cut)
		}
		b.fails[k] = fs
		return nil, nil
	}
	delete(b.fails, k)
	return b.ban(k, now, cfg, reason)
}

// ban bans k now; the caller holds b.mu.
func (b *banStore) ban(k netip.Prefix, now time.Time, cfg *Bans, reason string) (*Ban, error) {
	r := b.bans[k]
	if r == nil {
		r = &banRecord{}
		b.bans[k] = r
	}
	// A client that stayed clean for the longest ban time starts over.
	if !r.Last.IsZero() && now.Sub(r.Last) > cfg.MaxBanTime.D() {
		r.Count = 0
	}
	r.Count++
	r.Last, r.Reason = now, reason
	r.Until = now.Add(banDuration(cfg, r.Count))
	b.prune(now, cfg)
	return &Ban{Client: keyString(k), Until: r.Until, Count: r.Count, Reason: reason}, b.save()
}

// banDuration is bantime × factor^(count-1), at most max_bantime.
func banDuration(cfg *Bans, count int) time.Duration {
	d := float64(cfg.BanTime.D()) * math.Pow(cfg.Factor, float64(count-1))
	if m := float64(cfg.MaxBanTime.D()); m > 0 && d > m {
		d = m
	}
	if d > float64(math.MaxInt64/2) {
		d = float64(math.MaxInt64 / 2)
	}
	return time.Duration(d)
}

// set records a ban decided elsewhere (another replica, through Redis).
func (b *banStore) set(k netip.Prefix, ban Ban) {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.bans[k]
	if r == nil {
		r = &banRecord{}
		b.bans[k] = r
	}
	if ban.Until.After(r.Until) {
		r.Until, r.Reason = ban.Until, ban.Reason
		r.Count = max(r.Count, ban.Count)
		r.Last = time.Now()
		_ = b.save()
	}
}

// markLocal flags k's ban as made without Redis.
func (b *banStore) markLocal(k netip.Prefix) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r := b.bans[k]; r != nil {
		r.Local = true
	}
}

// takeLocal returns the bans made without Redis that are still in force,
// and clears their flag: the caller writes them to Redis.
func (b *banStore) takeLocal(now time.Time) []Ban {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []Ban
	for k, r := range b.bans {
		if r.Local && now.Before(r.Until) {
			r.Local = false
			out = append(out, Ban{Client: keyString(k), Until: r.Until, Count: r.Count, Reason: r.Reason})
		}
	}
	return out
}

// mirror drops the bans that Redis no longer holds (lifted by hand while a
// message was missed), except bans made locally and bans set after the
// listing began.
func (b *banStore) mirror(present map[netip.Prefix]bool, listed time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	changed := false
	for k, r := range b.bans {
		if !present[k] && !r.Local && r.Last.Before(listed) && listed.Before(r.Until) {
			delete(b.bans, k)
			changed = true
		}
	}
	if changed {
		_ = b.save()
	}
}

// unban lifts k's ban and forgets its history; it reports whether there
// was one.
func (b *banStore) unban(k netip.Prefix) (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.bans[k]
	delete(b.bans, k)
	delete(b.fails, k)
	if !ok {
		return false, nil
	}
	return true, b.save()
}

// list returns the bans in force at now, soonest ending first.
func (b *banStore) list(now time.Time) []Ban {
	b.mu.Lock()
	defer b.mu.Unlock()
	return activeBans(b.bans, now)
}

func activeBans(recs map[netip.Prefix]*banRecord, now time.Time) []Ban {
	var out []Ban
	for k, r := range recs {
		if now.Before(r.Until) {
			out = append(out, Ban{Client: keyString(k), Until: r.Until, Count: r.Count, Reason: r.Reason})
		}
	}
	slices.SortFunc(out, func(a, b Ban) int {
		if c := a.Until.Compare(b.Until); c != 0 {
			return c
		}
		return cmpString(a.Client, b.Client)
	})
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// prune forgets records whose ban ended longer ago than max_bantime; the
// caller holds b.mu.
func (b *banStore) prune(now time.Time, cfg *Bans) {
	for k, r := range b.bans {
		if now.Sub(r.Until) > cfg.MaxBanTime.D() && now.Sub(r.Last) > cfg.MaxBanTime.D() {
			delete(b.bans, k)
		}
	}
}

// forgetFailures drops failures older than cut, then, if the table is
// still full, half of it; the caller holds b.mu.
func (b *banStore) forgetFailures(cut time.Time) {
	for k, fs := range b.fails {
		if len(fs) == 0 || fs[len(fs)-1].Before(cut) {
			delete(b.fails, k)
		}
	}
	n := len(b.fails) / 2
	for k := range b.fails {
		if len(b.fails) <= n || len(b.fails) < b.maxFails {
			break
		}
		delete(b.fails, k)
	}
}

// OfflineBans lists the bans in force without a running guard: from
// Redis when the config shares state there, else from state_dir.
func OfflineBans(cfg *Config, now time.Time) ([]Ban, error) {
	if cfg.Redis != "" {
		return redisBans(cfg, now)
	}
	if cfg.StateDir == "" {
		return nil, fmt.Errorf("no guard answers on the metrics listener and the config has no state_dir: bans live only in the running guard")
	}
	recs, err := readBanFile(filepath.Join(cfg.rel(cfg.StateDir), banFile))
	if err != nil {
		return nil, err
	}
	return activeBans(recs, now), nil
}

// OfflineUnban lifts a ban without a running guard (a guard started
// later reads the state without it).
func OfflineUnban(cfg *Config, k netip.Prefix) (bool, error) {
	if cfg.Redis != "" {
		return redisUnban(cfg, k)
	}
	if cfg.StateDir == "" {
		return false, fmt.Errorf("no guard answers on the metrics listener and the config has no state_dir: bans live only in the running guard")
	}
	b, err := newBanStore(cfg.rel(cfg.StateDir))
	if err != nil {
		return false, err
	}
	return b.unban(k)
}
