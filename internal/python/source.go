package python

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
)

// ParseFile parses the source of one Python file. It always returns a
// Module, partial when there are syntax errors; the error is then an
// ErrorList sorted by position. ParseFile never panics on any input.
func ParseFile(filename string, src []byte) (*Module, error) {
	return parseFile(filename, src, false)
}

// ParseFileShared is ParseFile for a caller that never modifies src again
// (a file's content held for the whole scan): when src is UTF-8 without
// carriage returns, the module's text shares src's memory instead of
// holding a second copy of every file.
func ParseFileShared(filename string, src []byte) (*Module, error) {
	return parseFile(filename, src, true)
}

func parseFile(filename string, src []byte, share bool) (*Module, error) {
	text, err := decodeSource(src, share)
	if err != nil {
		f := newFile(filename, "")
		m := &Module{File: f, Body: []Stmt{}}
		return m, ErrorList{{Pos: Position{Filename: filename, Line: err.line, Col: 0}, Msg: err.msg}}
	}
	var p parser
	p.init(newFile(filename, text), text)
	m := p.parseModule()
	p.done()
	if len(p.errors) > 0 {
		p.errors.Sort()
		return m, p.errors
	}
	return m, nil
}

// ParseExpr parses a single expression, as ast.parse(src, mode="eval")
// does: surrounding whitespace and newlines are allowed, statements are
// not. Rules use it for code held in strings.
func ParseExpr(src string) (Expr, error) {
	text, serr := decodeSource([]byte(src), false)
	if serr != nil {
		return nil, ErrorList{{Pos: Position{Line: serr.line}, Msg: serr.msg}}
	}
	var p parser
	p.init(newFile("", text), text)
	e := p.parseEvalInput()
	p.done()
	if len(p.errors) > 0 {
		p.errors.Sort()
		return e, p.errors
	}
	return e, nil
}

type sourceError struct {
	line int
	msg  string
}

// decodeSource applies CPython's rules for reading source: a UTF-8 BOM,
// a PEP 263 coding declaration on line 1 or 2, then universal newlines.
// With share, UTF-8 text is src itself, not a copy (see ParseFileShared).
func decodeSource(src []byte, share bool) (string, *sourceError) {
	bom := bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	if bom {
		src = src[3:]
	}
	name, line := codingSpec(src)
	if bom && name != "" && cpythonNormalName(name) != "utf-8" {
		return "", &sourceError{line, "encoding problem: " + name + " with BOM"}
	}
	var text string
	switch enc := normalEncoding(name); {
	case enc == "utf-8":
		if !utf8.Valid(src) {
			return "", &sourceError{badUTF8Line(src), "invalid utf-8 in source (no or utf-8 encoding declared)"}
		}
		if share && len(src) > 0 {
			text = unsafe.String(&src[0], len(src))
		} else {
			text = string(src)
		}
	default:
		dec, err := lookupEncoding(enc)
		if err != nil {
			return "", &sourceError{line, "unknown encoding: " + name}
		}
		if dec == nil { // ascii
			for i, c := range src {
				if c >= 0x80 {
					return "", &sourceError{1 + bytes.Count(src[:i], []byte("\n")), "non-ascii byte in ascii source"}
				}
			}
			text = string(src)
		} else {
			out, err := decodeWith(dec, enc, src)
			if err != nil {
				return "", &sourceError{line, fmt.Sprintf("decoding source as %s: %v", name, err)}
			}
			text = out
		}
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		return "", &sourceError{1 + strings.Count(text[:i], "\n"), "source code cannot contain null bytes"}
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, nil
}

func badUTF8Line(src []byte) int {
	line := 1
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n == 1 {
			return line
		}
		if src[0] == '\n' {
			line++
		}
		src = src[n:]
	}
	return line
}

// codingSpec finds a "coding[:=] name" comment on the first two lines;
// the second line counts only if the first is blank or a comment.
func codingSpec(src []byte) (string, int) {
	for line := 1; line <= 2 && len(src) > 0; line++ {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		t := bytes.TrimLeft(l, " \t\f")
		if len(t) == 0 || t[0] != '#' {
			if len(t) == 0 || t[0] == '\r' {
				continue
			}
			return "", 0
		}
		if name := codingName(t); name != "" {
			return name, line
		}
	}
	return "", 0
}

func codingName(comment []byte) string {
	for i := 0; ; {
		j := bytes.Index(comment[i:], []byte("coding"))
		if j < 0 {
			return ""
		}
		k := i + j + len("coding")
		if k < len(comment) && (comment[k] == ':' || comment[k] == '=') {
			k++
			for k < len(comment) && (comment[k] == ' ' || comment[k] == '\t') {
				k++
			}
			e := k
			for e < len(comment) && (isIdentStartASCII(comment[e]) || isDigit(comment[e]) || comment[e] == '-' || comment[e] == '.') {
				e++
			}
			if e > k {
				return string(comment[k:e])
			}
		}
		i = k
	}
}

