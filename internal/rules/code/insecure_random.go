package code

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsIn("random") }

// InsecureRandom finds the random module used for secrets.
var InsecureRandom = &analysis.Rule{
	ID:         "DJC204",
	Name:       "insecure-random-secret",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{338},
	Checklist:  []int{5, 12},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The random module makes a token, password, OTP or session value",
		What: "Reports calls of the random module (random, randint, randrange, choice, choices, sample, " +
			"getrandbits) whose result is stored in, or returned by a function named like, a token, password, " +
			"OTP, PIN, nonce, salt, secret, reset or verification code, API key or session value, or named for a code (code, generate_code, " +
			"sms_code) when it is a string of random digits or a number of four digits or more: the codes sites mail or text. random used " +
			"for shuffling, sampling or display, random.SystemRandom, the secrets module and MIME multipart " +
			"boundaries (a variable, often called token, used only to build a boundary) are not reported, nor are " +
			"modules that make fake or example data (factories, populatedb, *_example_data commands) and a local name that " +
			"only shares the module's name (random = StrongRandom()), nor a random length given to a generator (get_random_string(length=random.randint(10, 16))): " +
			"it chooses how long the secret is, not what it holds; nor a salt whose every use is hashed into an identifier (doi_batch_id = " +
			"sha1(salt + title).hexdigest()), unique rather than secret. In code named for development (dev/, prepare-dev.py), the finding is low.",
		Why: "random is a Mersenne Twister: after 624 outputs its state is known and every later value can be " +
			"predicted, so reset links, OTPs and invitation codes can be guessed.",
		Bad:  "otp = \"\".join(random.choice(string.digits) for _ in range(6))",
		Good: "otp = \"\".join(secrets.choice(string.digits) for _ in range(6))",
		Fix:  "Use the secrets module (secrets.token_urlsafe, secrets.choice, secrets.randbelow) or django.utils.crypto.get_random_string.",
		References: []string{"https://docs.python.org/3/library/secrets.html",
			"https://docs.python.org/3/library/random.html", "https://cwe.mitre.org/data/definitions/338.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			if fakeData(m) {
				continue
			}
			seen := map[python.Node]bool{}
			boundaries := boundaryUses{}
			// whether a function hashes a name only into identifiers,
			// decided once per function and name: a function of many
			// such calls was read again at each
			type use struct {
				fn   *python.FunctionDef
				name string
			}
			identifiers := map[use]bool{}
			hashedIntoIdentifiers := func(fn *python.FunctionDef, name string) bool {
				k := use{fn, name}
				v, ok := identifiers[k]
				if !ok {
					v = onlyHashedIntoIdentifiers(fn, name)
					identifiers[k] = v
				}
				return v
			}
			for _, st := range m.Index().Calls {
				q := st.Q
				if st.Func == nil || !strings.HasPrefix(q, "random.") || strings.HasPrefix(q, "random.SystemRandom") || q == "random.shuffle" || q == "random.seed" {
					continue
				}
				if !importedRoot(m, st.Call.Func) {
					continue // random = StrongRandom(): a name of the code's, not the module
				}
				if st.Kw != nil && sizeKeywords[st.Kw.Arg] && st.Kw.Value == python.Expr(st.Call) {
					// make_random_password(length=random.randint(10, 16)):
					// the call picks how long, the generator what
					continue
				}
				var ctx python.Node
				target := ""
				if st.Kw != nil && protects(st.Kw.Arg) && !harmless(st.Kw.Arg) {
					ctx, target = st.Kw, st.Kw.Arg
				} else if t := stmtTarget(m, st); t != "" && (protects(t) || numericCode(t, q, st.Call)) && !harmless(t) {
					ctx, target = st.Stmt, t
				}
				if ctx == nil || seen[ctx] || boundaries.mimeBoundary(m, st) {
					continue
				}
				if _, local := ctx.(python.Stmt); local && hashedIntoIdentifiers(st.Func, target) {
					// a salt hashed into doi_batch_id: an identifier,
					// unique rather than secret
					continue
				}
				seen[ctx] = true
				d := analysis.Diagnostic{Location: m.Location(st.Call), Message: fmt.Sprintf("%s makes %s: its output is predictable", q, target)}
				if developmentModule(m.File.Path) {
					// prepare-dev.py writing a checkout's local settings
					d.Severity = report.Low
					d.Message += "; in code for development, whose secrets guard no deployed site"
				}
				pass.Report(d)
			}
		}
	},
}

// numericCode reports a random string of digits, or a number of four
// digits or more, kept under a name for a code (code, generate_code,
// sms_code): the shape of the codes a site mails or texts to confirm an
// address or a login, which the name alone (zip_code, color_code) does not
// tell.
func numericCode(name, q string, c *python.Call) bool {
	ws := words(name)
	if len(ws) == 0 || ws[len(ws)-1] != "code" {
		return false
	}
	switch q {
	case "random.choice", "random.choices", "random.sample":
		return len(c.Args) > 0 && digitsAlphabet(c.Args[0])
	case "random.randint", "random.randrange":
		if len(c.Args) != 2 {
			return false
		}
		if hi, ok := c.Args[1].(*python.Constant); ok {
			n, isInt := hi.Value.(int64)
			return isInt && n >= 999
		}
	}
	return false
}

