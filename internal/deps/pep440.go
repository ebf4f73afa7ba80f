package deps

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// versionPattern is the canonical PEP 440 pattern (Appendix B of the
// specification, as used by the packaging library), so that every spelling
// pip accepts parses here too: "1.0-alpha.1", "v1.0", "1.0-1", "1.0.RC1".
var versionPattern = lazyre.New(`(?i)^\s*v?` +
	`(?:(?P<epoch>[0-9]+)!)?` +
	`(?P<release>[0-9]+(?:\.[0-9]+)*)` +
	`(?P<pre>[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?` +
	`(?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?))?` +
	`(?P<dev>[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?` +
	`(?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?` +
	`\s*$`)

// Pre-release kinds, ordered as PEP 440 orders them.
const (
	preAlpha = iota + 1
	preBeta
	preRC
)

// Version is a parsed PEP 440 version. The zero value is not a valid version;
// use ParseVersion.
type Version struct {
	Epoch   uint64
	Release []uint64
	PreKind int // 0 when not a pre-release, else preAlpha, preBeta or preRC
	PreNum  uint64
	HasPost bool
	Post    uint64
	HasDev  bool
	Dev     uint64
	Local   []string // lower-cased segments; numeric ones compare as numbers
}

// ParseVersion parses s as a PEP 440 version, accepting every permitted
// alternative spelling and normalizing it.
func ParseVersion(s string) (Version, error) {
	if v, ok := parseRelease(s); ok {
		return v, nil
	}
	return parseWithPattern(s)
}

func parseWithPattern(s string) (Version, error) {
	m := versionPattern().FindStringSubmatch(s)
	if m == nil {
		return Version{}, fmt.Errorf("invalid version %q", s)
	}
	g := func(name string) string { return m[versionPattern().SubexpIndex(name)] }
	var v Version
	var err error
	num := func(x string) uint64 {
		if x == "" || err != nil {
			return 0
		}
		n, e := strconv.ParseUint(x, 10, 64)
		if e != nil {
			err = fmt.Errorf("invalid version %q: number %s out of range", s, x)
		}
		return n
	}
	v.Epoch = num(g("epoch"))
	for _, part := range strings.Split(g("release"), ".") {
		v.Release = append(v.Release, num(part))
	}
	if l := g("pre_l"); l != "" {
		v.PreKind = preKind(strings.ToLower(l))
		v.PreNum = num(g("pre_n"))
	}
	if g("post") != "" {
		v.HasPost = true
		v.Post = num(g("post_n1") + g("post_n2"))
	}
	if g("dev") != "" {
		v.HasDev = true
		v.Dev = num(g("dev_n"))
	}
	if l := g("local"); l != "" {
		v.Local = splitLocal(l)
	}
	if err != nil {
		return Version{}, err
	}
	return v, nil
}

// parseRelease parses the commonest spelling, a release alone ("4.2.16"),
// as the pattern would, without it: advisories list thousands of versions.
// Anything else, a number out of range included, is left to the pattern.
func parseRelease(s string) (Version, bool) {
	n := 1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && i > 0 && i < len(s)-1 && s[i-1] != '.':
			n++
		case c < '0' || c > '9':
			return Version{}, false
		}
	}
	if s == "" {
		return Version{}, false
	}
	v := Version{Release: make([]uint64, 0, n)}
	for part := range strings.SplitSeq(s, ".") {
		x, err := strconv.ParseUint(part, 10, 64)
		if err != nil {
			return Version{}, false
		}
		v.Release = append(v.Release, x)
	}
	return v, true
}

// MustParseVersion is ParseVersion for tables of known-good versions.
func MustParseVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

func preKind(l string) int {
	switch l {
	case "a", "alpha":
		return preAlpha
	case "b", "beta":
		return preBeta
	default: // c, rc, pre, preview
		return preRC
	}
}

func splitLocal(l string) []string {
	parts := strings.FieldsFunc(strings.ToLower(l), func(r rune) bool {
		return r == '.' || r == '-' || r == '_'
	})
	for i, p := range parts {
		// "09" and "9" are the same local segment.
		if n, err := strconv.ParseUint(p, 10, 64); err == nil {
			parts[i] = strconv.FormatUint(n, 10)
		}
	}
	return parts
}

