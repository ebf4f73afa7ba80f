package djtemplate

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

// lexScript prints Django's own tokens for each file named on stdin, as
// JSON lines: [kind, contents, lineno].
const lexScript = `
import json, sys
from django.template.base import Lexer
for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    src = open(path, encoding="utf-8").read()
    toks = []
    for t in Lexer(src).tokenize():
        # Inside verbatim Django makes each tag a text token of its own;
        # djsec keeps one text token, as the parser does.
        if toks and toks[-1][0] == 0 and t.token_type.value == 0:
            toks[-1][1] += t.contents
        else:
            toks.append([t.token_type.value, t.contents, t.lineno])
    print(json.dumps({"path": path, "tokens": toks}))
`

// TestLexMatchesDjango compares Lex with django.template.base.Lexer on
// real templates: Django's own (from the Debian python3-django package)
// and djsec's testdata. It is skipped where Django is not installed.
func TestLexMatchesDjango(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		testenv.Missing(t, "/usr/bin/python3", "apt-get install python3 python3-django")
	}
	if err := exec.Command(py, "-c", "import django").Run(); err != nil {
		testenv.Missing(t, "Django for /usr/bin/python3", "apt-get install python3-django")
	}
	var files []string
	for _, root := range []string{"/usr/lib/python3/dist-packages/django", "/usr/lib/python3/dist-packages/rest_framework", "/usr/lib/python3/dist-packages/guardian", "/usr/lib/python3/dist-packages/django_filters", "../rules/templates/testdata", "../../examples"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(p, "/templates/") && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".txt")) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no templates found")
	}
	cmd := exec.Command(py, "-c", lexScript)
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running Django's lexer: %v", err)
	}
	kinds := map[TokenKind]int{TokenText: 0, TokenVar: 1, TokenBlock: 2, TokenComment: 3}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var res struct {
			Path   string
			Tokens [][]any
		}
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(res.Path)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		toks, _ := Lex(src)
		ls := newLines(src)
		if len(toks) != len(res.Tokens) {
			t.Errorf("%s: got %d tokens, Django has %d", res.Path, len(toks), len(res.Tokens))
			continue
		}
		for i, tok := range toks {
			want := res.Tokens[i]
			wantKind, wantContents, wantLine := int(want[0].(float64)), want[1].(string), int(want[2].(float64))
			if kinds[tok.Kind] != wantKind || tok.Contents != wantContents || ls.pos(tok.Start).Line != wantLine {
				t.Errorf("%s: token %d: got kind %d %q line %d, Django has kind %d %q line %d", res.Path, i,
					kinds[tok.Kind], tok.Contents, ls.pos(tok.Start).Line, wantKind, wantContents, wantLine)
				break
			}
		}
		n++
	}
	t.Logf("%d templates lexed as Django does", n)
}

// parseScript compiles each JSON-encoded template of stdin with Django's
// engine and prints "ok" or "error" per line.
const parseScript = `
import json, sys
import django
from django.conf import settings
settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
django.setup()
from django.template import Engine, TemplateSyntaxError
engine = Engine()
for line in sys.stdin:
    src = json.loads(line)
    try:
        engine.from_string(src)
        print("ok")
    except TemplateSyntaxError:
        print("error")
`

// TestParseAgreesWithDjango builds random templates from Django's
// built-in block tags and checks that Parse finds a structural error
// exactly when Django's engine refuses the template.
func TestParseAgreesWithDjango(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import django").Run(); err != nil {
		testenv.Missing(t, "Django for /usr/bin/python3", "apt-get install python3-django")
	}
	pieces := []string{
		"{% if a %}", "{% elif b %}", "{% else %}", "{% endif %}",
		"{% for x in y %}", "{% empty %}", "{% endfor %}",
		"{% with a=b %}", "{% endwith %}", "{% spaceless %}", "{% endspaceless %}",
		"{% autoescape off %}", "{% endautoescape %}", "{% filter upper %}", "{% endfilter %}",
		"{% ifchanged %}", "{% endifchanged %}", "{% verbatim %}", "{% endverbatim %}",
		"{% comment %}", "{% endcomment %}", "{{ x }}", "{# c #}", "text", "<p>", "\n",
	}
	rng := uint64(1)
	next := func(n int) int { rng = rng*6364136223846793005 + 1442695040888963407; return int(rng>>33) % n }
	var srcs []string
	var lines []string
	for range 3000 {
		var b strings.Builder
		for k := next(12); k > 0; k-- {
			b.WriteString(pieces[next(len(pieces))])
		}
		src := b.String()
		enc, _ := json.Marshal(src)
		srcs = append(srcs, src)
		lines = append(lines, string(enc))
	}
	cmd := exec.Command(py, "-c", parseScript)
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running Django: %v", err)
	}
	verdicts := strings.Fields(string(out))
	if len(verdicts) != len(srcs) {
		t.Fatalf("got %d verdicts for %d templates", len(verdicts), len(srcs))
	}
	bad := 0
	for i, src := range srcs {
		djangoOK := verdicts[i] == "ok"
		ours := Parse(src).Errors
		if djangoOK != (len(ours) == 0) {
			bad++
			if bad <= 5 {
				t.Errorf("%q: Django says %s, Parse found %v", src, verdicts[i], ours)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d templates judged differently", bad, len(srcs))
	}
}
