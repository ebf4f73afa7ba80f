package taint

import "github.com/djsec/djsec/internal/python"

// Parsers of text raise a ValueError whose message quotes what they were
// given: int("<b>") fails with "invalid literal for int() with base 10:
// '<b>'", and datetime.strptime with "time data '<b>' does not match
// format '%Y-%m-%d'". A view that answers with the message
// (HttpResponseBadRequest(str(err))) echoes the request's text. The
// engine follows such a text from the call in a try body to the name an
// except clause binds the error to.

// echoingCalls are the parsers whose ValueError quotes their first
// argument. json.loads, uuid.UUID, Decimal and base64 do not quote it.
var echoingCalls = map[string]bool{
	"int": true, "float": true, "complex": true,
	"datetime.datetime.strptime": true, "time.strptime": true,
	"datetime.date.fromisoformat": true, "datetime.datetime.fromisoformat": true, "datetime.time.fromisoformat": true,
	"ipaddress.ip_address": true, "ipaddress.ip_network": true, "ipaddress.ip_interface": true,
	"ipaddress.IPv4Address": true, "ipaddress.IPv6Address": true,
	"dateutil.parser.parse": true,
}

// echoSafe is what a parser's error message is safe for: it starts with
// the parser's words ("invalid literal for int()"), so it names no scheme,
// host or path of its own, and it quotes the text with repr(), which
// writes line breaks as \n.
const echoSafe = Redirect | Path | SSRF | Log | Deserialize | XXE | MassAssign | Lookup

// noteEcho adds to s.raised what call c, run in a try body, may raise a
// message quoting: the first argument of a parser (echoingCalls), or an
// argument of a project function that passes its parameter to one.
func (s *fnState) noteEcho(c *python.Call, q string, args []Value) {
	if echoingCalls[q] {
		if len(args) > 0 && args[0] != nil {
			s.raised = union(s.raised, args[0])
		}
		return
	}
	f := s.resolve(c, q)
	if f == nil {
		return
	}
	for _, i := range s.e.echoParams(f) {
		if i < len(args) && args[i] != nil {
			if _, star := c.Args[i].(*python.Starred); !star {
				s.raised = union(s.raised, args[i].step(s.stepAt(c, "passed to %s(), whose parser quotes it in its error", f.Name)))
			}
		}
	}
}

// echoParams returns the parameters a project function hands, as they
// came, to a parser that quotes them in its error (self.recent =
// datetime.strptime(recent, "%Y-%m-%d")), outside a try of its own.
// Found once per function.
func (e *engine) echoParams(f *Func) []int {
	e.echoMu.Lock()
	defer e.echoMu.Unlock()
	if out, ok := e.echoes[f]; ok {
		return out
	}
	if e.echoes == nil {
		e.echoes = map[*Func][]int{}
	}
	index := map[string]int{}
	for i, p := range f.params {
		index[p] = i
	}
	var out []int
	var visit func(n python.Node) bool
	visit = func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Try, *python.FunctionDef, *python.ClassDef, *python.Lambda:
			return n == python.Node(f.Def()) // its own handlers catch what it raises inside; nested defs run later
		case *python.Call:
			if len(x.Args) > 0 && echoingCalls[f.Module.QualName(x.Func)] {
				if a, ok := x.Args[0].(*python.Name); ok {
					if i, ok := index[a.ID]; ok {
						out = append(out, i)
					}
				}
			}
		}
		return true
	}
	python.Inspect(f.Def(), visit)
	e.echoes[f] = out
	return out
}

// catchesValueError reports an except clause that catches a ValueError:
// ValueError itself, Exception, BaseException, or a tuple naming one.
func catchesValueError(t python.Expr) bool {
	switch x := t.(type) {
	case *python.Name:
		return x.ID == "ValueError" || x.ID == "Exception" || x.ID == "BaseException"
	case *python.Tuple:
		for _, e := range x.Elts {
			if catchesValueError(e) {
				return true
			}
		}
	}
	return false
}