// cpythonNormalName is the tokenizer's get_normal_name, which alone
// decides whether a declaration agrees with a BOM.
func cpythonNormalName(name string) string {
	n := name
	if len(n) > 12 {
		n = n[:12]
	}
	n = strings.ToLower(strings.ReplaceAll(n, "_", "-"))
	if n == "utf-8" || strings.HasPrefix(n, "utf-8-") {
		return "utf-8"
	}
	return name
}

// normalEncoding mirrors CPython's get_normal_name and the codec
// registry's normalize_encoding: lower case, runs of punctuation other
// than "." become one "-", leading and trailing ones vanish. Then the
// spellings Python knows for utf-8, latin-1 and ascii collapse to one.
func normalEncoding(name string) string {
	if name == "" {
		return "utf-8"
	}
	if cpythonNormalName(name) == "utf-8" {
		return "utf-8"
	}
	var b strings.Builder
	punct := false
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' {
			if punct && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			punct = false
		} else {
			punct = true
		}
	}
	n := b.String()
	switch n {
	case "utf", "utf8", "utf-8", "u8", "utf8-ucs2", "utf8-ucs4", "cp65001":
		return "utf-8"
	case "latin", "latin1", "latin-1", "l1", "iso8859-1", "iso-8859-1", "8859", "cp819",
		"iso-ir-100", "csisolatin1", "iso-latin-1", "iso-8859-1-1987":
		return "iso-8859-1"
	case "ascii", "us-ascii", "646", "us", "cp367", "csascii", "iso646-us", "ansi-x3.4-1968", "ibm367":
		return "ascii"
	}
	for _, p := range []string{"latin-1-", "iso-8859-1-", "iso-latin-1-"} {
		if strings.HasPrefix(n, p) { // get_normal_name's prefixes
			return "iso-8859-1"
		}
	}
	return n
}

// decodeWith decodes src strictly, as Python's codecs do. Single-byte
// charmaps go byte by byte because x/text leaves the C1 controls of the
// ISO-8859 family undefined while Python maps 0x80-0x9F to U+0080-U+009F.
func decodeWith(e encoding.Encoding, name string, src []byte) (string, error) {
	cm, ok := e.(*charmap.Charmap)
	if !ok {
		out, err := e.NewDecoder().Bytes(src)
		if err != nil {
			return "", err
		}
		if bytes.ContainsRune(out, utf8.RuneError) && !bytes.ContainsRune(src, utf8.RuneError) {
			return "", fmt.Errorf("undecodable bytes")
		}
		return string(out), nil
	}
	iso := strings.HasPrefix(name, "iso-8859") || strings.HasPrefix(name, "iso8859")
	b := make([]byte, 0, len(src)+len(src)/4)
	for _, c := range src {
		if c < 0x80 {
			b = append(b, c)
			continue
		}
		r := cm.DecodeByte(c)
		if r == utf8.RuneError {
			if !iso || c > 0x9f {
				return "", fmt.Errorf("byte 0x%02x has no mapping", c)
			}
			r = rune(c)
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b), nil
}

var pyAliases = map[string]string{
	"cp1252": "windows-1252", "cp1251": "windows-1251", "cp1250": "windows-1250",
	"cp1253": "windows-1253", "cp1254": "windows-1254", "cp1255": "windows-1255",
	"cp1256": "windows-1256", "cp1257": "windows-1257", "cp1258": "windows-1258",
	"euc-jp": "EUC-JP", "eucjp": "EUC-JP", "shift-jis": "Shift_JIS", "sjis": "Shift_JIS",
	"koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "gbk": "GBK", "gb2312": "GBK", "gb18030": "GB18030",
	"big5": "Big5", "euc-kr": "EUC-KR", "iso2022-jp": "ISO-2022-JP", "mac-roman": "macintosh",
	"macroman": "macintosh", "cp437": "IBM437", "cp850": "IBM850", "cp866": "IBM866",
}

func lookupEncoding(n string) (encoding.Encoding, error) {
	switch n {
	case "ascii":
		return nil, nil
	case "iso-8859-1":
		return charmap.ISO8859_1, nil
	}
	if a, ok := pyAliases[n]; ok {
		n = a
	}
	if strings.HasPrefix(n, "iso8859-") {
		n = "iso-8859-" + n[len("iso8859-"):]
	}
	e, err := ianaindex.IANA.Encoding(n)
	if err != nil || e == nil {
		return nil, fmt.Errorf("unknown encoding %q", n)
	}
	return e, nil
}
