package probe

import (
	"context"
	"crypto/x509"
	"encoding/asn1"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
	"time"

	"golang.org/x/crypto/ocsp"
)

// CAA records and certificate transparency concern public names with
// publicly trusted certificates: a loopback or private host has neither.

// publicHost reports whether host is a public name or address, and, when
// it is not, why. A name is resolved: one that points only at loopback or
// private addresses is not public. Tests replace it.
var publicHost = func(ctx context.Context, host string) (bool, string) {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return false, host + " is a loopback name"
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if !publicAddr(a) {
			return false, host + " is a loopback or private address"
		}
		return false, host + " is an address, not a name: CAA records belong to names"
	}
	if !strings.Contains(host, ".") {
		return false, host + " is not a fully qualified name"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return false, fmt.Sprintf("%s could not be resolved (%v)", host, err)
	}
	for _, a := range addrs {
		if publicAddr(a) {
			return true, ""
		}
	}
	return false, host + " resolves only to loopback or private addresses"
}

func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsGlobalUnicast() && !a.IsPrivate() && !a.IsLoopback() && !a.IsLinkLocalUnicast()
}

// publicRoots is the pool a publicly trusted certificate chains to: the
// system's, not --ca-file. Tests replace it.
var publicRoots = func() *x509.CertPool {
	p, err := x509.SystemCertPool()
	if err != nil {
		return nil
	}
	return p
}

// publiclyTrusted reports whether the chain verifies against the system
// roots alone.
func publiclyTrusted(info *tlsInfo, now time.Time) bool {
	roots := publicRoots()
	if roots == nil || len(info.Chain) == 0 {
		return false
	}
	inter := x509.NewCertPool()
	for _, c := range info.Chain[1:] {
		inter.AddCert(c)
	}
	_, err := info.Chain[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now})
	return err == nil
}

var (
	oidSCTList    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
	oidOCSPSCT    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 5}
	oidMustStaple = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 24}
)

// sctSources says where the server's signed certificate timestamps are:
// in the certificate, in the TLS extension, in the stapled OCSP response.
func sctSources(info *tlsInfo) []string {
	var out []string
	if len(info.Chain) > 0 && hasExtension(info.Chain[0], oidSCTList) {
		out = append(out, "certificate")
	}
	if len(info.SCTs) > 0 {
		out = append(out, "TLS extension")
	}
	if r := stapled(info); r != nil {
		for _, e := range r.Extensions {
			if e.Id.Equal(oidOCSPSCT) {
				out = append(out, "OCSP response")
				break
			}
		}
	}
	return out
}

func hasExtension(c *x509.Certificate, oid asn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(oid) {
			return true
		}
	}
	return false
}

// mustStaple reports the TLS feature extension asking for status_request.
func mustStaple(c *x509.Certificate) bool {
	for _, e := range c.Extensions {
		if !e.Id.Equal(oidMustStaple) {
			continue
		}
		var feats []int
		if _, err := asn1.Unmarshal(e.Value, &feats); err == nil {
			for _, f := range feats {
				if f == 5 {
					return true
				}
			}
		}
	}
	return false
}

// stapled parses the stapled OCSP response (nil when none or unreadable).
// The signature is checked against the issuer when the chain has it.
func stapled(info *tlsInfo) *ocsp.Response {
	if len(info.OCSP) == 0 || len(info.Chain) == 0 {
		return nil
	}
	var issuer *x509.Certificate
	if len(info.Chain) > 1 {
		issuer = info.Chain[1]
	}
	r, err := ocsp.ParseResponseForCert(info.OCSP, info.Chain[0], issuer)
	if err != nil {
		if r, err = ocsp.ParseResponse(info.OCSP, nil); err != nil {
			return nil
		}
	}
	return r
}

