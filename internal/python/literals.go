package python

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// parseNumber converts a NUMBER token to int64, *big.Int, float64 or
// complex128.
func parseNumber(s string) (any, error) {
	if strings.IndexByte(s, '_') >= 0 {
		s = strings.ReplaceAll(s, "_", "")
	}
	last := s[len(s)-1]
	if last == 'j' || last == 'J' {
		f, err := parseFloat(s[:len(s)-1])
		return complex(0, f), err
	}
	base := 10
	digits := s
	if len(s) > 1 && s[0] == '0' {
		switch s[1] | 0x20 {
		case 'x':
			base, digits = 16, s[2:]
		case 'o':
			base, digits = 8, s[2:]
		case 'b':
			base, digits = 2, s[2:]
		}
	}
	if base == 10 && strings.ContainsAny(s, ".eE") {
		return parseFloat(s)
	}
	if v, err := strconv.ParseInt(digits, base, 64); err == nil {
		return v, nil
	}
	if base == 10 && len(digits) > 4300 {
		// CPython 3.11 limits decimal int literals (sys.int_info.str_digits_check_threshold).
		return nil, fmt.Errorf("exceeds the limit (4300 digits) for integer string conversion: value has %d digits", len(digits))
	}
	v, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return nil, fmt.Errorf("invalid number literal %q", s)
	}
	return v, nil
}

func parseFloat(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("invalid float literal %q", s)
	}
	return f, nil // out of range becomes inf, or 0, as in CPython
}

