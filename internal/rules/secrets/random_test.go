package secrets

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRandomKeysAreFound generates keys of each format from the alphabet
// their issuer uses and checks that every one is reported: a placeholder
// check that matches a random key by chance loses real secrets.
func TestRandomKeysAreFound(t *testing.T) {
	const (
		upper  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		lower  = "abcdefghijklmnopqrstuvwxyz"
		digits = "0123456789"
		alnum  = upper + lower + digits
		django = lower + digits + "!@#$%^&*(-_=+)"
	)
	r := rand.New(rand.NewPCG(1, 1))
	rnd := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	e, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file string
		line       func() string
	}{
		{"aws-access-key-id", "settings.py", func() string { return `KEY = "AKIA` + rnd(upper+"234567", 16) + `"` }},
		{"aws-secret-access-key", ".env", func() string { return `AWS_SECRET_ACCESS_KEY=` + rnd(alnum+"+/", 40) }},
		{"github-pat", "ci.yml", func() string { return `token: ghp_` + rnd(alnum, 36) }},
		{"stripe-secret-key", "settings.py", func() string { return `STRIPE = "sk_live_` + rnd(alnum, 24) + `"` }},
		{"django-insecure-key", "settings.js", func() string {
			return `const k = "django-insecure-` + rnd(strings.ReplaceAll(django, "\"", ""), 50) + `";`
		}},
		{"django-secret-key", "settings.py", func() string { return `SECRET_KEY = '` + rnd(strings.ReplaceAll(django, "'", ""), 50) + `'` }},
		{"django-secret-key", ".env", func() string { return `DJANGO_SECRET_KEY=` + rnd(django, 50) }},
		// Generic values need a digit or a symbol among their letters:
		// without, "HfewPqhpPkezRyum" reads as an identifier.
		{"generic-password", "Dockerfile", func() string { return `ENV ADMIN_PASSWORD=` + rnd(alnum+"!#^*-_", 14) + "7!" }},
		{"generic-secret", "settings.py", func() string { return `PAYMENT_API_KEY = "` + rnd(alnum, 32) + `"` }},
		{"generic-password", ".env", func() string { return `DB_PASSWORD=` + rnd(alnum, 14) + "4x" }},
		{"connection-uri-password", ".env", func() string {
			return `DATABASE_URL=postgres://shop:` + rnd(alnum, 16) + `@db.example.com/shop`
		}},
	}
	for _, tc := range cases {
		missed := 0
		for range 2000 {
			line := tc.line()
			hits := e.scan(tc.file, []byte(line+"\n"))
			if len(hits) != 1 || hits[0].det.ID != tc.name {
				if missed++; missed <= 3 {
					t.Errorf("%s: %s: got %d hits, want one", tc.name, line, len(hits))
				}
			}
		}
		if missed > 0 {
			t.Errorf("%s: missed %d of 2000 random keys", tc.name, missed)
		}
	}
}
