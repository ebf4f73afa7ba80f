package tlsraw

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/testenv"
)

// TestFakeServersAgainstTestssl runs testssl.sh on the deliberately
// vulnerable servers, for the checks it makes with its own sockets
// (Heartbleed, renegotiation and TLS_FALLBACK_SCSV go through `openssl
// s_client` first, which cannot finish a handshake with a fake server),
// and wants its verdicts to be djsec's.
func TestFakeServersAgainstTestssl(t *testing.T) {
	if testing.Short() || os.Getenv("DJSEC_TESTSSL") == "" {
		t.Skip("testssl.sh comparison is long: DJSEC_TESTSSL=1 runs it")
	}
	testssl, err := exec.LookPath("testssl")
	if err != nil {
		testenv.Missing(t, "testssl", "apt-get install testssl.sh")
	}
	checks := []struct {
		key, id, flag string
		fn            func(*Scanner, context.Context) Result
	}{
		{"ccs", "CCS", "-I", (*Scanner).CCSInjection},
		{"crime", "CRIME_TLS", "-C", (*Scanner).CRIME},
		{"poodle", "POODLE_SSL", "-O", (*Scanner).POODLE},
		{"sweet32", "SWEET32", "-W", (*Scanner).SWEET32},
		{"freak", "FREAK", "-F", (*Scanner).FREAK},
		{"logjam", "LOGJAM", "-J", (*Scanner).LOGJAM},
		{"beast", "BEAST", "-A", (*Scanner).BEAST},
		{"null", "cipherlist_NULL", "-s", (*Scanner).NULLCiphers},
		{"anon", "cipherlist_aNULL", "-s", (*Scanner).AnonCiphers},
		{"low", "cipherlist_LOW", "-s", (*Scanner).LOWCiphers},
	}
	servers := []struct {
		name string
		srv  *fake
	}{
		{"modern", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite}},
		{"sslv3-cbc", &fake{versions: []uint16{VersionSSL30, VersionTLS10, VersionTLS12}}},
		// testssl.sh's CCS hello offers only CBC, RC4 and NULL suites.
		{"early-ccs", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0xC013 || modernSuite(id) }, earlyCCS: true}},
		{"compression", &fake{versions: []uint16{VersionTLS12}, accept: modernSuite, compression: true}},
		{"null-ciphers", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return IsNull(id) && !IsAnon(id) || modernSuite(id) }}},
		{"anon-ciphers", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return IsAnon(id) && !IsNull(id) && !IsBlock64(id) || modernSuite(id) }}},
		{"des-only-legacy", &fake{versions: []uint16{VersionTLS12}, accept: func(id uint16) bool { return id == 0x0009 || modernSuite(id) }}},
	}
	var table strings.Builder
	for _, sv := range servers {
		addr := sv.srv.start(t)
		jsonFile := filepath.Join(t.TempDir(), "out.json")
		args := []string{"--quiet", "--color", "0", "--warnings", "off", "--jsonfile", jsonFile}
		for _, c := range checks {
			if !slices.Contains(args, c.flag) {
				args = append(args, c.flag)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
		out, err := exec.CommandContext(ctx, testssl, append(args, "https://"+addr)...).CombinedOutput()
		cancel()
		b, rerr := os.ReadFile(jsonFile)
		if rerr != nil {
			t.Fatalf("testssl on %s: %v: %s", sv.name, err, out)
		}
		var entries []struct{ ID, Severity string }
		if err := json.Unmarshal(b, &entries); err != nil {
			t.Fatal(err)
		}
		s := scanner(addr)
		row := "| " + sv.name + " |"
		for _, c := range checks {
			ts := "not tested"
			for _, e := range entries {
				if e.ID != c.id {
					continue
				}
				switch e.Severity {
				case "OK", "INFO":
					ts = "not vulnerable"
				case "LOW", "MEDIUM", "HIGH", "CRITICAL":
					ts = "vulnerable"
				}
				break
			}
			d := c.fn(s, context.Background())
			if d.Verdict.String() != ts {
				t.Errorf("%s on %s: djsec says %s (%s), testssl.sh says %s", c.key, sv.name, d.Verdict, d.Detail, ts)
			}
			row += " " + d.Verdict.String() + " / " + ts + " |"
		}
		table.WriteString(row + "\n")
	}
	t.Logf("djsec / testssl.sh on the fake servers (CCS, CRIME, POODLE, SWEET32, FREAK, LOGJAM, BEAST, NULL, aNULL, LOW):\n%s", table.String())
}
