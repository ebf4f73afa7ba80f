package project

import "testing"

func TestHasNameWord(t *testing.T) {
	for _, c := range []struct {
		name  string
		words []string
		want  bool
	}{
		{"docker.dev.env", []string{"dev"}, true},
		{".env_dev", []string{"dev"}, true},
		{"github_mock", []string{"mock", "mocks"}, true},
		{"mock-server", []string{"mock"}, true},
		{"devices", []string{"dev"}, false},      // a word, not a prefix
		{"mockingbird", []string{"mock"}, false}, // nor a stem
		{"", []string{"dev"}, false},
	} {
		if got := HasNameWord(c.name, c.words...); got != c.want {
			t.Errorf("HasNameWord(%q, %q) = %v, want %v", c.name, c.words, got, c.want)
		}
	}
}

func TestDotenvName(t *testing.T) {
	for name, want := range map[string]bool{
		".env": true, ".env.test": true, ".env_dev": true, "docker.env": true,
		"env.py": false, "environment.yml": false, "settings.py": false,
	} {
		if got := DotenvName(name); got != want {
			t.Errorf("DotenvName(%q) = %v, want %v", name, got, want)
		}
	}
}