// lookupCAA asks the resolver for the CAA records of name and, as RFC 8659
// says, of each parent until one has some. It returns the records found
// ("0 issue \"letsencrypt.org\"") and the name that holds them.
func lookupCAA(ctx context.Context, name string) ([]string, string, error) {
	n := strings.TrimSuffix(name, ".")
	for steps := 0; n != "" && steps < 16; steps++ {
		recs, err := queryCAA(ctx, n)
		if err != nil {
			return nil, "", err
		}
		if len(recs) > 0 {
			return recs, n, nil
		}
		i := strings.Index(n, ".")
		if i < 0 || !strings.Contains(n[i+1:], ".") {
			break // not the top-level domain itself
		}
		n = n[i+1:]
	}
	return nil, "", nil
}

// dnsServer is the resolver asked for CAA records: the first nameserver of
// /etc/resolv.conf. Go's resolver has no CAA lookup. Tests replace it.
var dnsServer = func() (string, error) {
	b, err := os.ReadFile("/etc/resolv.conf")
	if err != nil {
		return "", fmt.Errorf("no resolver to ask for CAA records: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "nameserver" {
			return net.JoinHostPort(f[1], "53"), nil
		}
	}
	return "", errors.New("no nameserver in /etc/resolv.conf to ask for CAA records")
}

// queryCAA sends one CAA question over UDP and reads the CAA answers.
func queryCAA(ctx context.Context, name string) ([]string, error) {
	server, err := dnsServer()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "udp", server)
	if err != nil {
		return nil, fmt.Errorf("asking %s for CAA records: %w", server, err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	id := uint16(time.Now().UnixNano())
	q := binary.BigEndian.AppendUint16(nil, id)
	q = append(q, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0) // recursion desired, one question
	for _, label := range strings.Split(name, ".") {
		if len(label) == 0 || len(label) > 63 {
			return nil, fmt.Errorf("%q is not a DNS name", name)
		}
		q = append(q, byte(len(label)))
		q = append(q, label...)
	}
	q = append(q, 0, 1, 1, 0, 1) // type 257 (CAA), class IN
	if _, err := conn.Write(q); err != nil {
		return nil, fmt.Errorf("asking %s for CAA records: %w", server, err)
	}
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return nil, fmt.Errorf("asking %s for CAA records: %w", server, err)
		}
		if n < 12 || binary.BigEndian.Uint16(buf) != id {
			continue // not our answer
		}
		return parseCAA(buf[:n])
	}
}

// parseCAA reads the CAA records of a DNS answer.
func parseCAA(m []byte) ([]string, error) {
	bad := errors.New("malformed DNS answer")
	if len(m) < 12 {
		return nil, bad
	}
	switch rcode := m[3] & 0x0f; rcode {
	case 0, 3: // no error, no such name
	default:
		return nil, fmt.Errorf("the resolver answered with error code %d", rcode)
	}
	qd, an := int(binary.BigEndian.Uint16(m[4:])), int(binary.BigEndian.Uint16(m[6:]))
	off := 12
	skipName := func() bool {
		for steps := 0; off < len(m) && steps < 128; steps++ {
			l := int(m[off])
			switch {
			case l == 0:
				off++
				return true
			case l&0xc0 == 0xc0:
				off += 2
				return off <= len(m)
			}
			off += 1 + l
		}
		return false
	}
	for i := 0; i < qd; i++ {
		if !skipName() || off+4 > len(m) {
			return nil, bad
		}
		off += 4
	}
	var out []string
	for i := 0; i < an; i++ {
		if !skipName() || off+10 > len(m) {
			return nil, bad
		}
		typ := binary.BigEndian.Uint16(m[off:])
		rdlen := int(binary.BigEndian.Uint16(m[off+8:]))
		off += 10
		if off+rdlen > len(m) {
			return nil, bad
		}
		rd := m[off : off+rdlen]
		off += rdlen
		if typ != 257 || len(rd) < 2 || 2+int(rd[1]) > len(rd) {
			continue
		}
		tag := string(rd[2 : 2+int(rd[1])])
		out = append(out, fmt.Sprintf("%d %s %q", rd[0], tag, string(rd[2+int(rd[1]):])))
	}
	return out, nil
}