// appendRune appends r in UTF-8, keeping surrogates (which Python strings
// may hold) as their generalized 3-byte encoding instead of U+FFFD.
func appendRune(b []byte, r rune) []byte {
	if r >= 0xD800 && r <= 0xDFFF {
		return append(b, byte(0xE0|r>>12), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(b, r)
}

// decodeString decodes the body of a str literal.
func decodeString(body string, raw bool) (string, error) {
	if raw || strings.IndexByte(body, '\\') < 0 {
		return body, nil
	}
	b, err := unescape(make([]byte, 0, len(body)), body, false)
	return string(b), err
}

// decodeBytes decodes the body of a bytes literal.
func decodeBytes(body string, raw bool) ([]byte, error) {
	for i := 0; i < len(body); i++ {
		if body[i] >= 0x80 {
			return nil, errors.New("bytes can only contain ASCII literal characters")
		}
	}
	if raw {
		return []byte(body), nil
	}
	return unescape(make([]byte, 0, len(body)), body, true)
}

// decodeFStringText decodes f-string literal text: escapes unless raw, and
// doubled braces.
func decodeFStringText(s string, raw bool) (string, error) {
	if strings.Contains(s, "{{") || strings.Contains(s, "}}") {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			b.WriteByte(s[i])
			if (s[i] == '{' || s[i] == '}') && i+1 < len(s) && s[i+1] == s[i] {
				i++
			}
		}
		s = b.String()
	}
	return decodeString(s, raw)
}

func unhex(s string) (rune, bool) {
	var v rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + rune(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			v = v*16 + rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// unescape processes backslash escapes as CPython's unicode_escape (str)
// or escape_decode (bytes) do; unknown escapes keep their backslash.
func unescape(out []byte, s string, bytes bool) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(s) {
			// only f-string text can end in a backslash (before a brace),
			// and CPython keeps it
			out = append(out, '\\')
			break
		}
		c = s[i]
		switch c {
		case '\n':
		case '\\', '\'', '"':
			out = append(out, c)
		case 'a':
			out = append(out, 7)
		case 'b':
			out = append(out, 8)
		case 'f':
			out = append(out, 12)
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'v':
			out = append(out, 11)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := rune(c - '0')
			for k := 0; k < 2 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '7'; k++ {
				i++
				v = v*8 + rune(s[i]-'0')
			}
			if bytes {
				out = append(out, byte(v))
			} else {
				out = appendRune(out, v)
			}
		case 'x', 'u', 'U':
			n := 2
			switch c {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if bytes && c != 'x' {
				out = append(out, '\\', c)
				continue
			}
			if i+1+n > len(s) {
				return nil, fmt.Errorf("(unicode error) truncated \\%c escape", c)
			}
			v, ok := unhex(s[i+1 : i+1+n])
			if !ok {
				return nil, fmt.Errorf("(unicode error) truncated \\%c escape", c)
			}
			i += n
			switch {
			case bytes:
				out = append(out, byte(v))
			case v > utf8.MaxRune:
				return nil, errors.New("(unicode error) illegal Unicode character")
			default:
				out = appendRune(out, v)
			}
		case 'N':
			if bytes {
				out = append(out, '\\', c)
				continue
			}
			end := strings.IndexByte(s[i:], '}')
			if i+1 >= len(s) || s[i+1] != '{' || end < 0 {
				return nil, errors.New("(unicode error) malformed \\N character escape")
			}
			r, ok := lookupRuneName(s[i+2 : i+end])
			if !ok {
				return nil, errors.New("(unicode error) unknown Unicode character name")
			}
			out = appendRune(out, r)
			i += end
		default:
			out = append(out, '\\')
			i--
		}
	}
	return out, nil
}

var (
	runeNamesOnce sync.Once
	runeNames     map[string]rune
)

// lookupRuneName resolves \N{name}, case-insensitively as CPython does.
// The reverse table is built on first use only.
func lookupRuneName(name string) (rune, bool) {
	name = strings.ToUpper(name)
	for _, prefix := range []string{"CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-"} {
		if strings.HasPrefix(name, prefix) {
			if v, ok := unhex(name[len(prefix):]); ok && len(name)-len(prefix) >= 4 {
				return v, true
			}
		}
	}
	if r, ok := hangulSyllable(name); ok {
		return r, true
	}
	runeNamesOnce.Do(func() {
		runeNames = make(map[string]rune, 40000)
		for r := rune(0); r <= utf8.MaxRune; r++ {
			if r == 0xD800 {
				r = 0xE000
			}
			n := runenames.Name(r)
			if n != "" && n[0] != '<' {
				runeNames[n] = r
			}
		}
		for n, r := range nameAliases {
			runeNames[n] = r
		}
	})
	r, ok := runeNames[name]
	return r, ok
}

// nameAliases are a few NameAliases.txt entries that code actually uses.
var nameAliases = map[string]rune{
	"NULL": 0, "LINE FEED": '\n', "CARRIAGE RETURN": '\r', "CHARACTER TABULATION": '\t',
	"ESCAPE": 0x1B, "DELETE": 0x7F, "NO-BREAK SPACE": 0xA0, "BYTE ORDER MARK": 0xFEFF,
	"ZERO WIDTH NO-BREAK SPACE": 0xFEFF, "SPACE": ' ', "NBSP": 0xA0, "LF": '\n', "CR": '\r',
	"TAB": '\t', "ESC": 0x1B, "DEL": 0x7F, "NUL": 0, "BEL": 7, "BACKSPACE": 8,
	"FORM FEED": 12, "FF": 12, "LINE TABULATION": 11, "VT": 11, "ALERT": 7,
	"ZWSP": 0x200B, "ZWNJ": 0x200C, "ZWJ": 0x200D, "SHY": 0xAD, "BOM": 0xFEFF,
}

// hangulSyllable decodes "HANGUL SYLLABLE GAG" by the Unicode algorithm,
// since name tables leave the 11,172 syllables out.
func hangulSyllable(name string) (rune, bool) {
	rest, ok := strings.CutPrefix(name, "HANGUL SYLLABLE ")
	if !ok {
		return 0, false
	}
	leads := []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	vowels := []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	tails := []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
	for l, ls := range leads {
		if !strings.HasPrefix(rest, ls) {
			continue
		}
		for v, vs := range vowels {
			if !strings.HasPrefix(rest[len(ls):], vs) {
				continue
			}
			for t, ts := range tails {
				if rest[len(ls)+len(vs):] == ts {
					return rune(0xAC00 + (l*21+v)*28 + t), true
				}
			}
		}
	}
	return 0, false
}
