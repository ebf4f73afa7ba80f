package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// engine is every detector of every rule, compiled once, with the keyword
// automaton that decides which detectors run on which lines.
type engine struct {
	dets   []*Detector
	kws    *keywordSet
	kwDets []uint64 // keyword index -> bit set of detectors
	kwLen  []int
}

// maxLine is the longest line handed whole to the regexes; on longer lines
// (minified code, notebook outputs) they run on a window around each
// keyword.
const maxLine = 4096

// families lists each rule's detectors, in the order they are tried: a
// specific detector claims its text before a generic one sees it.
func families() []struct {
	rule string
	dets []*Detector
} {
	return []struct {
		rule string
		dets []*Detector
	}{
		{"DJK101", cloudDetectors},
		{"DJK102", vcsDetectors},
		{"DJK103", serviceDetectors},
		{"DJK104", privateKeyDetectors},
		{"DJK105", djangoKeyDetectors},
		{"DJK108", jwtDetectors},
		{"DJK106", uriDetectors},
		{"DJK107", genericDetectors},
	}
}

var compiled = sync.OnceValues(func() (*engine, error) { return compile(families()) })

func compile(fams []struct {
	rule string
	dets []*Detector
}) (*engine, error) {
	e := &engine{}
	for _, generic := range []bool{false, true} {
		for _, f := range fams {
			for _, d := range f.dets {
				if d.Generic != generic {
					continue
				}
				if err := d.compile(f.rule); err != nil {
					return nil, err
				}
				e.dets = append(e.dets, d)
			}
		}
	}
	if len(e.dets) > 64 {
		return nil, fmt.Errorf("%d detectors: the detector set holds at most 64", len(e.dets))
	}
	index := map[string]int{}
	var kws []string
	for i, d := range e.dets {
		for _, kw := range d.Keywords {
			kw = strings.ToLower(kw)
			k, ok := index[kw]
			if !ok {
				k = len(kws)
				index[kw] = k
				kws = append(kws, kw)
				e.kwDets = append(e.kwDets, 0)
				e.kwLen = append(e.kwLen, len(kw))
			}
			e.kwDets[k] |= 1 << i
		}
	}
	ks, err := newKeywordSet(kws)
	if err != nil {
		return nil, err
	}
	e.kws = ks
	return e, nil
}

// hit is a secret found in a file, ready to report.
type hit struct {
	rule      string
	det       *Detector
	line, col int
	key       string
	redacted  string // the first characters of the secret and "…"
	// secret is the value itself, kept in memory for the project's
	// allowlist (.gitleaks.toml); it never reaches a report
	secret string
	// hash identifies the secret in fingerprints without revealing it: a
	// hash of the secret when it is long and random enough that the hash
	// cannot be brute-forced, its redacted form and length otherwise (a
	// hash of "secret" or "hunter2" would give the value away to anyone
	// holding the report).
	hash       string
	entropy    float64
	severity   report.Severity
	confidence report.Confidence
	note       string
	desc       string
	claim      string
	expires    int64
}

// fileHits returns the secrets in f, scanning it once for all rules.
func fileHits(f *project.File) ([]hit, error) {
	v := f.RuleMemo("secrets.hits", func() any {
		e, err := compiled()
		if err != nil {
			return err
		}
		data, err := f.Content()
		if err != nil {
			return err
		}
		return e.scan(f.Path, data)
	})
	if err, ok := v.(error); ok {
		return nil, err
	}
	return v.([]hit), nil
}

// SecretLines returns the lines of f on which a secrets rule reports a
// value: the compose rule reports a development file's secrets low, in
// their place, so that a local stack's password is not high.
func SecretLines(f *project.File) map[int]bool {
	hits, _ := fileHits(f)
	out := map[int]bool{}
	for _, h := range hits {
		out[h.line] = true
	}
	return out
}

// segment is a line, or a window of a long line, that holds keywords.
type segment struct {
	start, end int // byte offsets in the file
	lineStart  int // offset of the start of the line
	dets       uint64
	hits       []kwHit
}

// kwHit is where a keyword starts, and the detectors it wakes.
type kwHit struct {
	pos  int
	dets uint64
}

