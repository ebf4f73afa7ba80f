package guard

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// client is who sent a request, as far as the guard can tell.
type client struct {
	// addr is the client's address: the peer, or, when the peer is a
	// trusted proxy, the rightmost untrusted hop of X-Forwarded-For.
	addr netip.Addr
	// key is what limits and bans are kept by: the address for IPv4, its
	// /64 for IPv6 (one host gets a whole /64, so a single address is
	// meaningless to ban).
	key netip.Prefix
	// https is whether the client reached us (or the trusted proxy) over TLS.
	https bool
	// chain is the X-Forwarded-For passed upstream: the hops the guard can
	// vouch for, ending with the client.
	chain string
}

// clientOf works out the client of r. X-Forwarded-For is read from right
// to left: every hop added by a trusted proxy is skipped, and the first
// untrusted one is the client. Hops further left were written by the
// client itself and prove nothing, so the leftmost is never believed.
//
// names, when not nil, remembers the peer and the client's text from one
// request of a connection to the next.
func clientOf(r *http.Request, trusted []Prefix, names *addrNames) client {
	var peer netip.Addr
	if names != nil && names.remote == r.RemoteAddr && names.remote != "" {
		peer = names.peer
	} else {
		peer = peerAddr(r.RemoteAddr)
		if names != nil {
			names.remote, names.peer = r.RemoteAddr, peer
		}
	}
	c := client{addr: peer, https: r.TLS != nil}
	if peer.IsValid() && inPrefixes(peer, trusted) {
		hops := forwardedHops(r.Header.Values("X-Forwarded-For"))
		addr := peer
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(hops[i])
			if err != nil {
				break // a garbled hop: stop at the last good one
			}
			addr = a.Unmap()
			if !inPrefixes(addr, trusted) {
				break
			}
		}
		c.addr = addr
		if p := r.Header.Get("X-Forwarded-Proto"); p != "" {
			c.https = strings.EqualFold(strings.TrimSpace(lastComma(p)), "https")
		}
	}
	c.key = keyOf(c.addr)
	if c.addr.IsValid() {
		if names != nil && names.text != "" && names.addr == c.addr {
			c.chain = names.text
		} else {
			c.chain = c.addr.String()
			if names != nil {
				names.addr, names.text = c.addr, c.chain
			}
		}
	}
	return c
}

// addrNames is what clientOf remembers of a connection: its peer address
// as read from RemoteAddr, and the text of the client address it made
// last.
type addrNames struct {
	remote string
	peer   netip.Addr
	addr   netip.Addr
	text   string
}

func peerAddr(remote string) netip.Addr {
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return ap.Addr().Unmap()
	}
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{} // a Unix socket peer: no address
	}
	return a.Unmap()
}

func forwardedHops(values []string) []string {
	var hops []string
	for _, v := range values {
		for h := range strings.SplitSeq(v, ",") {
			h = strings.TrimSpace(h)
			// "[2001:db8::1]:443" and "192.0.2.1:80" appear in the wild.
			if ap, err := netip.ParseAddrPort(h); err == nil {
				h = ap.Addr().String()
			}
			if h != "" {
				hops = append(hops, h)
			}
		}
	}
	return hops
}

func lastComma(s string) string {
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		return s[i+1:]
	}
	return s
}

// keyOf is the address an IPv4 client is limited by, or the /64 of an
// IPv6 one.
func keyOf(a netip.Addr) netip.Prefix {
	if !a.IsValid() {
		return netip.Prefix{}
	}
	if a.Is4() {
		return netip.PrefixFrom(a, 32)
	}
	p, _ := a.Prefix(64)
	return p
}

// ParseClientKey reads an address or an IPv6 /64 as a ban key, as
// `djsec guard unban ADDR` is given.
func ParseClientKey(s string) (netip.Prefix, error) {
	p, err := parsePrefix(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	if p.Addr().Is6() && p.Bits() > 64 {
		return keyOf(p.Addr()), nil
	}
	if p.Addr().Is4() && p.Bits() != 32 || p.Addr().Is6() && p.Bits() != 64 {
		return netip.Prefix{}, &net.ParseError{Type: "client address (an IPv4 address, or an IPv6 address or /64)", Text: s}
	}
	return p, nil
}

// keyString names a client key in events, the ban list and Redis: the
// IPv4 address alone, the IPv6 /64 as a prefix.
func keyString(p netip.Prefix) string {
	if !p.IsValid() {
		return "-"
	}
	if p.Addr().Is4() {
		return p.Addr().String()
	}
	return p.String()
}