// String returns the normalized form of the version.
func (v Version) String() string {
	var b strings.Builder
	if v.Epoch != 0 {
		fmt.Fprintf(&b, "%d!", v.Epoch)
	}
	b.WriteString(v.releaseString())
	if v.PreKind != 0 {
		b.WriteString([]string{"", "a", "b", "rc"}[v.PreKind])
		b.WriteString(strconv.FormatUint(v.PreNum, 10))
	}
	if v.HasPost {
		fmt.Fprintf(&b, ".post%d", v.Post)
	}
	if v.HasDev {
		fmt.Fprintf(&b, ".dev%d", v.Dev)
	}
	if len(v.Local) > 0 {
		b.WriteString("+" + strings.Join(v.Local, "."))
	}
	return b.String()
}

func (v Version) releaseString() string {
	parts := make([]string, len(v.Release))
	for i, n := range v.Release {
		parts[i] = strconv.FormatUint(n, 10)
	}
	return strings.Join(parts, ".")
}

// IsPrerelease reports whether v is a pre-release or a development release.
func (v Version) IsPrerelease() bool { return v.PreKind != 0 || v.HasDev }

// Public returns v without its local version label.
func (v Version) Public() Version {
	v.Local = nil
	return v
}

// base returns the epoch and release only.
func (v Version) base() Version {
	return Version{Epoch: v.Epoch, Release: v.Release}
}

// Major and Minor return the first two release components (0 when absent).
func (v Version) Major() uint64 { return v.component(0) }

// Minor returns the second release component (0 when absent).
func (v Version) Minor() uint64 { return v.component(1) }

func (v Version) component(i int) uint64 {
	if i < len(v.Release) {
		return v.Release[i]
	}
	return 0
}

// Compare returns -1, 0 or +1 as v sorts before, equal to or after w in PEP 440
// order. Release segments compare as if padded with zeros, so 1.0 == 1.0.0.
func (v Version) Compare(w Version) int {
	if c := cmpUint(v.Epoch, w.Epoch); c != 0 {
		return c
	}
	if c := cmpRelease(v.Release, w.Release); c != 0 {
		return c
	}
	if c := cmpInt(v.preKey(), w.preKey()); c != 0 {
		return c
	}
	if v.PreKind != 0 {
		if c := cmpUint(v.PreNum, w.PreNum); c != 0 {
			return c
		}
	}
	if c := cmpOptional(v.HasPost, v.Post, w.HasPost, w.Post, -1); c != 0 {
		return c
	}
	if c := cmpOptional(v.HasDev, v.Dev, w.HasDev, w.Dev, +1); c != 0 {
		return c
	}
	return cmpLocal(v.Local, w.Local)
}

// preKey orders the pre-release phase: a development release of a final
// release (1.0.dev1) sorts before its alphas, and a final release sorts after
// every pre-release.
func (v Version) preKey() int {
	switch {
	case v.PreKind != 0:
		return v.PreKind
	case v.HasDev && !v.HasPost:
		return -1
	default:
		return 99
	}
}

// cmpOptional compares optional numbers; absent sorts as absent (-1 for
// before every present value, +1 for after).
func cmpOptional(hasA bool, a uint64, hasB bool, b uint64, absent int) int {
	switch {
	case hasA && hasB:
		return cmpUint(a, b)
	case hasA:
		return -absent
	case hasB:
		return absent
	}
	return 0
}

func cmpRelease(a, b []uint64) int {
	for i := 0; i < max(len(a), len(b)); i++ {
		var x, y uint64
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := cmpUint(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// cmpLocal follows PEP 440: no label sorts first; numeric segments sort after
// alphanumeric ones; a longer label sorts after its own prefix.
func cmpLocal(a, b []string) int {
	for i := 0; i < min(len(a), len(b)); i++ {
		x, xerr := strconv.ParseUint(a[i], 10, 64)
		y, yerr := strconv.ParseUint(b[i], 10, 64)
		var c int
		switch {
		case xerr == nil && yerr == nil:
			c = cmpUint(x, y)
		case xerr == nil:
			c = 1
		case yerr == nil:
			c = -1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmpInt(len(a), len(b))
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// NormalizeName returns the PEP 503 normalized form of a project name: lower
// case, with runs of "-", "_" and "." collapsed to one "-". Package indexes and
// OSV records are keyed by it, so "Django", "django" and "DJANGO" match.
func NormalizeName(name string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.TrimSpace(name) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(toLowerASCII(r))
	}
	return b.String()
}

func toLowerASCII(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}
