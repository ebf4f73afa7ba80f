package guard

import (
	"bytes"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
)

// The fast path's request parser (h1.go serves what it accepts).
//
// It is strict on purpose: it accepts only the plain, unambiguous HTTP/1.1
// requests browsers and API clients send, and answers "not mine" for
// anything else, which then goes to net/http's own parser, exactly as
// every request did before the fast path existed. It never answers an
// error itself, so a malformed request gets net/http's answer (400, 431,
// 501...) whichever path saw it first. What it leaves to net/http:
//
//   - any version but HTTP/1.1; any request target but origin-form
//     ("/path?query", printable ASCII, no fragment, a query the
//     ReverseProxy would not re-encode); methods other than
//     GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS;
//   - a line not ending in CRLF, a bare CR, obs-fold (a header line that
//     starts with a space or tab), a space before the colon, a header name
//     that is not a token, control characters in a value;
//   - Transfer-Encoding in any form (chunked uploads), more than one
//     Content-Length (even equal ones) or one that is not plain digits,
//     no Host or more than one, a Host with characters outside a host
//     name, an IPv6 literal and a port;
//   - hop-by-hop machinery the fast path does not implement: Upgrade
//     (WebSockets), Expect, TE, Trailer, Keep-Alive, Proxy-Connection,
//     Proxy-Authorization, HTTP2-Settings, and a Connection header other
//     than one "keep-alive" or "close";
//   - heads over max_header_bytes or with more than h1MaxFields fields.
//
// Whatever it accepts, net/http's parser accepts too and reads the same
// way (method, target, URL, Host, header map, Content-Length, Close):
// FuzzH1Parse checks this on every input it tries.

// h1MaxFields bounds the header fields of a request on the fast path.
const h1MaxFields = 100

// h1Head is a request head the fast path accepted.
type h1Head struct {
	method string
	target string
	url    *url.URL
	host   string
	header http.Header
	// length is the body's Content-Length (0 when none was sent).
	length int64
	// close is "Connection: close".
	close bool
	// proxied is whether the head has a field h1Forward removes before
	// passing the request on (Connection, Forwarded, X-Forwarded-*).
	proxied bool
	// size is the length of the head, its final empty line included.
	size int
	// vals backs the header's value lists; it, the map and u are reused
	// from one request of a connection to the next.
	vals []string
	u    url.URL
}

// h1Scan is the parser's progress through a head that arrives in pieces:
// the lines before pos are complete and were found acceptable, so a head
// that trickles in is never scanned twice.
type h1Scan struct {
	pos   int
	lines int
}

// h1Result says what the parser made of the bytes so far.
type h1Result int

const (
	h1More     h1Result = iota // acceptable so far; the head is not complete
	h1Accept                   // a complete head the fast path serves
	h1Fallback                 // for net/http
)

// scan checks the complete lines of buf from where it last stopped. It
// reports h1Accept with the head's size when the empty line that ends the
// head arrived, h1Fallback at the first line the fast path does not take,
// and h1More when it needs more bytes. limit bounds the head.
func (s *h1Scan) scan(buf []byte, limit int) (h1Result, int) {
	for {
		i := bytes.IndexByte(buf[s.pos:], '\n')
		if i < 0 {
			if len(buf) >= limit {
				return h1Fallback, 0
			}
			return h1More, 0
		}
		line := buf[s.pos : s.pos+i]
		if s.pos+i+1 > limit {
			return h1Fallback, 0
		}
		s.pos += i + 1
		n := len(line)
		if n == 0 || line[n-1] != '\r' {
			return h1Fallback, 0 // a bare LF
		}
		line = line[:n-1]
		if s.lines == 0 {
			if !requestLineOK(line) {
				return h1Fallback, 0
			}
		} else if len(line) == 0 {
			return h1Accept, s.pos
		} else if s.lines > h1MaxFields || !fieldLineOK(line) {
			return h1Fallback, 0
		}
		s.lines++
	}
}

// h1Methods are the methods the fast path takes.
var h1Methods = [...]string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

// requestLineOK accepts "METHOD SP /target SP HTTP/1.1".
func requestLineOK(line []byte) bool {
	sp := bytes.IndexByte(line, ' ')
	if sp < 0 || h1Method(line[:sp]) == "" {
		return false
	}
	rest := line[sp+1:]
	sp = bytes.IndexByte(rest, ' ')
	if sp < 1 || string(rest[sp+1:]) != "HTTP/1.1" {
		return false
	}
	target := rest[:sp]
	if target[0] != '/' {
		return false
	}
	for _, c := range target {
		if c <= ' ' || c >= 0x7f || c == '#' {
			return false
		}
	}
	return true
}

// h1Method returns the method as a constant string (no allocation), or
// "" for one the fast path does not take.
func h1Method[T string | []byte](b T) string {
	for _, m := range h1Methods {
		if string(b) == m {
			return m
		}
	}
	return ""
}