// digitsAlphabet reports string.digits or a literal of digits alone.
func digitsAlphabet(e python.Expr) bool {
	if a, ok := e.(*python.Attribute); ok {
		n, ok := a.Value.(*python.Name)
		return ok && n.ID == "string" && a.Attr == "digits"
	}
	s, ok := constStr(e)
	return ok && s != "" && strings.Trim(s, "0123456789") == ""
}

// sizeKeywords name the length of what a generator makes: a random value
// given there chooses only how long a secret is.
var sizeKeywords = map[string]bool{"length": true, "size": true, "nbytes": true, "num_bytes": true}

// mimeBoundary reports whether a random value only serves as a MIME
// multipart boundary, which must not occur in the body but need not be
// unpredictable. email.generator._make_boundary and its copies (wadllib)
// store it in a variable named token: the call is in a function named
// like a boundary maker, or every use of the variable it is assigned to
// builds a boundary.
func (b boundaryUses) mimeBoundary(m *taint.Module, st taint.Site) bool {
	if st.Func != nil && mentionsBoundary(st.Func.Name) {
		return true
	}
	a, ok := st.Stmt.(*python.Assign)
	if !ok || len(a.Targets) != 1 {
		return false
	}
	v, ok := a.Targets[0].(*python.Name)
	if !ok {
		return false
	}
	var scope python.Node = m.Tree()
	if st.Func != nil {
		scope = st.Func
	}
	u := b.of(scope, v.ID)
	uses, boundary := u.uses-1, u.boundary // the other uses: all but v itself
	if u.builds[v] {
		boundary--
	}
	return uses > 0 && uses == boundary
}

// boundaryUses keeps, for each function (or module) and name, how often
// the name occurs and how often in a statement that makes a boundary of
// it: worked out once, since a function that draws the same name many
// times was read again at each draw.
type boundaryUses map[boundaryKey]*boundaryCount

type boundaryKey struct {
	scope python.Node
	name  string
}

type boundaryCount struct {
	uses, boundary int
	builds         map[*python.Name]bool // the occurrences that make a boundary
}

func (b boundaryUses) of(scope python.Node, name string) *boundaryCount {
	k := boundaryKey{scope, name}
	if u := b[k]; u != nil {
		return u
	}
	u := &boundaryCount{builds: map[*python.Name]bool{}}
	python.InspectStack(scope, func(n python.Node, stack []python.Node) bool {
		if x, ok := n.(*python.Name); ok && x.ID == name {
			u.uses++
			if buildsBoundary(stack) {
				u.boundary++
				u.builds[x] = true
			}
		}
		return true
	})
	b[k] = u
	return u
}

// buildsBoundary reports whether the innermost statement of stack, around
// a use of a variable, makes a boundary of it: a boundary= argument, a
// set_boundary call, a string that mentions the boundary, or an
// assignment to a variable or attribute named like one.
func buildsBoundary(stack []python.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch x := stack[i].(type) {
		case *python.Keyword:
			if mentionsBoundary(x.Arg) {
				return true
			}
		case *python.Call:
			if name, ok := python.DottedName(x.Func); ok && mentionsBoundary(name) {
				return true
			}
			if a, ok := x.Func.(*python.Attribute); ok && boundaryString(a.Value) {
				return true // "...; boundary={}".format(token)
			}
		case *python.BinOp:
			if boundaryString(x.Left) || boundaryString(x.Right) {
				return true
			}
		case *python.JoinedStr:
			for _, v := range x.Values {
				if boundaryString(v) {
					return true
				}
			}
		case *python.Assign:
			for _, t := range x.Targets {
				if name, ok := python.DottedName(t); ok && mentionsBoundary(name) {
					return true
				}
			}
			return false
		case python.Stmt:
			return false
		}
	}
	return false
}

func mentionsBoundary(s string) bool { return strings.Contains(strings.ToLower(s), "boundary") }

func boundaryString(e python.Expr) bool {
	s, ok := constStr(e)
	return ok && mentionsBoundary(s)
}

// importedRoot reports a callee whose first name the module imports
// (import random, from random import choice), not one the code binds.
func importedRoot(m *taint.Module, e python.Expr) bool {
	for {
		switch x := e.(type) {
		case *python.Attribute:
			e = x.Value
		case *python.Name:
			_, ok := m.Imports.Lookup(x.ID)
			return ok
		default:
			return false
		}
	}
}

// fakeData reports whether a module makes fake or sample data (factories,
// populatedb commands, demo fixtures), where random values protect
// nothing.
func fakeData(m *taint.Module) bool {
	ws := words(m.File.Path)
	for i, w := range ws {
		switch w {
		case "fake", "faker", "factory", "factories", "populatedb", "demo", "dummy", "fixtures", "seed", "seeds":
			return true
		case "random", "sample", "test", "example":
			if i+1 < len(ws) && ws[i+1] == "data" {
				return true
			}
		}
	}
	return false
}
