package guard

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The config's value types implement encoding.TextUnmarshaler, so a bad
// value is reported by the TOML decoder with the line it sits on.

// Duration is a time.Duration written as "30s", "10m", "2h" or "7d".
type Duration time.Duration

// UnmarshalText parses a duration; "d" (days) is accepted beside Go's units.
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.ParseFloat(n, 64)
		if err != nil || days < 0 {
			return fmt.Errorf("bad duration %q (write 30s, 10m, 2h or 7d)", s)
		}
		*d = Duration(days * float64(24*time.Hour))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("bad duration %q (write 30s, 10m, 2h or 7d)", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration back in Go's notation.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// Size is a byte count written as nginx writes it: "512", "64k", "10m",
// "1g" (also "10MB", "64KiB").
type Size int64

// UnmarshalText parses a size.
func (z *Size) UnmarshalText(b []byte) error {
	s := strings.ToLower(strings.TrimSpace(string(b)))
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if n, ok := strings.CutSuffix(s, u.suf); ok {
			s, mult = strings.TrimSpace(n), u.m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return fmt.Errorf("bad size %q (write 512, 64k, 10m or 1g)", string(b))
	}
	*z = Size(n * mult)
	return nil
}

// Rate is a request rate written as nginx writes it: "10r/s" or "30r/m".
type Rate struct {
	// Per is the interval between two requests at the rate (the GCRA
	// emission interval); zero means no limit.
	Per  time.Duration
	text string
}

// UnmarshalText parses a rate.
func (r *Rate) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	num, unit, ok := strings.Cut(s, "r/")
	n, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || n <= 0 {
		return fmt.Errorf("bad rate %q (write 10r/s or 30r/m)", s)
	}
	var per time.Duration
	switch unit {
	case "s":
		per = time.Second
	case "m":
		per = time.Minute
	case "h":
		per = time.Hour
	default:
		return fmt.Errorf("bad rate %q (write 10r/s, 30r/m or 100r/h)", s)
	}
	r.Per = time.Duration(float64(per) / n)
	if r.Per <= 0 {
		return fmt.Errorf("rate %q is too high", s)
	}
	r.text = s
	return nil
}

// String is the rate as written.
func (r Rate) String() string { return r.text }

// Prefix is an address range written in CIDR notation, or a single address.
type Prefix struct{ netip.Prefix }

// UnmarshalText parses a CIDR or an address.
func (p *Prefix) UnmarshalText(b []byte) error {
	v, err := parsePrefix(string(b))
	if err != nil {
		return err
	}
	p.Prefix = v
	return nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("bad address range %q (write 10.0.0.0/8 or 2001:db8::/32)", s)
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("bad address %q (write 192.0.2.7 or a range like 10.0.0.0/8)", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// Pattern is a regular expression matched against the request path.
type Pattern struct{ *regexp.Regexp }

// UnmarshalText compiles the expression.
func (p *Pattern) UnmarshalText(b []byte) error {
	re, err := regexp.Compile(string(b))
	if err != nil {
		return fmt.Errorf("bad pattern %q: %v", string(b), err)
	}
	p.Regexp = re
	return nil
}

func inPrefixes(a netip.Addr, ps []Prefix) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
