package project

import "strings"

// NameWords splits a file, folder or module name into the words that
// separators join in it: "docker.dev.env" and ".env_dev" give dev among
// their words, "github_mock" gives mock. Names say what a file is for by
// such a word, wherever it stands.
func NameWords(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
}

// HasNameWord reports whether one of name's words (NameWords) is one of
// words. The comparison is exact: "devices" has no word "dev".
func HasNameWord(name string, words ...string) bool {
	for _, w := range NameWords(name) {
		for _, x := range words {
			if w == x {
				return true
			}
		}
	}
	return false
}

// DotenvName reports a name an environment file may have: .env,
// .env.test, .env_dev, docker.env. Whether it is a template (.env.example)
// is for the caller to decide.
func DotenvName(name string) bool {
	return strings.HasPrefix(name, ".env") || strings.HasSuffix(name, ".env")
}

// NamedForDevelopment reports a name with a word for development or
// tests (dev, local, test, ...), in any case: docker-compose.local.yml,
// shop-dev, APP_ENV's value "development". The comparison is by word, as
// HasNameWord's: "devices" and "localities" are not.
func NamedForDevelopment(name string) bool {
	return HasNameWord(strings.ToLower(name), "dev", "devel", "development", "local", "test", "testing")
}

// ReservedHost reports a host name under a top-level domain that RFC 6761
// reserves for testing and local names (.test, .localhost, .invalid,
// .example), or under .local, which RFC 6762 leaves to a machine's own
// network: no public deployment answers to one.
func ReservedHost(h string) bool {
	h = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(h), "."))
	for _, tld := range []string{".test", ".localhost", ".invalid", ".example", ".local"} {
		if strings.HasSuffix(h, tld) {
			return true
		}
	}
	return false
}

// ExampleHost reports a host name no server answers to: one under a
// reserved top-level domain (ReservedHost) or one of the domains RFC
// 2606 keeps for documentation (example.com, db.example.org), the host of
// a placeholder URL that shows the format a setting takes.
func ExampleHost(h string) bool {
	if ReservedHost(h) {
		return true
	}
	h = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(h), "."))
	for _, d := range []string{"example.com", "example.net", "example.org"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}