// scan finds the secrets in data, the content of the file at rel.
func (e *engine) scan(rel string, data []byte) []hit {
	class := classify(rel)
	if class == skipPath {
		return nil
	}
	if class == normalPath && assetExts[strings.ToLower(path.Ext(rel))] && minified(data) {
		class = assetPath
	}
	if class == normalPath && apiSpec(rel, data) {
		class = testPath
	}
	var segs []segment
	// ls and le are the bounds of the line of the last segment: on a
	// long line (minified CSS or JavaScript) the keywords past its
	// window start segments of the same line, whose bounds searched
	// again would cost a pass back to its start each.
	ls, le := 0, -1
	for _, m := range e.kws.find(data, nil) {
		end, kw := m.end, m.kw
		pos := end - 1
		h := kwHit{end - e.kwLen[kw], e.kwDets[kw]}
		if n := len(segs); n > 0 && pos < segs[n-1].end {
			segs[n-1].dets |= h.dets
			segs[n-1].hits = append(segs[n-1].hits, h)
			continue
		}
		if pos < ls || pos >= le {
			ls = bytes.LastIndexByte(data[:pos], '\n') + 1
			le = bytes.IndexByte(data[pos:], '\n')
			if le < 0 {
				le = len(data)
			} else {
				le += pos
			}
		}
		s := segment{start: ls, end: le, lineStart: ls, dets: h.dets, hits: []kwHit{h}}
		if le-ls > maxLine {
			s.start = max(ls, pos-maxLine/2)
			s.end = min(le, pos+maxLine/2)
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return nil
	}
	sc := &fileScan{e: e, rel: rel, data: data, class: class, code: isCode(rel), advisory: advisoryPart(rel),
		jsonish: strings.EqualFold(path.Ext(rel), ".ipynb") || strings.EqualFold(path.Ext(rel), ".json")}
	if class == normalPath && sectionedConfig(rel) {
		sc.testSections = testRunnerSections(data)
	}
	lineNo, counted := 1, 0
	for _, s := range segs {
		lineNo += bytes.Count(data[counted:s.lineStart], []byte{'\n'})
		counted = s.lineStart
		sc.segment(s, lineNo)
	}
	if len(sc.hits) > 0 && shellScript(rel, data) {
		sc.hits = outsideNoopHeredocs(sc.hits, data)
	}
	if ext := strings.ToLower(path.Ext(rel)); len(sc.hits) > 0 && (ext == ".yml" || ext == ".yaml") {
		sc.hits = outsideFences(sc.hits, data)
	}
	if len(sc.hits) > 0 && htmlPage(rel) {
		sc.hits = outsideCodeBlocks(sc.hits, data)
	}
	if len(sc.hits) > 0 && strings.EqualFold(path.Ext(rel), ".py") {
		sc.hits = outsideDocstrings(sc.hits, data)
		if len(sc.hits) > 0 {
			sc.hits = outsideExamples(sc.hits, data)
		}
	}
	return sc.hits
}

type fileScan struct {
	e       *engine
	rel     string
	data    []byte
	class   pathClass
	code    bool
	jsonish bool
	// advisory is the part of the path named after a CVE
	// (plugins/kat_cve_2023_34039/keys/): see advisoryPart.
	advisory string
	hits     []hit
	// claimed are the byte ranges of secrets already reported, so that a
	// generic detector does not report a key a specific one found.
	claimed [][2]int
	// testSections are the byte ranges of a shared configuration file
	// (setup.cfg, pyproject.toml) that configure the test runner: what
	// is there is read as a test file's.
	testSections [][2]int
}

func (sc *fileScan) segment(s segment, lineNo int) {
	if sc.inTestSection(s.start) {
		// [tool:pytest] env = SECRET_KEY=...: pytest-env's values for
		// the test run, as in pytest.ini
		sc.class = testPath
		defer func() { sc.class = normalPath }()
	}
	orig := string(bytes.TrimRight(sc.data[s.start:s.end], "\r"))
	text := orig
	if sc.jsonish && strings.Contains(text, `\"`) {
		// JSON strings (notebook cells) escape the quotes of the code
		// they hold; the regexes are written for the code.
		text = strings.ReplaceAll(text, `\"`, `"`)
	}
	for i, d := range sc.e.dets {
		if s.dets&(1<<i) == 0 {
			continue
		}
		if (d.Generic || d.SkipInTests) && sc.class == testPath || d.Generic && sc.class == assetPath {
			continue
		}
		if d.FileNames != nil && !slices.Contains(d.FileNames, strings.ToLower(path.Base(sc.rel))) {
			continue
		}
		if d.AtKey && text == orig {
			sc.atKeys(d, uint64(1)<<i, s, lineNo, text)
			continue
		}
		for _, loc := range d.re.FindAllStringSubmatchIndex(text, -1) {
			sc.try(d, s, lineNo, orig, text, loc)
		}
	}
}

// atKeys runs an AtKey detector only where a match can start: at the
// beginning of the word holding each of its keywords, or after a dot or a
// dash inside that word (settings.SECRET_KEY). One anchored attempt per
// keyword costs far less than trying every position of the line.
func (sc *fileScan) atKeys(d *Detector, bit uint64, s segment, lineNo int, text string) {
	last := -1
	for _, h := range s.hits {
		if h.dets&bit == 0 {
			continue
		}
		kw := h.pos - s.start
		if kw < 0 || kw > len(text) {
			continue
		}
		ws := kw
		for ws > 0 && keyByte(text[ws-1]) {
			ws--
		}
		for c := ws; c <= kw; c++ {
			if c != ws && text[c-1] != '.' && text[c-1] != '-' {
				continue
			}
			if c <= last {
				continue // tried from an earlier keyword of the same word
			}
			if d.Assign && !assignAhead(text, kw, d.Quoted && sc.code) {
				break
			}
			if d.Ahead != nil && !d.Ahead(text[c:]) {
				continue
			}
			loc := d.anchored.FindStringSubmatchIndex(text[c:])
			if loc == nil {
				continue
			}
			for j := range loc {
				if loc[j] >= 0 {
					loc[j] += c
				}
			}
			sc.try(d, s, lineNo, text, text, loc)
			break
		}
		last = kw
	}
}

// assignAhead is a cheap test of what Assign detectors' regexes require
// after the word at kw: an assignment operator and a value, a quoted one
// when quoted is set (program source, where a bare word is an expression).
// Most keyword lines of code fail it, and never reach the regex.
func assignAhead(text string, kw int, quoted bool) bool {
	i := kw
	for i < len(text) && keyByte(text[i]) {
		i++
	}
	if i < len(text) && (text[i] == '"' || text[i] == '\'') {
		i++
	}
	if i < len(text) && text[i] == ']' {
		i++
	}
	i = skipSpace(text, i)
	if i >= len(text) {
		return false
	}
	switch text[i] {
	case '=', ':', ',', '?':
		i++
	default:
		return false
	}
	if i < len(text) && (text[i] == '>' || text[i] == '=') {
		i++
	}
	i = skipSpace(text, i)
	if strings.HasPrefix(text[i:], "default") {
		i = skipSpace(text, i+len("default"))
		if i < len(text) && text[i] == '=' {
			i = skipSpace(text, i+1)
		}
	}
	if i < len(text) && strings.IndexByte("bruBRU", text[i]) >= 0 && i+1 < len(text) && (text[i+1] == '"' || text[i+1] == '\'') {
		i++
	}
	if i >= len(text) {
		return false
	}
	if quoted {
		return text[i] == '"' || text[i] == '\''
	}
	return true
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// keyByte reports bytes that make up a key's name (and a URI's scheme).
func keyByte(c byte) bool { return isAlnum(c) || c == '_' || c == '.' || c == '-' || c == '+' }

func (sc *fileScan) try(d *Detector, s segment, lineNo int, orig, text string, loc []int) {
	gs, ge := -1, -1
	for _, g := range d.secretGroups {
		if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
			gs, ge = loc[2*g], loc[2*g+1]
			break
		}
	}
	bare := false
	if gs < 0 {
		// An unquoted value, where the regex allows one.
		for _, g := range d.bareGroups {
			if loc[2*g] >= 0 && loc[2*g+1] > loc[2*g] {
				gs, ge, bare = loc[2*g], loc[2*g+1], true
				break
			}
		}
	}
	if gs < 0 {
		return
	}
	secret := text[gs:ge]
	if bare && d.Quoted && sc.code {
		return
	}
	if !d.Generic && gs > 0 && isAlnum(text[gs-1]) && d.keyGroup < 0 {
		return // inside a longer word
	}
	// Where the secret is in the file: its offset in the original text.
	off := gs
	if text != orig {
		if i := strings.Index(orig, secret); i >= 0 {
			off = i
		} else if i := strings.Index(orig, secret[:min(len(secret), 8)]); i >= 0 {
			off = i
		}
	}
	start := s.start + off
	for _, c := range sc.claimed {
		if start < c[1] && c[0] < start+len(secret) {
			return
		}
	}
	if len(secret) < d.MinLen || d.MaxLen > 0 && len(secret) > d.MaxLen {
		return
	}
	ent := entropy(secret)
	if ent < d.Entropy {
		return
	}
	if documentationValues[secret] {
		return
	}
	if commentedExample(sc.data, s.lineStart) {
		return
	}
	for _, a := range d.allow {
		if a.MatchString(secret) {
			return
		}
	}
	if d.Placeholder != nil {
		if d.Placeholder(secret) {
			return
		}
	} else if isPlaceholder(secret, d.Generic) {
		return
	}
	if d.Generic && looksLikeCode(secret) {
		return
	}
	if d.Assign && memberChain(secret) {
		// SECRET_KEY = var.SECRET_KEY in Terraform, settings.JWT_KEY:
		// a reference to where the value is kept
		return
	}
	m := &match{det: d, path: sc.rel, line: text, lineNo: lineNo, col: start - s.lineStart + 1,
		secret: secret, start: start, data: sc.data, loc: loc}
	if d.keyGroup > 0 && loc[2*d.keyGroup] >= 0 {
		m.key = text[loc[2*d.keyGroup]:loc[2*d.keyGroup+1]]
		if restatesKey(m.key, secret) {
			return // JWT_PRIVATE_KEY=private-key: the name again, a stand-in
		}
	}
	if d.Check != nil {
		if !d.Check(m) {
			return
		}
		if m.secret != secret {
			// The check found the secret itself (a key argument, a
			// private key's body): report where it is.
			if i := strings.Index(orig[min(off, len(orig)):], m.secret); i >= 0 && len(m.secret) < len(orig) {
				start = s.start + off + i
				m.col = start - s.lineStart + 1
			}
			secret = m.secret
			ent = entropy(secret)
		}
	}
	h := hit{rule: d.rule, det: d, line: lineNo, col: m.col, key: m.key, secret: m.secret,
		redacted: redact(m.secret), hash: fingerprintOf(m.secret, ent), entropy: ent,
		severity: m.severity, confidence: m.confidence, note: m.note, desc: m.desc, claim: m.claim, expires: m.expires}
	if h.severity == report.SeverityUnset {
		h.severity = d.Severity
	}
	if sc.class == testPath {
		h.confidence = report.LowConfidence
		h.note += "; it is in a test or documentation file, so it may be made up"
	}
	if sc.advisory != "" {
		h.severity = report.Low
		h.note += "; it is in " + sc.advisory + ", named after a published vulnerability: a secret published with it " +
			"(a vendor's built-in key or password) that the code uses to test for it protects nothing of the project's"
	}
	sc.claimed = append(sc.claimed, [2]int{start, start + len(secret)})
	_ = secret
	sc.hits = append(sc.hits, h)
}

// redact keeps the first four characters of a secret: enough to find it
// and to tell two apart, too little to use.
func redact(s string) string {
	r := []rune(s)
	if len(r) <= 4 {
		return "…"
	}
	return string(r[:4]) + "…"
}

func fingerprintOf(s string, entropy float64) string {
	if len(s) < 20 || entropy < 4.0 {
		return redact(s) + " " + strconv.Itoa(len(s))
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// exampleInstruction matches a comment that asks the reader to fill in a
// value: "uncomment and replace with your credentials", "FIXME set yours".
var exampleInstruction = lazyre.New(`(?i)\b(?:replace\s+(?:it\s+|this\s+|them\s+)?with\s+your|fill\s+in\s+your|set\s+your\s+own|use\s+your\s+own|uncomment\b[^\n]*\byour)\b`)

// commentedExample reports a secret on a commented-out line (# KEY: value)
// right under a comment that asks the reader to put their own value
// there: the line shows the shape, and the file does not use it.
func commentedExample(data []byte, lineStart int) bool {
	line := data[lineStart:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if t := bytes.TrimLeft(line, " \t"); len(t) == 0 || t[0] != '#' {
		return false
	}
	if lineStart == 0 {
		return false
	}
	prevEnd := lineStart - 1
	prev := data[bytes.LastIndexByte(data[:prevEnd], '\n')+1 : prevEnd]
	t := bytes.TrimLeft(prev, " \t")
	return len(t) > 0 && t[0] == '#' && exampleInstruction().Match(t)
}
