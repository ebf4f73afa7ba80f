package guard

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"
)

// The fast path's reader of the application's answers. The common answer
// — HTTP/1.1, a final status, a Content-Length or chunked body or none,
// a head that fits the connection's buffer — is read here into a header
// map the client connection reuses; anything else (HTTP/1.0, interim
// answers, Trailer, obs-fold, a second Content-Length, a Transfer-Encoding
// other than chunked, a head larger than the read buffer) is left unread and goes to
// http.ReadResponse, as on the net/http path.

// readResponse reads the answer to req from br: its head into h (which
// it clears) and resp, unless it is left to http.ReadResponse, and its
// body as a reader.
func readResponse(br *bufio.Reader, req *http.Request, x *h1State) (*http.Response, error) {
	// An answer read by http.ReadResponse may have any field.
	x.respSeen = headSeen{hop: hopAll, sec: anySecName}
	// Wait for the head: it usually arrives in one read.
	var head []byte
	for {
		b, _ := br.Peek(br.Buffered())
		if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
			head = b[:i+4]
			break
		}
		if len(b) >= 9 && string(b[:9]) != "HTTP/1.1 " || len(b) >= br.Size() {
			return http.ReadResponse(br, req)
		}
		if _, err := br.Peek(len(b) + 1); err != nil {
			if len(b) == 0 {
				return nil, err
			}
			return http.ReadResponse(br, req) // which says what is wrong
		}
	}
	resp := &x.resp
	seen, ok := parseResponseHead(head, x.respHdr, resp, &x.respVals, &x.respStrs)
	if !ok {
		return http.ReadResponse(br, req)
	}
	x.respSeen = seen
	br.Discard(len(head))
	resp.Request = req
	resp.Body = responseBody(br, req, resp, x)
	return resp, nil
}

// headSeen is what a parser noted of a head's fields: the hop-by-hop
// ones, and the security headers' names, so that those it lacks are not
// looked up.
type headSeen struct {
	hop hopMask
	sec nameMask
	// parsed is whether the answer was read here: then it has no Trailer
	// nor Transfer-Encoding field, and no Connection once the hop-by-hop
	// fields are gone.
	parsed bool
}

// parseResponseHead reads a head the fast path takes, and says which of
// those fields it has; false leaves it to http.ReadResponse. strs, when
// not nil, makes the head's string.
func parseResponseHead(b []byte, h http.Header, resp *http.Response, valsp *[]string, strs *headStrings) (seen headSeen, ok bool) {
	// One string for the head: the fields' names and values are slices of
	// it.
	var s string
	if strs != nil {
		s = strs.make(b)
	} else {
		s = string(b)
	}
	// A bare LF anywhere is refused: http.ReadResponse says what is
	// wrong.
	line, rest, ok := cutLine(s)
	if !ok {
		return seen, false
	}
	// "HTTP/1.1 200 OK"
	if len(line) < 12 || line[:9] != "HTTP/1.1 " || len(line) > 12 && line[12] != ' ' {
		return seen, false
	}
	for i := 12; i < len(line); i++ {
		if c := line[i]; c < ' ' && c != '\t' || c == 0x7f {
			return seen, false // a bare LF or CR, a control character
		}
	}
	code := 0
	for i := 9; i < 12; i++ {
		c := line[i]
		if c < '0' || c > '9' {
			return seen, false
		}
		code = code*10 + int(c-'0')
	}
	if code < 200 || code == http.StatusSwitchingProtocols {
		return seen, false // interim answers: http.ReadResponse
	}
	clear(h)
	vals := (*valsp)[:0]
	var names fieldNames
	pragma := false
	defer func() { *valsp = vals }()
	*resp = http.Response{Status: line[9:], StatusCode: code, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, ContentLength: -1}
	lengths, chunked := 0, false
	for {
		if line, rest, ok = cutLine(rest); !ok {
			return seen, false
		}
		if line == "" {
			break
		}
		colon := strings.IndexByte(line, ':')
		if colon < 1 || !fieldLineOK(line) {
			return seen, false
		}
		name := line[:colon]
		if !isCanonical(name) {
			name = textproto.CanonicalMIMEHeaderKey(name)
		}
		value := trimOWS(line[colon+1:])
		switch name {
		case "Content-Length":
			lengths++
			if lengths > 1 || !lengthOK(value) {
				return seen, false
			}
			resp.ContentLength = 0
			for i := 0; i < len(value); i++ {
				resp.ContentLength = resp.ContentLength*10 + int64(value[i]-'0')
			}
		case "Transfer-Encoding":
			if chunked || !strings.EqualFold(value, "chunked") {
				return seen, false
			}
			chunked = true
			resp.TransferEncoding = []string{"chunked"}
			continue // http.ReadResponse keeps it out of the map too
		case "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Te", "Upgrade":
			seen.hop |= hopBit(name)
		case "Strict-Transport-Security", "Content-Security-Policy", "Content-Security-Policy-Report-Only", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy":
			seen.sec |= secNameBit(name)
		case "Connection":
			seen.hop |= hopBit(name)
			for t := range strings.SplitSeq(value, ",") {
				if strings.EqualFold(strings.TrimSpace(t), "close") {
					resp.Close = true
				}
			}
		case "Pragma":
			pragma = true
		case "Trailer":
			return seen, false
		}
		vals = names.add(h, name, value, vals)
	}
	if chunked {
		if lengths > 0 {
			return seen, false
		}
		resp.ContentLength = -1
	}
	if resp.Close {
		delete(h, "Connection") // as http.ReadResponse does
	}
	if pragma {
		fixPragma(h)
	}
	seen.parsed = true
	return seen, true
}

