package guard

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAdminToken(t *testing.T) {
	dir := t.TempDir()
	tok := "s3cret-admin-token-0123456789"
	if err := os.WriteFile(filepath.Join(dir, "admin.token"), []byte(tok+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	g := startGuard(t, fmt.Sprintf("[metrics]\nlisten = \"127.0.0.1:0\"\ntoken_file = %q\n", filepath.Join(dir, "admin.token")))
	for _, tc := range []struct {
		auth string
		want int
	}{{"", 401}, {"Bearer wrong-token-0123456789", 401}, {"Basic " + tok, 401}, {"Bearer " + tok, 200}} {
		for _, path := range []string{"/metrics", "/bans"} {
			req, _ := http.NewRequest("GET", g.admin+path, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			if resp, _ := do(t, req); resp.StatusCode != tc.want {
				t.Errorf("GET %s with %q: %d, want %d", path, tc.auth, resp.StatusCode, tc.want)
			}
		}
	}
	req, _ := http.NewRequest("DELETE", g.admin+"/bans/203.0.113.7", nil)
	if resp, _ := do(t, req); resp.StatusCode != 401 {
		t.Errorf("DELETE without the token: %d, want 401", resp.StatusCode)
	}
	// A token that is missing or too short is a config error.
	for _, src := range []string{"[metrics]\ntoken_file = \"nowhere.token\"\n", "[metrics]\ntoken_env = \"DJSEC_TEST_UNSET_TOKEN\"\n"} {
		cfg, err := ParseConfig(filepath.Join(dir, "g.toml"), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := Prepare(cfg); err == nil || !strings.Contains(err.Error(), "g.toml:2") {
			t.Errorf("%q: %v, want an error at g.toml:2", src, err)
		}
	}
}
