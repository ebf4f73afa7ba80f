package guard

import (
	"context"
	"errors"
	"net/netip"
	"time"
)

// shared keeps limits and bans in Redis, for several replicas.
type shared struct{}

func newShared(g *Guard, cfg *Config) (*shared, error) {
	return nil, errors.New("redis is not supported yet")
}

func (s *shared) take(ctx context.Context, rt *Route, k netip.Prefix, now time.Time, delay int) (decision, bool) {
	return decision{allow: true}, true
}

func (s *shared) failure(k netip.Prefix, now time.Time, cfg *Bans, reason string) (*Ban, error) {
	return nil, nil
}

func (s *shared) unban(k netip.Prefix) (bool, error) { return false, nil }

func (s *shared) healthy() bool { return true }

func (s *shared) close() {}

func redisBans(cfg *Config, now time.Time) ([]Ban, error) { return nil, errors.New("todo") }

func redisUnban(cfg *Config, k netip.Prefix) (bool, error) { return false, errors.New("todo") }
