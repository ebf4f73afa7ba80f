package deps

import (
	"reflect"
	"testing"
)

// The examples in these tables come from PEP 440 (now the "Version specifiers"
// specification of packaging.python.org) unless a comment says otherwise.

func TestParseVersionNormalization(t *testing.T) {
	tests := []struct{ in, want string }{
		// Case sensitivity, integer normalization, leading "v", whitespace.
		{"1.1RC1", "1.1rc1"},
		{"00", "0"},
		{"09000", "9000"},
		{"1.0+foo0100", "1.0+foo0100"},
		{"v1.0", "1.0"},
		{"  1.0\n", "1.0"},
		// Pre-release separators, spelling and implicit number.
		{"1.1.a1", "1.1a1"},
		{"1.1-a1", "1.1a1"},
		{"1.0a.1", "1.0a1"},
		{"1.1alpha1", "1.1a1"},
		{"1.1beta2", "1.1b2"},
		{"1.1c3", "1.1rc3"},
		{"1.1pre4", "1.1rc4"},
		{"1.1preview5", "1.1rc5"},
		{"1.2a", "1.2a0"},
		// Post-releases.
		{"1.2-post2", "1.2.post2"},
		{"1.2post2", "1.2.post2"},
		{"1.2.post-2", "1.2.post2"},
		{"1.0-r4", "1.0.post4"},
		{"1.0-rev4", "1.0.post4"},
		{"1.2.post", "1.2.post0"},
		{"1.0-1", "1.0.post1"},
		// Development releases.
		{"1.2-dev2", "1.2.dev2"},
		{"1.2dev2", "1.2.dev2"},
		{"1.2.dev", "1.2.dev0"},
		// Local versions.
		{"1.0+ubuntu-1", "1.0+ubuntu.1"},
		{"1.0+ubuntu_1", "1.0+ubuntu.1"},
		{"1.0+UBUNTU.09", "1.0+ubuntu.9"},
		// Epochs and everything at once.
		{"1!2.0", "1!2.0"},
		{"0!1.0", "1.0"},
		{"1!1.0b2.post345.dev456+abc.7", "1!1.0b2.post345.dev456+abc.7"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := ParseVersion(tt.in)
			if err != nil {
				t.Fatalf("ParseVersion(%q): %v", tt.in, err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("ParseVersion(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseVersionInvalid(t *testing.T) {
	for _, in := range []string{"", "french toast", "1.0+", "1.0+a..b", "1..0", "1.0.post1.post2", "1.0-", "=1.0", "1.0 1", "99999999999999999999999"} {
		if v, err := ParseVersion(in); err == nil {
			t.Errorf("ParseVersion(%q) = %s, want an error", in, v)
		}
	}
}

// TestVersionOrder checks the summary ordering example of the specification
// followed by epochs, where each version sorts after the one before it.
func TestVersionOrder(t *testing.T) {
	ordered := []string{
		"1.dev0",
		"1.0.dev456",
		"1.0a1",
		"1.0a2.dev456",
		"1.0a12.dev456",
		"1.0a12",
		"1.0b1.dev456",
		"1.0b2",
		"1.0b2.post345.dev456",
		"1.0b2.post345",
		"1.0rc1.dev456",
		"1.0rc1",
		"1.0",
		"1.0+abc.5",
		"1.0+abc.7",
		"1.0+5",
		"1.0.post456.dev34",
		"1.0.post456",
		"1.0.15",
		"1.1.dev1",
		"2013.10",
		"2014.04",
		"1!1.0",
		"1!1.1",
	}
	vs := make([]Version, len(ordered))
	for i, s := range ordered {
		vs[i] = MustParseVersion(s)
	}
	for i := range vs {
		for j := range vs {
			want := cmpInt(i, j)
			if got := vs[i].Compare(vs[j]); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func TestVersionEquality(t *testing.T) {
	tests := []struct{ a, b string }{
		{"1.0", "1.0.0"},
		{"1.0", "1.0.0.0"},
		{"1.0a", "1.0a0"},
		{"1.0.post", "1.0.post0"},
		{"1.0-1", "1.0.post1"},
		{"1.0+09", "1.0+9"},
		{"0!1.0", "1.0"},
	}
	for _, tt := range tests {
		if got := MustParseVersion(tt.a).Compare(MustParseVersion(tt.b)); got != 0 {
			t.Errorf("Compare(%s, %s) = %d, want 0", tt.a, tt.b, got)
		}
	}
}

func TestSpecifierContains(t *testing.T) {
	tests := []struct {
		spec    string
		version string
		want    bool
	}{
		// Compatible release: "~= 2.2" is ">= 2.2, == 2.*".
		{"~=2.2", "2.2", true},
		{"~=2.2", "2.9", true},
		{"~=2.2", "3.0", false},
		{"~=2.2", "2.1", false},
		// "~= 1.4.5" is ">= 1.4.5, == 1.4.*".
		{"~=1.4.5", "1.4.5", true},
		{"~=1.4.5", "1.4.9", true},
		{"~=1.4.5", "1.5.0", false},
		// "~= 2.2.post3" is ">= 2.2.post3, == 2.*".
		{"~=2.2.post3", "2.2.post3", true},
		{"~=2.2.post3", "2.3", true},
		{"~=2.2.post3", "2.2", false},
		{"~=2.2.post3", "3.0", false},
		// "~= 1.4.5a4" is ">= 1.4.5a4, == 1.4.*".
		{"~=1.4.5a4", "1.4.5a4", true},
		{"~=1.4.5a4", "1.4.5", true},
		{"~=1.4.5a4", "1.4.5a3", false},
		{"~=1.4.5a4", "1.5", false},
		// Padding picks the prefix: "~= 2.2.0" is "== 2.2.*", "~= 1.4.5.0" is "== 1.4.5.*".
		{"~=2.2.0", "2.2.9", true},
		{"~=2.2.0", "2.3", false},
		{"~=1.4.5.0", "1.4.5.9", true},
		{"~=1.4.5.0", "1.4.6", false},
		// Version matching.
		{"==1.1", "1.1.post1", false},
		{"==1.1.post1", "1.1.post1", true},
		{"==1.1.*", "1.1.post1", true},
		{"==1.1", "1.1.0", true},
		{"==1.1.0", "1.1", true},
		{"==1.1.*", "1.1a1", true},
		{"==1.1.*", "1.10", false},
		{"==1.1.*", "1.1", true},
		{"==1.1.0.*", "1.1", true},
		{"==1.*", "2.0", false},
		{"==1!1.*", "1.1", false},
		// Local versions: a specifier without a local label ignores the candidate's.
		{"==1.0", "1.0+local.5", true},
		{"==1.0+local.5", "1.0+local.5", true},
		{"==1.0+local.5", "1.0", false},
		{"==1.0+local.5", "1.0+local.6", false},
		// Version exclusion.
		{"!=1.1", "1.1.post1", true},
		{"!=1.1.post1", "1.1.post1", false},
		{"!=1.1.*", "1.1.post1", false},
		{"!=1.1.*", "1.2", true},
		// Inclusive ordered comparison.
		{"<=2.0", "2.0", true},
		{"<=2.0", "2.0+local", true},
		{">=2.0", "2.0", true},
		{">=2.0", "1.9", false},
		// Exclusive ordered comparison: ">1.7" allows 1.7.1 but not 1.7.0.post1.
		{">1.7", "1.7.1", true},
		{">1.7", "1.7.0.post1", false},
		{">1.7", "1.7", false},
		// ">1.7.post2" allows 1.7.1 and 1.7.0.post3 but not 1.7.0.
		{">1.7.post2", "1.7.1", true},
		{">1.7.post2", "1.7.0.post3", true},
		{">1.7.post2", "1.7.0", false},
		// ">V" never matches a local version of V.
		{">1.7", "1.7+local", false},
		{">1.7", "1.8+local", true},
		// "<3.1" must not match a pre-release of 3.1 unless V is one.
		{"<3.1", "3.1a1", false},
		{"<3.1", "3.0", true},
		{"<3.1", "3.1", false},
		{"<3.1rc1", "3.1a1", true},
		// Arbitrary equality compares strings.
		{"===foobar", "foobar", true},
		{"===foobar", "FooBar", true},
		{"===foobar", "foobar1", false},
		{"===1.0", "1.0", true},
		{"===1.0", "1.0.0", false},
		// Epochs.
		{">=1!1.0", "2.0", false},
		{">=1!1.0", "1!0.5", false},
		{">=1!1.0", "1!1.5", true},
	}
	for _, tt := range tests {
		t.Run(tt.spec+" "+tt.version, func(t *testing.T) {
			sp, err := ParseSpecifier(tt.spec)
			if err != nil {
				t.Fatalf("ParseSpecifier(%q): %v", tt.spec, err)
			}
			if got := sp.ContainsString(tt.version); got != tt.want {
				t.Errorf("%s contains %s = %v, want %v", tt.spec, tt.version, got, tt.want)
			}
		})
	}
}

func TestArbitraryEquality(t *testing.T) {
	sp, err := ParseSpecifier("===foobar")
	if err != nil {
		t.Fatal(err)
	}
	if !sp.ContainsString("foobar") {
		t.Errorf("===foobar contains foobar = false, want true")
	}
	if sp.ContainsString("foobaz") {
		t.Errorf("===foobar contains foobaz = true, want false")
	}
}

func TestParseSpecifierInvalid(t *testing.T) {
	for _, in := range []string{"1.0", "~=1", ">=1.0.*", "==1.0a1.*", ">=1.0+local", "==", "=>1.0", ">=1.0,,<2"} {
		if _, err := ParseSpecifierSet(in); err == nil {
			t.Errorf("ParseSpecifierSet(%q): got no error, want one", in)
		}
	}
}

func TestSpecifierSetContains(t *testing.T) {
	tests := []struct {
		set     string
		version string
		pre     bool
		want    bool
	}{
		{"", "1.0", false, true},
		{"", "1.0a1", false, false},
		{"", "1.0a1", true, true},
		{">=1.0,<2.0", "1.5", false, true},
		{">=1.0,<2.0", "2.0", false, false},
		{">= 1.0 , != 1.3.4.* , < 2.0", "1.3.4.1", false, false},
		{">=1.0,<2.0", "1.5b1", false, false},
		{">=1.0b1,<2.0", "1.5b1", false, true},
		{"~=3.2.0", "3.2.25", false, true},
		{"!=2.0a1", "2.0a2", false, false},
	}
	for _, tt := range tests {
		set, err := ParseSpecifierSet(tt.set)
		if err != nil {
			t.Fatalf("ParseSpecifierSet(%q): %v", tt.set, err)
		}
		if got := set.Contains(MustParseVersion(tt.version), tt.pre); got != tt.want {
			t.Errorf("%q contains %s (pre=%v) = %v, want %v", tt.set, tt.version, tt.pre, got, tt.want)
		}
	}
}

func TestSpecifierSetPinned(t *testing.T) {
	tests := []struct {
		set, want string
		ok        bool
	}{
		{"==4.2.16", "4.2.16", true},
		{"===4.2.16", "4.2.16", true},
		{"==4.2.*", "", false},
		{">=4.2,<5", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		set, err := ParseSpecifierSet(tt.set)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := set.Pinned()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Pinned(%q) = %q, %v, want %q, %v", tt.set, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Django", "django"},
		{"django_rest_framework", "django-rest-framework"},
		{"Friendly-Bard", "friendly-bard"},
		{"FRIENDLY-BARD", "friendly-bard"},
		{"friendly.bard", "friendly-bard"},
		{"friendly_bard", "friendly-bard"},
		{"friendly--bard", "friendly-bard"},
		{"FrIeNdLy-._.-bArD", "friendly-bard"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestParseRelease: the short way for plain releases parses as the pattern
// does, and leaves everything else to it.
func TestParseRelease(t *testing.T) {
	for _, s := range []string{
		"0", "1", "1.2", "4.2.16", "01.002", "1.0.0.0.0", "18446744073709551615",
		"18446744073709551616", "1.", ".1", "1..2", "", "v1.0", " 1.0", "1.0 ", "1.0a1", "1.0+local", "1!2.0", "1.0.post1", "1,0",
	} {
		fast, ok := parseRelease(s)
		slow, err := parseWithPattern(s)
		if ok && (err != nil || !reflect.DeepEqual(fast, slow)) {
			t.Errorf("parseRelease(%q) = %+v; the pattern gives %+v, %v", s, fast, slow, err)
		}
		if got, gerr := ParseVersion(s); !reflect.DeepEqual(got, slow) || (gerr == nil) != (err == nil) {
			t.Errorf("ParseVersion(%q) = %+v, %v; want %+v, %v", s, got, gerr, slow, err)
		}
	}
}
