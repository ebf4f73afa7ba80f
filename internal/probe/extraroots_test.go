package probe

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"testing"
)

// TestExtraRoots: certificates given as PEM (--ca-file) are trusted beside
// the system's roots or RootCAs, and RootCAs is left as it was.
func TestExtraRoots(t *testing.T) {
	ca := newTestCA(t)
	cert, err := ca.issue(t, certSpec{})
	must(t, err)
	u := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}})
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw})
	other := x509.NewCertPool()
	untrusted := func(o Options) bool {
		t.Helper()
		o.Target, o.Rules = u, []*analysisRule{TLSCertUntrusted}
		for _, f := range runProbe(t, o, nil).Findings {
			if f.Rule == TLSCertUntrusted.ID {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name string
		opts Options
		want bool
	}{
		{"system roots", Options{}, true},
		{"extra roots", Options{ExtraRootsPEM: caPEM}, false},
		{"RootCAs", Options{RootCAs: ca.pool}, false},
		{"other RootCAs", Options{RootCAs: other}, true},
		{"other RootCAs and extra roots", Options{RootCAs: other, ExtraRootsPEM: caPEM}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := untrusted(tt.opts); got != tt.want {
				t.Errorf("untrusted: got %v, want %v", got, tt.want)
			}
		})
	}
	if len(other.Subjects()) != 0 { //nolint:staticcheck // counting, not matching
		t.Error("the extra roots were added to the caller's RootCAs")
	}
}