// responseBody frames the body as net/http does: none for HEAD, 1xx, 204
// and 304; a Content-Length; chunks; or everything up to the close.
func responseBody(br *bufio.Reader, req *http.Request, resp *http.Response, x *h1State) io.ReadCloser {
	switch {
	case !bodyAllowed(resp.StatusCode):
		resp.ContentLength = 0
		return http.NoBody
	case req.Method == "HEAD":
		return http.NoBody
	case resp.TransferEncoding != nil:
		return &chunkedBody{br: br, r: httputil.NewChunkedReader(br)}
	case resp.ContentLength == 0:
		return http.NoBody
	case resp.ContentLength > 0:
		x.fixed = fixedBody{br: br, n: resp.ContentLength}
		return &x.fixed
	default:
		resp.Close = true
		return io.NopCloser(br)
	}
}

// fixedBody is a body of a known length.
type fixedBody struct {
	br *bufio.Reader
	n  int64
}

func (b *fixedBody) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.br.Read(p)
	b.n -= int64(n)
	if err == io.EOF && b.n > 0 {
		err = io.ErrUnexpectedEOF
	}
	if err == nil && b.n == 0 {
		err = io.EOF
	}
	return n, err
}

func (b *fixedBody) Close() error { return nil }

// chunkedBody reads chunks, then the trailer section (dropped: WSGI
// cannot send trailers, and the head announced none).
type chunkedBody struct {
	br   *bufio.Reader
	r    io.Reader
	done bool
}

var errTrailer = errors.New("malformed chunked trailer")

func (b *chunkedBody) Read(p []byte) (int, error) {
	if b.done {
		return 0, io.EOF
	}
	n, err := b.r.Read(p)
	if err == io.EOF {
		// The trailer section: fields, then an empty line.
		for range 64 {
			line, lerr := b.br.ReadSlice('\n')
			if lerr == io.EOF {
				lerr = io.ErrUnexpectedEOF // the answer broke off
			}
			if lerr != nil {
				return n, lerr
			}
			if string(line) == "\r\n" {
				b.done = true
				return n, io.EOF
			}
		}
		return n, errTrailer
	}
	return n, err
}

func (b *chunkedBody) Close() error { return nil }