// fieldLineOK accepts "name: value": a token, a colon right after it, and
// a value of visible characters, spaces, tabs and bytes from 0x80 up.
func fieldLineOK[T string | []byte](line T) bool {
	colon := 0
	for ; colon < len(line) && line[colon] != ':'; colon++ {
		if !isTokenByte(line[colon]) {
			return false // obs-fold starts with a space, not a token
		}
	}
	if colon == 0 || colon == len(line) {
		return false
	}
	return valueOK(line[colon+1:])
}

// valueOK checks a field's value eight bytes at a time: a word with no
// byte below 0x20 and none equal to 0x7f is fine as it is (bytes from
// 0x80 up have their top bit set, which the first test ignores), and
// only a word with one of those (a tab, most often) is looked at byte by
// byte. Values are most of a head's bytes.
func valueOK[T string | []byte](v T) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(v); i += 8 {
		x := uint64(v[i]) | uint64(v[i+1])<<8 | uint64(v[i+2])<<16 | uint64(v[i+3])<<24 |
			uint64(v[i+4])<<32 | uint64(v[i+5])<<40 | uint64(v[i+6])<<48 | uint64(v[i+7])<<56
		del := x ^ 0x7f*ones
		if (x-0x20*ones)&^x&highs|(del-ones)&^del&highs == 0 {
			continue
		}
		for j := i; j < i+8; j++ {
			if !valueBytes[v[j]] {
				return false
			}
		}
	}
	for ; i < len(v); i++ {
		if !valueBytes[v[i]] {
			return false
		}
	}
	return true
}

// valueBytes are the bytes a field's value may have: visible characters,
// spaces, tabs and bytes from 0x80 up.
var valueBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= ' ' && c != 0x7f || c == '\t'
	}
	return t
}()

func isTokenByte(c byte) bool { return tokenBytes[c] }

// fieldNames are the names a parser has put in a head's header map so
// far: a name met for the first time, as most are, is stored without being
// looked up first. Past its room, a name is looked up.
type fieldNames struct {
	n     int
	names [16]string
}

// add adds value to h[name], as Header.Add does for a canonical name,
// and returns vals: the value of a name met for the first time gets a slot
// of vals of its own (capacity one, so that a later append copies).
func (f *fieldNames) add(h http.Header, name, value string, vals []string) []string {
	if f.met(name) {
		if old := h[name]; old != nil {
			h[name] = append(old, value)
			return vals
		}
	}
	vals = append(vals, value)
	h[name] = vals[len(vals)-1 : len(vals) : len(vals)]
	return vals
}

// met reports whether name may be in the map already, and notes it.
func (f *fieldNames) met(name string) bool {
	for _, n := range f.names[:f.n] {
		if n == name {
			return true
		}
	}
	if f.n == len(f.names) {
		return true // no room to tell
	}
	f.names[f.n] = name
	f.n++
	return false
}

// cutLine cuts a head's first line, ended by CRLF, from the rest: it is
// strings.Cut(s, "\r\n") for a line with no other LF (a single byte is
// faster to look for), and ok is false for a line ending in a bare LF,
// which both parsers refuse.
func cutLine(s string) (line, rest string, ok bool) {
	i := strings.IndexByte(s, '\n')
	switch {
	case i < 0:
		return s, "", true
	case i == 0 || s[i-1] != '\r':
		return "", "", false
	}
	return s[:i-1], s[i+1:], true
}

// trimOWS is strings.Trim(v, " \t"), which builds its set of two bytes
// anew at each call, for a field's value.
func trimOWS(v string) string {
	for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
		v = v[1:]
	}
	for len(v) > 0 && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
		v = v[:len(v)-1]
	}
	return v
}

// tokenBytes are RFC 9110's tchar.
var tokenBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", byte(c)) >= 0
	}
	return t
}()

// h1Refused are the fields that send a request to net/http: the fast path
// does not implement what they ask for.
var h1Refused = map[string]bool{
	"Transfer-Encoding":   true,
	"Upgrade":             true,
	"Expect":              true,
	"Te":                  true,
	"Trailer":             true,
	"Keep-Alive":          true,
	"Proxy-Connection":    true,
	"Proxy-Authorization": true,
	"Proxy-Authenticate":  true,
	"Http2-Settings":      true,
}

