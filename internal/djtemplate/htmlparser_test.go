package djtemplate

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

// htmlScript tokenizes each JSON-encoded document of stdin with Python's
// html.parser and prints the tags as one JSON line per document.
const htmlScript = `
import json, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
    def handle_starttag(self, tag, attrs):
        self.out.append(["start", tag, [[k, v] for k, v in attrs]])
    def handle_startendtag(self, tag, attrs):
        self.out.append(["start", tag, [[k, v] for k, v in attrs]])
    def handle_endtag(self, tag):
        self.out.append(["end", tag, []])
for line in sys.stdin:
    p = P()
    p.feed(json.loads(line))
    p.close()
    print(json.dumps(p.out))
`

// TestScanMatchesHTMLParser compares the start and end tags Scan reads
// in generated markup (attributes in every quoting style, over several
// lines, in any case, script content) with Python's html.parser.
func TestScanMatchesHTMLParser(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		testenv.Missing(t, "python3 (its html.parser is the reference)", "apt-get install python3")
	}
	names := []string{"form", "a", "input", "div", "script", "button", "p"}
	attrs := [][2]string{{"method", "post"}, {"METHOD", "POST"}, {"action", "/cart/update/"}, {"href", "https://example.com/?a=1&b=2"},
		{"target", "_blank"}, {"class", "btn btn-primary"}, {"data-x", "1>2"}, {"onclick", "go('a', \"b\")"}, {"disabled", ""}, {"rel", "noopener"}}
	seps := []string{" ", "\n    ", "\t", "  \n"}
	texts := []string{"Hello", " a < b ", "<!-- <form method=post> -->", "x > y", "\n", "<!DOCTYPE html>"}
	rng := uint64(7)
	next := func(n int) int { rng = rng*6364136223846793005 + 1442695040888963407; return int(rng>>33) % n }
	var docs []string
	for range 500 {
		var b strings.Builder
		for k := 1 + next(6); k > 0; k-- {
			name := names[next(len(names))]
			if next(2) == 0 {
				name = strings.ToUpper(name[:1]) + name[1:]
			}
			b.WriteString("<" + name)
			for j := next(4); j > 0; j-- {
				a := attrs[next(len(attrs))]
				b.WriteString(seps[next(len(seps))] + a[0])
				if a[1] == "" {
					continue
				}
				switch q := next(3); {
				case q == 0 || strings.Contains(a[1], "\""):
					if strings.Contains(a[1], "'") {
						b.WriteString("=\"" + strings.ReplaceAll(a[1], "\"", "&quot;") + "\"")
					} else {
						b.WriteString("='" + a[1] + "'")
					}
				case q == 1 || strings.ContainsAny(a[1], " '>=`<"):
					b.WriteString("=\"" + a[1] + "\"")
				default:
					b.WriteString("=" + a[1])
				}
			}
			if next(4) == 0 {
				b.WriteString(seps[next(len(seps))])
			}
			b.WriteString(">")
			if strings.EqualFold(name, "script") {
				b.WriteString("if (a < b && c > d) { x = '<p>'; }</" + name + ">")
				continue
			}
			b.WriteString(texts[next(len(texts))])
			if next(2) == 0 {
				b.WriteString("</" + name + ">")
			}
		}
		docs = append(docs, b.String())
	}
	var in strings.Builder
	for _, d := range docs {
		enc, _ := json.Marshal(d)
		in.Write(enc)
		in.WriteByte('\n')
	}
	cmd := exec.Command(py, "-c", htmlScript)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running html.parser: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(docs) {
		t.Fatalf("got %d results for %d documents", len(lines), len(docs))
	}
	bad := 0
	for i, doc := range docs {
		var want []any
		if err := json.Unmarshal([]byte(lines[i]), &want); err != nil {
			t.Fatal(err)
		}
		var got []any
		Parse(doc).Scan(func(e Event) {
			switch e.Kind {
			case StartTag:
				as := []any{}
				for _, a := range e.Element.Attrs {
					var v any
					if a.HasValue {
						v = strings.ReplaceAll(a.Text, "&quot;", "\"")
					}
					as = append(as, []any{a.Name, v})
				}
				got = append(got, []any{"start", e.Element.Name, as})
			case EndTag:
				got = append(got, []any{"end", e.Name, []any{}})
			}
		})
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			bad++
			if bad <= 3 {
				t.Errorf("%q:\n got %s\nwant %s", doc, g, w)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d documents read differently", bad, len(docs))
	}
}