// parse reads a head scan accepted (head is exactly its bytes) into h,
// reusing h's header map and URL. It returns false for a head whose
// fields the fast path leaves to net/http. strs, when not nil, makes the
// head's string.
func (h *h1Head) parse(head []byte, strs *headStrings) bool {
	// One string for the whole head: the target, names and values are
	// slices of it.
	var s string
	if strs != nil {
		s = strs.make(head)
	} else {
		s = string(head)
	}
	// scan let through no line without its CR, nor a CR elsewhere.
	line, rest, _ := cutLine(s)
	method, line, _ := strings.Cut(line, " ")
	target, _, _ := strings.Cut(line, " ")
	h.method, h.target, h.size = h1Method(method), target, len(head)
	h.host, h.length, h.close, h.proxied = "", 0, false, false
	if h.method == "" {
		return false
	}
	if !parseTarget(target, &h.u) || !queryOK(h.u.RawQuery) {
		return false
	}
	h.url = &h.u
	if h.header == nil {
		h.header = make(http.Header, 16)
	}
	clear(h.header)
	vals := h.vals[:0]
	var names fieldNames
	pragma := false
	hosts, lengths, conns := 0, 0, 0
	for {
		line, rest, _ = cutLine(rest)
		if line == "" {
			break
		}
		colon := strings.IndexByte(line, ':')
		name := line[:colon]
		if !isCanonical(name) {
			name = textproto.CanonicalMIMEHeaderKey(name)
		}
		value := trimOWS(line[colon+1:])
		if h1Refused[name] {
			return false
		}
		switch name {
		case "Host":
			hosts++
			if hosts > 1 || !hostOK(value) {
				return false
			}
			h.host = value
			continue // net/http keeps Host out of the header map too
		case "Content-Length":
			lengths++
			if lengths > 1 || !lengthOK(value) {
				return false
			}
			for i := 0; i < len(value); i++ {
				h.length = h.length*10 + int64(value[i]-'0')
			}
		case "Pragma":
			pragma = true
		case "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto":
			h.proxied = true
		case "Connection":
			h.proxied = true
			conns++
			switch {
			case conns > 1:
				return false
			case strings.EqualFold(value, "close"):
				h.close = true
			case !strings.EqualFold(value, "keep-alive"):
				return false
			}
		}
		vals = names.add(h.header, name, value, vals)
	}
	h.vals = vals
	if hosts != 1 {
		return false
	}
	if pragma {
		fixPragma(h.header)
	}
	return true
}

// parseTarget reads an origin-form target into u as url.ParseRequestURI
// does, without allocating for the common one: a path of characters that
// need no escaping (so Path is the target's and RawPath empty) and a
// query. Anything else is url.ParseRequestURI's.
func parseTarget(target string, u *url.URL) bool {
	p, q, hasQuery := strings.Cut(target, "?")
	plain := strings.HasPrefix(p, "/")
	for i := 0; i < len(p) && plain; i++ {
		plain = pathBytes[p[i]]
	}
	if !plain {
		pu, err := url.ParseRequestURI(target)
		if err != nil {
			return false
		}
		*u = *pu
		return true
	}
	// url.parse: a single '?' at the end is ForceQuery; otherwise the
	// query is everything after the first '?'.
	*u = url.URL{Path: p, RawQuery: q, ForceQuery: hasQuery && q == ""}
	return true
}

// pathBytes are the bytes url.URL keeps unescaped in a path (shouldEscape
// in encodePath mode): letters, digits and "-_.~$&+,/:;=@".
var pathBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~$&+,/:;=@", byte(c)) >= 0
	}
	return t
}()

// fixPragma does what net/http does to requests and answers it reads: it
// takes "Pragma: no-cache" for HTTP/1.0's Cache-Control (RFC 7234,
// section 5.4) and adds the latter, so both paths pass on the same fields.
func fixPragma(h http.Header) {
	if p, ok := h["Pragma"]; ok && len(p) > 0 && p[0] == "no-cache" {
		if _, ok := h["Cache-Control"]; !ok {
			h["Cache-Control"] = []string{"no-cache"}
		}
	}
}

// isCanonical reports whether a header name is already in the form
// textproto.CanonicalMIMEHeaderKey gives it (an upper-case letter first
// and after each hyphen, lower case elsewhere), as clients mostly send
// them; then no new string is needed.
func isCanonical(name string) bool {
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		if upper && 'a' <= c && c <= 'z' || !upper && 'A' <= c && c <= 'Z' {
			return false
		}
		upper = c == '-'
	}
	return true
}

// hostOK accepts a host name, an IPv4 address or a bracketed IPv6
// address, with an optional port: letters, digits, '.', '-', '_', ':',
// '[' and ']'.
func hostOK(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		if !hostBytes[h[i]] {
			return false
		}
	}
	return true
}

var hostBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(".-_:[]", byte(c)) >= 0
	}
	return t
}()

// lengthOK accepts 1 to 18 digits without a leading zero (or "0").
func lengthOK(v string) bool {
	if v == "" || len(v) > 18 || len(v) > 1 && v[0] == '0' {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// queryOK accepts a query the ReverseProxy passes on unchanged: no ';',
// every '%' followed by two hexadecimal digits, at most 1000 parameters
// (it re-encodes the others, cleanQueryParams; net/http leaves those to
// it).
func queryOK(q string) bool {
	if strings.Count(q, "&") >= 1000 {
		return false
	}
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case ';':
			return false
		case '%':
			if i+2 >= len(q) || !isHex(q[i+1]) || !isHex(q[i+2]) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
