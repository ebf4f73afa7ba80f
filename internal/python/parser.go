package python

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxDepth bounds recursion so deeply nested input fails cleanly instead
// of exhausting the stack.
const maxDepth = 1000

// bailout unwinds the parser to the enclosing statement after an error.
type bailout struct{}

// slab hands out nodes from chunks: one allocation per 64 nodes of the
// most common kinds instead of one each, which halves parse time spent
// in the allocator and garbage collector.
type slab[T any] struct{ buf []T }

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, 64)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

type parser struct {
	names  slab[Name]
	consts slab[Constant]
	attrs  slab[Attribute]
	calls  slab[Call]

	src    string
	file   *File
	toks   []token
	i      int   // index of the current token
	tok    token // toks[i]
	errors ErrorList
	depth  int
}

func (p *parser) init(file *File, src string) {
	p.src = src
	p.file = file
	p.toks = scan(src, func(off int, msg string) { p.addError(off, msg) })
	p.i = 0
	p.tok = p.toks[0]
}

func (p *parser) addError(off int, msg string) {
	p.errors = append(p.errors, &Error{Pos: p.file.Position(Pos(off + 1)), Msg: msg})
}

// fail records an error at the current token and unwinds to the statement.
func (p *parser) fail(format string, args ...any) {
	p.failAt(int(p.tok.pos), format, args...)
}

func (p *parser) failAt(off int, format string, args ...any) {
	p.addError(off, fmt.Sprintf(format, args...))
	panic(bailout{})
}

func (p *parser) next() {
	if p.i < len(p.toks)-1 {
		p.i++
		p.tok = p.toks[p.i]
	}
}

func (p *parser) reset(i int) {
	p.i = i
	p.tok = p.toks[i]
}

func (p *parser) peek(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) got(k tokKind) bool {
	if p.tok.kind == k {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(k tokKind) token {
	t := p.tok
	if t.kind != k {
		p.unexpected("expected " + k.String())
	}
	p.next()
	return t
}

func (p *parser) unexpected(want string) {
	switch p.tok.kind {
	case tEOF:
		p.fail("unexpected EOF while parsing")
	case tIndent:
		p.fail("unexpected indent")
	case tDedent:
		p.fail("unindent does not match any outer indentation level")
	}
	if want == "" {
		p.fail("invalid syntax")
	}
	p.fail("invalid syntax: %s", want)
}

// start is the position of the current token; end is the position after
// the last consumed token. Like CPython, a node spans from the first token
// of its rule to the last, so "(a) + b" starts at the parenthesis.
func (p *parser) start() Pos { return Pos(p.tok.pos + 1) }

func (p *parser) end() Pos {
	i := p.i - 1
	for i > 0 && (p.toks[i].kind == tNewline || p.toks[i].kind == tDedent || p.toks[i].kind == tIndent) {
		i--
	}
	if i < 0 {
		return 1
	}
	return Pos(p.toks[i].end + 1)
}

func (p *parser) text(t token) string { return p.src[t.pos:t.end] }

func (p *parser) isName(s string) bool { return p.tok.kind == tName && p.text(p.tok) == s }

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail("too many nested expressions or blocks")
	}
}

func (p *parser) leave() { p.depth-- }

// try runs f speculatively; on a syntax error it rewinds and returns false.
func (p *parser) try(f func()) (ok bool) {
	save, nerr, depth := p.i, len(p.errors), p.depth
	defer func() {
		if r := recover(); r != nil {
			if _, b := r.(bailout); !b {
				panic(r)
			}
			p.reset(save)
			p.errors = p.errors[:nerr]
			p.depth = depth
			ok = false
		}
	}()
	f()
	return true
}

// identifier returns the name of a NAME token, NFKC-normalized as CPython
// does for non-ASCII identifiers.
func (p *parser) identifier(t token) string {
	s := p.text(t)
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFKC.String(s)
		}
	}
	return s
}

func (p *parser) expectName() string {
	t := p.expect(tName)
	return p.identifier(t)
}

func (p *parser) newName(span Span, id string, ctx Ctx) *Name {
	n := p.names.new()
	*n = Name{span, id, ctx}
	return n
}

func (p *parser) newAttribute(span Span, value Expr, attr string, ctx Ctx) *Attribute {
	a := p.attrs.new()
	*a = Attribute{span, value, attr, ctx}
	return a
}

func (p *parser) newConstant(span Span, value any) *Constant {
	c := p.consts.new()
	*c = Constant{Span: span, Value: value}
	return c
}

// ---- statements ----

func (p *parser) parseModule() *Module {
	m := &Module{File: p.file}
	m.From = 1
	m.Body = p.parseStatements(tEOF)
	m.To = Pos(len(p.src) + 1)
	if m.Body == nil {
		m.Body = []Stmt{}
	}
	return m
}

// parseEvalInput parses "expressions NEWLINE* ENDMARKER".
func (p *parser) parseEvalInput() (e Expr) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			e = &BadExpr{Span{1, Pos(len(p.src) + 1)}}
		}
	}()
	for p.tok.kind == tIndent {
		p.next() // leading whitespace is not an indent in eval mode
	}
	e = p.parseStarExpressions()
	for p.tok.kind == tNewline || p.tok.kind == tDedent {
		p.next()
	}
	if p.tok.kind != tEOF {
		p.unexpected("")
	}
	return e
}

// parseStatements parses statements until the closing token (DEDENT or
// EOF), recovering from errors statement by statement.
func (p *parser) parseStatements(until tokKind) []Stmt {
	var list []Stmt
	extra := 0 // unexpected INDENTs seen while recovering
	for {
		switch p.tok.kind {
		case tEOF:
			return list
		case until:
			if extra == 0 {
				return list
			}
			extra--
			p.next()
			continue
		case tDedent:
			if extra > 0 {
				extra--
				p.next()
				continue
			}
			return list
		case tIndent:
			p.addError(int(p.tok.pos), "unexpected indent")
			extra++
			p.next()
			continue
		}
		list = p.parseStatement(list)
	}
}

// parseStatement appends one statement (several for "a; b") to list.
func (p *parser) parseStatement(list []Stmt) (out []Stmt) {
	startIdx := p.i
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			out = append(list, p.syncStatement(startIdx))
		}
	}()
	switch p.tok.kind {
	case tDef, tIf, tClass, tWith, tFor, tTry, tWhile, tAt, tAsync:
		return append(list, p.parseCompound())
	case tName:
		if p.isName("match") {
			if s := p.tryMatch(); s != nil {
				return append(list, s)
			}
		}
	}
	return p.parseSimpleStatements(list)
}

// syncStatement skips to the end of the logical line so parsing always
// moves forward, and returns a BadStmt covering the skipped tokens.
func (p *parser) syncStatement(startIdx int) Stmt {
	from := Pos(p.toks[startIdx].pos + 1)
	for p.tok.kind != tNewline && p.tok.kind != tEOF {
		p.next()
	}
	p.got(tNewline)
	if p.i == startIdx {
		p.next()
	}
	return &BadStmt{Span{from, p.end()}}
}

func (p *parser) parseSimpleStatements(list []Stmt) []Stmt {
	for {
		list = append(list, p.parseSimple())
		if !p.got(tSemi) {
			break
		}
		if p.tok.kind == tNewline {
			break
		}
	}
	p.expectNewline()
	return list
}

func (p *parser) expectNewline() {
	if p.tok.kind != tNewline {
		p.unexpected("")
	}
	p.next()
}

func (p *parser) parseSimple() Stmt {
	start := p.start()
	switch p.tok.kind {
	case tPass:
		p.next()
		return &Pass{Span{start, p.end()}}
	case tBreak:
		p.next()
		return &Break{Span{start, p.end()}}
	case tContinue:
		p.next()
		return &Continue{Span{start, p.end()}}
	case tReturn:
		p.next()
		s := &Return{}
		if !p.atSimpleEnd() {
			s.Value = p.parseStarExpressions()
		}
		s.Span = Span{start, p.end()}
		return s
	case tImport:
		return p.parseImport()
	case tFrom:
		return p.parseFromImport()
	case tRaise:
		p.next()
		s := &Raise{}
		if !p.atSimpleEnd() {
			s.Exc = p.parseExpression()
			if p.got(tFrom) {
				s.Cause = p.parseExpression()
			}
		}
		s.Span = Span{start, p.end()}
		return s
	case tGlobal, tNonlocal:
		kind := p.tok.kind
		p.next()
		var names []string
		for {
			names = append(names, p.expectName())
			if !p.got(tComma) {
				break
			}
		}
		if kind == tGlobal {
			return &Global{Span{start, p.end()}, names}
		}
		return &Nonlocal{Span{start, p.end()}, names}
	case tDel:
		p.next()
		var targets []Expr
		for {
			targets = append(targets, p.parseTarget(Del))
			if !p.got(tComma) || !p.atTargetStart() {
				break
			}
		}
		if !p.atSimpleEnd() {
			p.fail("invalid syntax: cannot delete expression")
		}
		return &Delete{Span{start, p.end()}, targets}
	case tAssert:
		p.next()
		s := &Assert{Test: p.parseExpression()}
		if p.got(tComma) {
			s.Msg = p.parseExpression()
		}
		s.Span = Span{start, p.end()}
		return s
	case tName:
		if p.isName("type") && p.peek(1).kind == tName && (p.peek(2).kind == tEqual || p.peek(2).kind == tLSqb) {
			return p.parseTypeAlias()
		}
	}
	return p.parseExprStatement()
}

func (p *parser) atSimpleEnd() bool {
	return p.tok.kind == tNewline || p.tok.kind == tSemi || p.tok.kind == tEOF
}

func (p *parser) parseTypeAlias() Stmt {
	start := p.start()
	p.next()
	nt := p.tok
	name := p.newName(Span{p.start(), Pos(nt.end + 1)}, p.expectName(), Store)
	s := &TypeAlias{Name: name}
	if p.tok.kind == tLSqb {
		s.TypeParams = p.parseTypeParams()
	}
	p.expect(tEqual)
	s.Value = p.parseExpression()
	s.Span = Span{start, p.end()}
	return s
}

// parseExprStatement parses an expression statement or an assignment.
func (p *parser) parseExprStatement() Stmt {
	start := p.start()
	first := p.tok
	var e Expr
	if p.tok.kind == tYield {
		e = p.parseYield()
	} else {
		e = p.parseStarExpressions()
	}
	switch p.tok.kind {
	case tColon:
		p.next()
		simple := 0
		if _, ok := e.(*Name); ok && first.kind != tLPar {
			simple = 1
		}
		switch e.(type) {
		case *Name, *Attribute, *Subscript:
		default:
			p.failAt(int(first.pos), "only single target (not %s) can be annotated", describe(e))
		}
		s := &AnnAssign{Target: p.toStore(e, Store), Annotation: p.parseExpression(), Simple: simple}
		if p.got(tEqual) {
			s.Value = p.parseAssignValue()
		}
		s.Span = Span{start, p.end()}
		return s
	case tEqual:
		targets := []Expr{p.toStore(e, Store)}
		var value Expr
		for p.got(tEqual) {
			value = p.parseAssignValue()
			if p.tok.kind == tEqual {
				targets = append(targets, p.toStore(value, Store))
			}
		}
		return &Assign{Span: Span{start, p.end()}, Targets: targets, Value: value}
	}
	if op, ok := augOps[p.tok.kind]; ok {
		switch e.(type) {
		case *Name, *Attribute, *Subscript:
		default:
			p.failAt(int(first.pos), "'%s' is an illegal expression for augmented assignment", describe(e))
		}
		p.next()
		target := p.toStore(e, Store)
		value := p.parseAssignValue()
		return &AugAssign{Span{start, p.end()}, target, op, value}
	}
	return &ExprStmt{Span{start, p.end()}, e}
}

func (p *parser) parseAssignValue() Expr {
	if p.tok.kind == tYield {
		return p.parseYield()
	}
	return p.parseStarExpressions()
}

// toStore turns a parsed expression into an assignment (or del) target,
// rejecting what cannot be assigned to.
func (p *parser) toStore(e Expr, ctx Ctx) Expr {
	switch x := e.(type) {
	case *Name:
		x.Ctx = ctx
	case *Attribute:
		x.Ctx = ctx
	case *Subscript:
		x.Ctx = ctx
	case *Starred:
		if ctx == Del {
			p.failAt(int(x.From)-1, "cannot delete starred")
		}
		x.Ctx = ctx
		p.toStore(x.Value, ctx)
	case *Tuple:
		x.Ctx = ctx
		for _, el := range x.Elts {
			p.toStore(el, ctx)
		}
	case *List:
		x.Ctx = ctx
		for _, el := range x.Elts {
			p.toStore(el, ctx)
		}
	default:
		verb := "assign to"
		if ctx == Del {
			verb = "delete"
		}
		p.failAt(int(e.Pos())-1, "cannot %s %s", verb, describe(e))
	}
	return e
}

// describe names an expression kind for error messages, as CPython does.
func describe(e Expr) string {
	switch x := e.(type) {
	case *Call:
		return "function call"
	case *Constant:
		switch x.Value.(type) {
		case None:
			return "None"
		case bool:
			if x.Value.(bool) {
				return "True"
			}
			return "False"
		case Ellipsis:
			return "ellipsis"
		}
		return "literal"
	case *Compare:
		return "comparison"
	case *BinOp, *UnaryOp, *BoolOp:
		return "expression"
	case *Lambda:
		return "lambda"
	case *NamedExpr:
		return "named expression"
	case *Starred:
		return "starred"
	case *Tuple:
		return "tuple"
	case *List:
		return "list"
	case *Dict:
		return "dict literal"
	case *Set:
		return "set display"
	case *JoinedStr:
		return "f-string expression"
	case *Yield, *YieldFrom:
		return "yield expression"
	case *Await:
		return "await expression"
	case *IfExp:
		return "conditional expression"
	case *ListComp:
		return "list comprehension"
	case *GeneratorExp:
		return "generator expression"
	}
	return "expression"
}

// parseTargetList parses comma-separated targets for del, for and
// comprehensions: primaries (with optional *), not full expressions, so
// that the "in" of a for loop is not read as a comparison.
func (p *parser) parseTargetList(ctx Ctx) Expr {
	start := p.start()
	first := p.parseTarget(ctx)
	if p.tok.kind != tComma {
		return first
	}
	elts := []Expr{first}
	for p.got(tComma) {
		if !p.atTargetStart() {
			break
		}
		elts = append(elts, p.parseTarget(ctx))
	}
	return &Tuple{Span{start, p.end()}, elts, ctx}
}

func (p *parser) atTargetStart() bool {
	switch p.tok.kind {
	case tName, tLPar, tLSqb, tStar:
		return true
	}
	return false
}

func (p *parser) parseTarget(ctx Ctx) Expr {
	if p.tok.kind == tStar {
		start := p.start()
		p.next()
		v := p.parseTarget(ctx)
		return p.toStore(&Starred{Span{start, p.end()}, v, Load}, ctx)
	}
	return p.toStore(p.parsePrimary(), ctx)
}

func (p *parser) parseImport() Stmt {
	start := p.start()
	p.next()
	var names []*Alias
	for {
		as := p.start()
		a := &Alias{Name: p.parseDottedName()}
		if p.got(tAs) {
			a.Asname = p.expectName()
		}
		a.Span = Span{as, p.end()}
		names = append(names, a)
		if !p.got(tComma) {
			break
		}
	}
	return &Import{Span{start, p.end()}, names}
}

func (p *parser) parseDottedName() string {
	name := p.expectName()
	for p.tok.kind == tDot {
		p.next()
		name += "." + p.expectName()
	}
	return name
}

func (p *parser) parseFromImport() Stmt {
	start := p.start()
	p.next()
	s := &ImportFrom{}
	for {
		if p.got(tDot) {
			s.Level++
		} else if p.got(tEllipsis) {
			s.Level += 3
		} else {
			break
		}
	}
	if p.tok.kind != tImport || s.Level == 0 {
		s.Module = p.parseDottedName()
	}
	p.expect(tImport)
	if p.tok.kind == tStar {
		as := p.start()
		p.next()
		s.Names = []*Alias{{Span: Span{as, p.end()}, Name: "*"}}
		s.Span = Span{start, p.end()}
		return s
	}
	paren := p.got(tLPar)
	for {
		as := p.start()
		a := &Alias{Name: p.expectName()}
		if p.got(tAs) {
			a.Asname = p.expectName()
		}
		a.Span = Span{as, p.end()}
		s.Names = append(s.Names, a)
		if !p.got(tComma) {
			break
		}
		if paren && p.tok.kind == tRPar {
			break
		}
		if !paren && p.tok.kind != tName {
			p.fail("trailing comma not allowed without surrounding parentheses")
		}
	}
	if paren {
		p.expect(tRPar)
	}
	s.Span = Span{start, p.end()}
	return s
}

// parseBlock parses the suite after a colon: an indented block or simple
// statements on the same line.
func (p *parser) parseBlock() []Stmt {
	p.expect(tColon)
	if p.tok.kind != tNewline {
		return p.parseSimpleStatements(nil)
	}
	p.next()
	if p.tok.kind != tIndent {
		p.fail("expected an indented block")
	}
	p.next()
	p.enter()
	body := p.parseStatements(tDedent)
	p.leave()
	if p.tok.kind == tDedent {
		p.next()
	} else if len(body) == 0 || p.tok.kind != tEOF {
		p.unexpected("")
	}
	return body
}

func (p *parser) parseCompound() Stmt {
	switch p.tok.kind {
	case tAt:
		return p.parseDecorated()
	case tDef:
		return p.parseFuncDef(p.start(), nil, false)
	case tClass:
		return p.parseClassDef(p.start(), nil)
	case tIf:
		return p.parseIf()
	case tWhile:
		return p.parseWhile()
	case tFor:
		return p.parseFor(p.start(), false)
	case tWith:
		return p.parseWith(p.start(), false)
	case tTry:
		return p.parseTry()
	case tAsync:
		start := p.start()
		p.next()
		switch p.tok.kind {
		case tDef:
			return p.parseFuncDef(start, nil, true)
		case tFor:
			return p.parseFor(start, true)
		case tWith:
			return p.parseWith(start, true)
		}
	}
	p.unexpected("")
	return nil
}

func (p *parser) parseDecorated() Stmt {
	var decos []Expr
	for p.got(tAt) {
		decos = append(decos, p.parseNamedExpression())
		p.expectNewline()
	}
	// CPython positions a decorated definition at its def or class keyword.
	start := p.start()
	switch p.tok.kind {
	case tDef:
		return p.parseFuncDef(start, decos, false)
	case tClass:
		return p.parseClassDef(start, decos)
	case tAsync:
		p.next()
		if p.tok.kind == tDef {
			return p.parseFuncDef(start, decos, true)
		}
	}
	p.unexpected("")
	return nil
}

func (p *parser) parseFuncDef(start Pos, decos []Expr, async bool) Stmt {
	p.expect(tDef)
	s := &FunctionDef{IsAsync: async, Name: p.expectName(), DecoratorList: decos}
	if s.DecoratorList == nil {
		s.DecoratorList = []Expr{}
	}
	if p.tok.kind == tLSqb {
		s.TypeParams = p.parseTypeParams()
	}
	p.expect(tLPar)
	s.Args = p.parseParams(tRPar, true)
	p.expect(tRPar)
	if p.got(tRArrow) {
		s.Returns = p.parseExpression()
	}
	s.Body = p.parseBlock()
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseClassDef(start Pos, decos []Expr) Stmt {
	p.expect(tClass)
	s := &ClassDef{Name: p.expectName(), DecoratorList: decos, Bases: []Expr{}, Keywords: []*Keyword{}}
	if s.DecoratorList == nil {
		s.DecoratorList = []Expr{}
	}
	if p.tok.kind == tLSqb {
		s.TypeParams = p.parseTypeParams()
	}
	if p.got(tLPar) {
		s.Bases, s.Keywords = p.parseCallArgs(false)
		p.expect(tRPar)
	}
	s.Body = p.parseBlock()
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseTypeParams() []TypeParam {
	p.expect(tLSqb)
	var list []TypeParam
	for p.tok.kind != tRSqb {
		start := p.start()
		switch {
		case p.got(tStar):
			tp := &TypeVarTuple{Name: p.expectName()}
			if p.got(tEqual) {
				tp.DefaultValue = p.parseStarExpression()
			}
			tp.Span = Span{start, p.end()}
			list = append(list, tp)
		case p.got(tDoubleStar):
			tp := &ParamSpec{Name: p.expectName()}
			if p.got(tEqual) {
				tp.DefaultValue = p.parseExpression()
			}
			tp.Span = Span{start, p.end()}
			list = append(list, tp)
		default:
			tp := &TypeVar{Name: p.expectName()}
			if p.got(tColon) {
				tp.Bound = p.parseExpression()
			}
			if p.got(tEqual) {
				tp.DefaultValue = p.parseExpression()
			}
			tp.Span = Span{start, p.end()}
			list = append(list, tp)
		}
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRSqb)
	if len(list) == 0 {
		p.fail("type parameter list cannot be empty")
	}
	return list
}

// parseParams parses def (annotations allowed) or lambda parameters up to
// the closing token.
func (p *parser) parseParams(closing tokKind, annotations bool) *Arguments {
	a := &Arguments{Posonlyargs: []*Arg{}, Args: []*Arg{}, Kwonlyargs: []*Arg{}, KwDefaults: []Expr{}, Defaults: []Expr{}}
	a.From = p.start()
	star := false // seen * or *args
	sawDefault := false
	for p.tok.kind != closing {
		switch {
		case p.tok.kind == tSlash:
			if star || len(a.Args) == 0 || len(a.Posonlyargs) > 0 {
				p.fail("invalid syntax: misplaced '/'")
			}
			p.next()
			a.Posonlyargs, a.Args = a.Args, []*Arg{}
		case p.tok.kind == tStar:
			if star {
				p.fail("* argument may appear only once")
			}
			star = true
			p.next()
			if p.tok.kind == tComma {
				if p.peek(1).kind == closing {
					p.fail("named arguments must follow bare *")
				}
				break
			}
			if p.tok.kind == closing {
				p.fail("named arguments must follow bare *")
			}
			a.Vararg = p.parseParam(annotations, true)
		case p.tok.kind == tDoubleStar:
			p.next()
			a.Kwarg = p.parseParam(annotations, false)
			p.got(tComma)
			if p.tok.kind != closing {
				p.fail("arguments cannot follow var-keyword argument")
			}
			continue
		default:
			arg := p.parseParam(annotations, false)
			var def Expr
			if p.got(tEqual) {
				def = p.parseExpression()
			}
			if star {
				a.Kwonlyargs = append(a.Kwonlyargs, arg)
				a.KwDefaults = append(a.KwDefaults, def)
			} else {
				if def != nil {
					sawDefault = true
					a.Defaults = append(a.Defaults, def)
				} else if sawDefault {
					p.failAt(int(arg.From)-1, "non-default argument follows default argument")
				}
				a.Args = append(a.Args, arg)
			}
		}
		if !p.got(tComma) {
			break
		}
	}
	if star && a.Vararg == nil && len(a.Kwonlyargs) == 0 {
		p.fail("named arguments must follow bare *")
	}
	a.To = max(a.From, p.end()) // an empty list is an empty span
	return a
}

func (p *parser) parseParam(annotations, starred bool) *Arg {
	start := p.start()
	arg := &Arg{Arg: p.expectName()}
	if annotations && p.got(tColon) {
		if starred && p.tok.kind == tStar {
			arg.Annotation = p.parseStarExpression()
		} else {
			arg.Annotation = p.parseExpression()
		}
	}
	arg.Span = Span{start, p.end()}
	return arg
}

func (p *parser) parseIf() Stmt {
	start := p.start()
	p.next() // if or elif
	s := &If{Test: p.parseNamedExpression()}
	s.Body = p.parseBlock()
	switch p.tok.kind {
	case tElif:
		s.Orelse = []Stmt{p.parseIf()}
	case tElse:
		p.next()
		s.Orelse = p.parseBlock()
	default:
		s.Orelse = []Stmt{}
	}
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseElse() []Stmt {
	if p.got(tElse) {
		return p.parseBlock()
	}
	return []Stmt{}
}

func (p *parser) parseWhile() Stmt {
	start := p.start()
	p.next()
	s := &While{Test: p.parseNamedExpression()}
	s.Body = p.parseBlock()
	s.Orelse = p.parseElse()
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseFor(start Pos, async bool) Stmt {
	p.expect(tFor)
	s := &For{IsAsync: async, Target: p.parseTargetList(Store)}
	p.expect(tIn)
	s.Iter = p.parseStarExpressions()
	s.Body = p.parseBlock()
	s.Orelse = p.parseElse()
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseWith(start Pos, async bool) Stmt {
	p.expect(tWith)
	s := &With{IsAsync: async}
	parenthesized := false
	if p.tok.kind == tLPar {
		parenthesized = p.try(func() {
			p.next()
			var items []*WithItem
			for {
				items = append(items, p.parseWithItem())
				if !p.got(tComma) || p.tok.kind == tRPar {
					break
				}
			}
			p.expect(tRPar)
			if p.tok.kind != tColon {
				p.fail("invalid syntax")
			}
			s.Items = items
		})
	}
	if !parenthesized {
		for {
			s.Items = append(s.Items, p.parseWithItem())
			if !p.got(tComma) {
				break
			}
		}
	}
	s.Body = p.parseBlock()
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseWithItem() *WithItem {
	start := p.start()
	w := &WithItem{ContextExpr: p.parseExpression()}
	if p.got(tAs) {
		w.OptionalVars = p.parseTarget(Store)
		switch p.tok.kind {
		case tComma, tRPar, tColon:
		default:
			p.unexpected("")
		}
	}
	w.Span = Span{start, p.end()}
	return w
}

func (p *parser) parseTry() Stmt {
	start := p.start()
	p.next()
	s := &Try{Body: p.parseBlock(), Handlers: []*ExceptHandler{}, Orelse: []Stmt{}, Finalbody: []Stmt{}}
	sawPlain := false
	for p.tok.kind == tExcept {
		hs := p.start()
		p.next()
		h := &ExceptHandler{}
		if p.got(tStar) {
			if sawPlain {
				p.fail("cannot have both 'except' and 'except*' on the same 'try'")
			}
			s.IsStar = true
			if p.tok.kind == tColon {
				p.fail("expected one or more exception types")
			}
		} else {
			if s.IsStar {
				p.fail("cannot have both 'except' and 'except*' on the same 'try'")
			}
			sawPlain = true
		}
		if p.tok.kind != tColon {
			h.Type = p.parseExpression()
			if p.tok.kind == tComma {
				p.fail("multiple exception types must be parenthesized")
			}
			if p.got(tAs) {
				h.Name = p.expectName()
			}
		}
		h.Body = p.parseBlock()
		h.Span = Span{hs, p.end()}
		s.Handlers = append(s.Handlers, h)
	}
	if len(s.Handlers) > 0 {
		s.Orelse = p.parseElse()
	}
	if p.got(tFinally) {
		s.Finalbody = p.parseBlock()
	}
	if len(s.Handlers) == 0 && len(s.Finalbody) == 0 {
		p.fail("expected 'except' or 'finally' block")
	}
	s.Span = Span{start, p.end()}
	return s
}

// ---- expressions ----

// parseStarExpressions parses "a, *b, c" into a Tuple, or one expression.
func (p *parser) parseStarExpressions() Expr {
	start := p.start()
	e := p.parseStarExpression()
	if p.tok.kind != tComma {
		return e
	}
	elts := []Expr{e}
	for p.got(tComma) {
		if !p.atExprStart() {
			break
		}
		elts = append(elts, p.parseStarExpression())
	}
	return &Tuple{Span{start, p.end()}, elts, Load}
}

func (p *parser) parseStarExpression() Expr {
	if p.tok.kind == tStar {
		start := p.start()
		p.next()
		v := p.parseBitOr()
		return &Starred{Span{start, p.end()}, v, Load}
	}
	return p.parseExpression()
}

func (p *parser) parseStarNamedExpression() Expr {
	if p.tok.kind == tStar {
		start := p.start()
		p.next()
		v := p.parseBitOr()
		return &Starred{Span{start, p.end()}, v, Load}
	}
	return p.parseNamedExpression()
}

// atExprStart reports whether the current token can begin an expression;
// it decides whether a trailing comma ends a tuple.
func (p *parser) atExprStart() bool {
	switch p.tok.kind {
	case tName, tNumber, tString, tFStringStart, tLPar, tLSqb, tLBrace, tMinus, tPlus,
		tTilde, tStar, tNot, tLambda, tAwait, tNone, tTrue, tFalse, tEllipsis:
		return true
	}
	return false
}

func (p *parser) parseNamedExpression() Expr {
	if p.tok.kind == tName && p.peek(1).kind == tColonEqual {
		start := p.start()
		t := p.tok
		p.next()
		p.next()
		target := p.newName(Span{start, Pos(t.end + 1)}, p.identifier(t), Store)
		value := p.parseExpression()
		return &NamedExpr{Span{start, p.end()}, target, value}
	}
	e := p.parseExpression()
	if p.tok.kind == tColonEqual {
		p.failAt(int(e.Pos())-1, "cannot use assignment expressions with %s", describe(e))
	}
	return e
}

func (p *parser) parseExpression() Expr {
	if p.tok.kind == tLambda {
		return p.parseLambda()
	}
	start := p.start()
	e := p.parseOr()
	if p.tok.kind != tIf {
		return e
	}
	p.next()
	test := p.parseOr()
	p.expect(tElse)
	p.enter()
	orelse := p.parseExpression()
	p.leave()
	return &IfExp{Span{start, p.end()}, test, e, orelse}
}

func (p *parser) parseLambda() Expr {
	start := p.start()
	p.next()
	args := p.parseParams(tColon, false)
	if len(args.Args)+len(args.Posonlyargs)+len(args.Kwonlyargs) == 0 && args.Vararg == nil && args.Kwarg == nil {
		args.From, args.To = NoPos, NoPos
	}
	p.expect(tColon)
	p.enter()
	body := p.parseExpression()
	p.leave()
	return &Lambda{Span{start, p.end()}, args, body}
}

func (p *parser) parseOr() Expr {
	start := p.start()
	e := p.parseAnd()
	if p.tok.kind != tOr {
		return e
	}
	values := []Expr{e}
	for p.got(tOr) {
		values = append(values, p.parseAnd())
	}
	return &BoolOp{Span{start, p.end()}, Or, values}
}

func (p *parser) parseAnd() Expr {
	start := p.start()
	e := p.parseNot()
	if p.tok.kind != tAnd {
		return e
	}
	values := []Expr{e}
	for p.got(tAnd) {
		values = append(values, p.parseNot())
	}
	return &BoolOp{Span{start, p.end()}, And, values}
}

func (p *parser) parseNot() Expr {
	if p.tok.kind == tNot {
		start := p.start()
		p.next()
		p.enter()
		e := p.parseNot()
		p.leave()
		return &UnaryOp{Span{start, p.end()}, Not, e}
	}
	return p.parseComparison()
}

func (p *parser) compareOp() (CmpOp, bool) {
	switch p.tok.kind {
	case tEqEqual:
		return Eq, true
	case tNotEqual:
		return NotEq, true
	case tLess:
		return Lt, true
	case tLessEqual:
		return LtE, true
	case tGreater:
		return Gt, true
	case tGreaterEqual:
		return GtE, true
	case tIn:
		return In, true
	case tIs:
		if p.peek(1).kind == tNot {
			p.next()
			return IsNot, true
		}
		return Is, true
	case tNot:
		if p.peek(1).kind == tIn {
			p.next()
			return NotIn, true
		}
	}
	return 0, false
}

func (p *parser) parseComparison() Expr {
	start := p.start()
	e := p.parseBitOr()
	op, ok := p.compareOp()
	if !ok {
		return e
	}
	c := &Compare{Left: e}
	for ok {
		p.next()
		c.Ops = append(c.Ops, op)
		c.Comparators = append(c.Comparators, p.parseBitOr())
		op, ok = p.compareOp()
	}
	c.Span = Span{start, p.end()}
	return c
}

// binary operator precedence for | ^ & shifts + - and * / // % @.
func binaryOp(k tokKind) (Operator, int) {
	switch k {
	case tVBar:
		return BitOr, 1
	case tCircumflex:
		return BitXor, 2
	case tAmper:
		return BitAnd, 3
	case tLeftShift:
		return LShift, 4
	case tRightShift:
		return RShift, 4
	case tPlus:
		return Add, 5
	case tMinus:
		return Sub, 5
	case tStar:
		return Mult, 6
	case tSlash:
		return Div, 6
	case tDoubleSlash:
		return FloorDiv, 6
	case tPercent:
		return Mod, 6
	case tAt:
		return MatMult, 6
	}
	return 0, 0
}

func (p *parser) parseBitOr() Expr { return p.parseBinary(1) }

// parseBinary is precedence climbing over the left-associative binary
// operators; all of them are left-associative so one loop suffices.
func (p *parser) parseBinary(minPrec int) Expr {
	start := p.start()
	x := p.parseFactor()
	for {
		op, prec := binaryOp(p.tok.kind)
		if prec < minPrec || prec == 0 {
			return x
		}
		p.next()
		y := p.parseBinaryFrom(prec + 1)
		x = &BinOp{Span{start, p.end()}, x, op, y}
	}
}

func (p *parser) parseBinaryFrom(minPrec int) Expr {
	if minPrec > 6 {
		return p.parseFactor()
	}
	return p.parseBinary(minPrec)
}

func (p *parser) parseFactor() Expr {
	var op UnaryOpKind
	switch p.tok.kind {
	case tPlus:
		op = UAdd
	case tMinus:
		op = USub
	case tTilde:
		op = Invert
	default:
		return p.parsePower()
	}
	start := p.start()
	p.next()
	p.enter()
	e := p.parseFactor()
	p.leave()
	return &UnaryOp{Span{start, p.end()}, op, e}
}

func (p *parser) parsePower() Expr {
	start := p.start()
	var e Expr
	if p.tok.kind == tAwait {
		p.next()
		v := p.parsePrimary()
		e = &Await{Span{start, p.end()}, v}
	} else {
		e = p.parsePrimary()
	}
	if p.tok.kind != tDoubleStar {
		return e
	}
	p.next()
	p.enter()
	right := p.parseFactor()
	p.leave()
	return &BinOp{Span{start, p.end()}, e, Pow, right}
}

// parsePrimary parses an atom followed by attribute, call and subscript
// trailers.
func (p *parser) parsePrimary() Expr {
	start := p.start()
	e := p.parseAtom()
	for {
		switch p.tok.kind {
		case tDot:
			p.next()
			name := p.expectName()
			e = p.newAttribute(Span{start, p.end()}, e, name, Load)
		case tLPar:
			p.next()
			c := p.calls.new()
			c.Func = e
			c.Args, c.Keywords = p.parseCallArgs(true)
			p.expect(tRPar)
			c.Span = Span{start, p.end()}
			if len(c.Args) == 1 {
				if g, ok := c.Args[0].(*GeneratorExp); ok && g.From == 0 {
					g.Span = Span{Pos(p.toks[p.i-1].pos + 1), p.end()}
					g.From = p.callParen(c)
				}
			}
			e = c
		case tLSqb:
			p.next()
			s := p.parseSlices()
			p.expect(tRSqb)
			e = &Subscript{Span{start, p.end()}, e, s, Load}
		default:
			return e
		}
	}
}

// callParen returns the position of the '(' opening c's arguments, which
// CPython uses as the start of a lone generator argument.
func (p *parser) callParen(c *Call) Pos {
	depth := 0
	for i := p.i - 1; i >= 0; i-- {
		switch p.toks[i].kind {
		case tRPar, tRSqb, tRBrace:
			depth++
		case tLPar, tLSqb, tLBrace:
			depth--
			if depth == 0 {
				return Pos(p.toks[i].pos + 1)
			}
		}
	}
	return c.From
}

// parseCallArgs parses call arguments (or class bases, where a bare
// generator is not allowed) up to ')'.
func (p *parser) parseCallArgs(genOK bool) ([]Expr, []*Keyword) {
	args := []Expr{}
	kws := []*Keyword{}
	sawKeyword, sawDoubleStar := false, false
	for p.tok.kind != tRPar {
		start := p.start()
		switch {
		case p.tok.kind == tStar:
			if sawDoubleStar {
				p.fail("iterable argument unpacking follows keyword argument unpacking")
			}
			p.next()
			v := p.parseExpression()
			args = append(args, &Starred{Span{start, p.end()}, v, Load})
		case p.tok.kind == tDoubleStar:
			p.next()
			v := p.parseExpression()
			kws = append(kws, &Keyword{Span{start, p.end()}, "", v})
			sawDoubleStar = true
		case p.tok.kind == tName && p.peek(1).kind == tEqual:
			name := p.identifier(p.tok)
			p.next()
			p.next()
			v := p.parseExpression()
			kws = append(kws, &Keyword{Span{start, p.end()}, name, v})
			sawKeyword = true
		default:
			e := p.parseNamedExpression()
			if p.tok.kind == tFor || p.tok.kind == tAsync {
				gens := p.parseComprehensions()
				g := &GeneratorExp{Elt: e, Generators: gens}
				if !genOK || len(args) > 0 || len(kws) > 0 || p.tok.kind != tRPar {
					p.failAt(int(start)-1, "generator expression must be parenthesized")
				}
				args = append(args, g)
				return args, kws
			}
			if p.tok.kind == tEqual {
				p.failAt(int(start)-1, "expression cannot contain assignment, perhaps you meant \"==\"?")
			}
			if sawDoubleStar {
				p.failAt(int(start)-1, "positional argument follows keyword argument unpacking")
			}
			if sawKeyword {
				p.failAt(int(start)-1, "positional argument follows keyword argument")
			}
			args = append(args, e)
		}
		if !p.got(tComma) {
			break
		}
	}
	return args, kws
}

// parseSlices parses the inside of a subscript.
func (p *parser) parseSlices() Expr {
	start := p.start()
	first := p.parseSliceItem()
	if _, star := first.(*Starred); p.tok.kind != tComma && !star {
		return first
	}
	elts := []Expr{first}
	for p.got(tComma) {
		if p.tok.kind == tRSqb {
			break
		}
		elts = append(elts, p.parseSliceItem())
	}
	return &Tuple{Span{start, p.end()}, elts, Load}
}

func (p *parser) parseSliceItem() Expr {
	start := p.start()
	if p.tok.kind == tStar {
		return p.parseStarExpression()
	}
	var lower Expr
	if p.tok.kind != tColon {
		walrus := p.tok.kind == tName && p.peek(1).kind == tColonEqual
		lower = p.parseNamedExpression()
		if p.tok.kind != tColon {
			return lower
		}
		if walrus {
			p.fail("invalid syntax")
		}
	}
	s := &Slice{Lower: lower}
	p.expect(tColon)
	if p.tok.kind != tColon && p.tok.kind != tComma && p.tok.kind != tRSqb {
		s.Upper = p.parseExpression()
	}
	if p.got(tColon) {
		if p.tok.kind != tComma && p.tok.kind != tRSqb {
			s.Step = p.parseExpression()
		}
	}
	s.Span = Span{start, p.end()}
	return s
}

func (p *parser) parseYield() Expr {
	start := p.start()
	p.expect(tYield)
	if p.got(tFrom) {
		v := p.parseExpression()
		return &YieldFrom{Span{start, p.end()}, v}
	}
	y := &Yield{}
	if p.atExprStart() {
		y.Value = p.parseStarExpressions()
	}
	y.Span = Span{start, p.end()}
	return y
}

func (p *parser) parseAtom() Expr {
	start := p.start()
	t := p.tok
	switch t.kind {
	case tName:
		p.next()
		return p.newName(Span{start, p.end()}, p.identifier(t), Load)
	case tNumber:
		p.next()
		v, err := parseNumber(p.text(t))
		if err != nil {
			p.failAt(int(t.pos), "%v", err)
		}
		return p.newConstant(Span{start, p.end()}, v)
	case tString, tFStringStart:
		return p.parseStrings()
	case tNone:
		p.next()
		return p.newConstant(Span{start, p.end()}, None{})
	case tTrue, tFalse:
		p.next()
		return p.newConstant(Span{start, p.end()}, t.kind == tTrue)
	case tEllipsis:
		p.next()
		return p.newConstant(Span{start, p.end()}, Ellipsis{})
	case tLPar:
		p.enter()
		defer p.leave()
		return p.parseParen()
	case tLSqb:
		p.enter()
		defer p.leave()
		return p.parseList()
	case tLBrace:
		p.enter()
		defer p.leave()
		return p.parseBrace()
	}
	p.unexpected("")
	return nil
}

func (p *parser) parseParen() Expr {
	start := p.start()
	p.next()
	switch p.tok.kind {
	case tRPar:
		p.next()
		return &Tuple{Span{start, p.end()}, []Expr{}, Load}
	case tYield:
		e := p.parseYield()
		p.expect(tRPar)
		return e
	}
	first := p.parseStarNamedExpression()
	switch p.tok.kind {
	case tFor, tAsync:
		if _, ok := first.(*Starred); ok {
			p.fail("iterable unpacking cannot be used in comprehension")
		}
		gens := p.parseComprehensions()
		p.expect(tRPar)
		return &GeneratorExp{Span{start, p.end()}, first, gens}
	case tComma:
		elts := []Expr{first}
		for p.got(tComma) {
			if p.tok.kind == tRPar {
				break
			}
			elts = append(elts, p.parseStarNamedExpression())
		}
		p.expect(tRPar)
		return &Tuple{Span{start, p.end()}, elts, Load}
	}
	p.expect(tRPar)
	if _, ok := first.(*Starred); ok {
		p.failAt(int(first.Pos())-1, "cannot use starred expression here")
	}
	return first
}

func (p *parser) parseList() Expr {
	start := p.start()
	p.next()
	elts := []Expr{}
	if p.tok.kind != tRSqb {
		first := p.parseStarNamedExpression()
		if p.tok.kind == tFor || p.tok.kind == tAsync {
			if _, ok := first.(*Starred); ok {
				p.fail("iterable unpacking cannot be used in comprehension")
			}
			gens := p.parseComprehensions()
			p.expect(tRSqb)
			return &ListComp{Span{start, p.end()}, first, gens}
		}
		elts = append(elts, first)
		for p.got(tComma) {
			if p.tok.kind == tRSqb {
				break
			}
			elts = append(elts, p.parseStarNamedExpression())
		}
	}
	p.expect(tRSqb)
	return &List{Span{start, p.end()}, elts, Load}
}

func (p *parser) parseBrace() Expr {
	start := p.start()
	p.next()
	if p.got(tRBrace) {
		return &Dict{Span{start, p.end()}, []Expr{}, []Expr{}}
	}
	if p.tok.kind == tDoubleStar {
		return p.parseDictRest(start, nil, nil)
	}
	walrus := p.tok.kind == tName && p.peek(1).kind == tColonEqual
	first := p.parseStarNamedExpression()
	if p.tok.kind == tColon {
		if _, ok := first.(*Starred); ok {
			p.fail("cannot use a starred expression in a dictionary value")
		}
		if walrus {
			p.fail("invalid syntax")
		}
		p.next()
		value := p.parseExpression()
		if p.tok.kind == tFor || p.tok.kind == tAsync {
			gens := p.parseComprehensions()
			p.expect(tRBrace)
			return &DictComp{Span{start, p.end()}, first, value, gens}
		}
		return p.parseDictRest(start, first, value)
	}
	if p.tok.kind == tFor || p.tok.kind == tAsync {
		if _, ok := first.(*Starred); ok {
			p.fail("iterable unpacking cannot be used in comprehension")
		}
		gens := p.parseComprehensions()
		p.expect(tRBrace)
		return &SetComp{Span{start, p.end()}, first, gens}
	}
	elts := []Expr{first}
	for p.got(tComma) {
		if p.tok.kind == tRBrace {
			break
		}
		elts = append(elts, p.parseStarNamedExpression())
	}
	p.expect(tRBrace)
	return &Set{Span{start, p.end()}, elts}
}

// parseDictRest parses dict items after an optional first key: value.
func (p *parser) parseDictRest(start Pos, key, value Expr) Expr {
	d := &Dict{Keys: []Expr{}, Values: []Expr{}}
	if value != nil {
		d.Keys = append(d.Keys, key)
		d.Values = append(d.Values, value)
		if !p.got(tComma) {
			p.expect(tRBrace)
			d.Span = Span{start, p.end()}
			return d
		}
	}
	for p.tok.kind != tRBrace {
		if p.got(tDoubleStar) {
			d.Keys = append(d.Keys, nil)
			d.Values = append(d.Values, p.parseBitOr())
		} else {
			d.Keys = append(d.Keys, p.parseExpression())
			p.expect(tColon)
			d.Values = append(d.Values, p.parseExpression())
		}
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRBrace)
	d.Span = Span{start, p.end()}
	return d
}

func (p *parser) parseComprehensions() []*Comprehension {
	var gens []*Comprehension
	for p.tok.kind == tFor || p.tok.kind == tAsync {
		start := p.start()
		c := &Comprehension{Ifs: []Expr{}}
		if p.got(tAsync) {
			c.IsAsync = 1
		}
		p.expect(tFor)
		c.Target = p.parseTargetList(Store)
		p.expect(tIn)
		c.Iter = p.parseOr()
		for p.got(tIf) {
			c.Ifs = append(c.Ifs, p.parseOr())
		}
		c.Span = Span{start, p.end()}
		gens = append(gens, c)
	}
	return gens
}

// ---- strings ----

// parseStrings parses adjacent string and f-string literals and joins
// them as CPython does: one Constant, or a JoinedStr when any is an f-string.
func (p *parser) parseStrings() Expr {
	start := p.start()
	first := p.tok
	var values []Expr // pieces; *Constant string parts are merged below
	isBytes, sawText, fstr := false, false, false
	var b strings.Builder
	var bb []byte
	for p.tok.kind == tString || p.tok.kind == tFStringStart {
		t := p.tok
		raw, bytesLit := prefixFlags(p.text(t))
		if sawText && bytesLit != isBytes {
			p.failAt(int(t.pos), "cannot mix bytes and nonbytes literals")
		}
		sawText, isBytes = true, bytesLit
		if t.kind == tFStringStart {
			fstr = true
			values = p.parseFString(values)
			continue
		}
		p.next()
		body := stringBody(p.text(t))
		if bytesLit {
			v, err := decodeBytes(body, raw)
			if err != nil {
				p.failAt(int(t.pos), "%v", err)
			}
			bb = append(bb, v...)
			continue
		}
		v, err := decodeString(body, raw)
		if err != nil {
			p.failAt(int(t.pos), "%v", err)
		}
		if fstr {
			values = appendText(values, v, Span{Pos(t.pos + 1), Pos(t.end + 1)})
		} else {
			b.WriteString(v)
		}
	}
	kind := ""
	if p.src[first.pos] == 'u' { // CPython sets kind for lowercase u only
		kind = "u"
	}
	if isBytes {
		if bb == nil {
			bb = []byte{}
		}
		return p.newConstant(Span{start, p.end()}, bb)
	}
	if !fstr {
		c := p.newConstant(Span{start, p.end()}, b.String())
		c.Kind = kind
		return c
	}
	if b.Len() > 0 {
		// plain strings before the first f-string
		values = append([]Expr{p.newConstant(Span{start, start}, b.String())}, values...)
		values = mergeText(values)
	}
	values = dropEmpty(values)
	whole := Span{start, p.end()}
	for _, v := range values {
		setPieceSpan(v, whole)
	}
	if kind != "" && len(values) > 0 {
		if c, ok := values[0].(*Constant); ok {
			c.Kind = kind
		}
	}
	return &JoinedStr{Span{start, p.end()}, values}
}

func prefixFlags(s string) (raw, bytes bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'r', 'R':
			raw = true
		case 'b', 'B':
			bytes = true
		case '\'', '"':
			return
		}
	}
	return
}

// stringBody strips the prefix and quotes of a complete string token.
func stringBody(s string) string {
	i := 0
	for s[i] != '\'' && s[i] != '"' {
		i++
	}
	q := s[i]
	if len(s)-i >= 6 && s[i+1] == q && s[i+2] == q {
		return s[i+3 : len(s)-3]
	}
	return s[i+1 : len(s)-1]
}

// appendText adds literal text to f-string pieces, merging with a
// preceding text piece as CPython does.
func appendText(values []Expr, s string, span Span) []Expr {
	if n := len(values); n > 0 {
		if c, ok := values[n-1].(*Constant); ok {
			if prev, ok := c.Value.(string); ok {
				c.Value = prev + s
				c.To = span.To
				return values
			}
		}
	}
	return append(values, &Constant{Span: span, Value: s})
}

func mergeText(values []Expr) []Expr {
	out := values[:0]
	for _, v := range values {
		if c, ok := v.(*Constant); ok {
			if s, ok := c.Value.(string); ok {
				out = appendText(out, s, c.Span)
				continue
			}
		}
		out = append(out, v)
	}
	return out
}

func dropEmpty(values []Expr) []Expr {
	out := values[:0]
	for _, v := range values {
		if c, ok := v.(*Constant); ok && c.Value == "" {
			continue
		}
		out = append(out, v)
	}
	if out == nil {
		out = []Expr{}
	}
	return out
}

// setPieceSpan gives f-string pieces the span of the whole string group,
// as CPython 3.11 does; expressions inside keep their own positions.
func setPieceSpan(e Expr, whole Span) {
	switch x := e.(type) {
	case *Constant:
		x.Span = whole
	case *FormattedValue:
		x.Span = whole
		if spec, ok := x.FormatSpec.(*JoinedStr); ok {
			for i, v := range spec.Values {
				if _, ok := v.(*Constant); ok && i == len(spec.Values)-1 {
					continue // set by setSpecSpan
				}
				setPieceSpan(v, whole)
			}
		}
	}
}

// setSpecSpan gives format specs, and text that ends one, the span of
// their f-string token, as CPython 3.11 does.
func setSpecSpan(values []Expr, tok Span) {
	for _, v := range values {
		if fv, ok := v.(*FormattedValue); ok {
			if spec, ok := fv.FormatSpec.(*JoinedStr); ok {
				spec.Span = tok
				if n := len(spec.Values); n > 0 {
					if c, ok := spec.Values[n-1].(*Constant); ok {
						c.Span = tok
					}
				}
				setSpecSpan(spec.Values, tok)
			}
		}
	}
}

// parseFString parses FSTRING_START ... FSTRING_END and appends its pieces.
func (p *parser) parseFString(values []Expr) []Expr {
	raw, _ := prefixFlags(p.text(p.tok))
	fstart, first := p.start(), len(values)
	p.next()
	for {
		switch p.tok.kind {
		case tFStringMiddle:
			t := p.tok
			p.next()
			s, err := decodeFStringText(p.text(t), raw)
			if err != nil {
				p.failAt(int(t.pos), "%v", err)
			}
			values = appendText(values, s, Span{Pos(t.pos + 1), Pos(t.end + 1)})
		case tLBrace:
			values = p.parseReplacementField(values, raw)
		case tFStringEnd:
			p.next()
			if first > 0 {
				first-- // the last piece may have been merged into
			}
			setSpecSpan(values[first:], Span{fstart, p.end()})
			return values
		default:
			p.unexpected("f-string: expecting '}'")
		}
	}
}

// parseReplacementField parses "{expr=!c:spec}".
func (p *parser) parseReplacementField(values []Expr, raw bool) []Expr {
	lb := p.tok
	p.next()
	p.enter()
	defer p.leave()
	if p.tok.kind == tRBrace {
		p.fail("f-string: empty expression not allowed")
	}
	var e Expr
	if p.tok.kind == tYield {
		e = p.parseYield()
	} else {
		e = p.parseStarExpressions()
	}
	if tup, ok := e.(*Tuple); ok && tup.From == Pos(lb.end+1) {
		// CPython 3.11 parses the field as "(expr)", so a bare tuple spans
		// the brace and the character after the expression.
		tup.Span = Span{Pos(lb.pos + 1), Pos(p.tok.pos + 2)}
	}
	fv := &FormattedValue{Value: e, Conversion: -1}
	debug := false
	if p.tok.kind == tEqual {
		p.next()
		debug = true
		text := p.src[lb.end:p.tok.pos]
		values = appendText(values, text, Span{Pos(lb.end + 1), Pos(p.tok.pos + 1)})
	}
	if p.tok.kind == tExclamation {
		bang := p.tok
		p.next()
		t := p.tok
		if t.kind != tName || t.pos != bang.end {
			p.fail("f-string: missing conversion character")
		}
		switch p.text(t) {
		case "r", "s", "a":
			fv.Conversion = int(p.text(t)[0])
		default:
			p.fail("f-string: invalid conversion character %q: expected 's', 'r', or 'a'", p.text(t))
		}
		p.next()
	}
	if p.tok.kind == tColon {
		spec := p.start()
		p.next()
		var parts []Expr
		for p.tok.kind != tRBrace {
			switch p.tok.kind {
			case tFStringMiddle:
				t := p.tok
				p.next()
				s, err := decodeFStringText(p.text(t), raw)
				if err != nil {
					p.failAt(int(t.pos), "%v", err)
				}
				parts = appendText(parts, s, Span{Pos(t.pos + 1), Pos(t.end + 1)})
			case tLBrace:
				parts = p.parseReplacementField(parts, raw)
			default:
				p.unexpected("f-string: expecting '}'")
			}
		}
		if parts == nil {
			parts = []Expr{}
		}
		fv.FormatSpec = &JoinedStr{Span{spec, Pos(p.tok.pos + 1)}, parts}
	}
	if p.tok.kind != tRBrace {
		p.unexpected("f-string: expecting '}'")
	}
	p.next()
	if debug && fv.Conversion == -1 && fv.FormatSpec == nil {
		fv.Conversion = 'r'
	}
	fv.Span = Span{Pos(lb.pos + 1), p.end()}
	return append(values, fv)
}

// ---- match statement ----

// tryMatch parses a match statement if the soft keyword starts one; it
// returns nil (having consumed nothing) when "match" is just a name.
func (p *parser) tryMatch() Stmt {
	start := p.start()
	save := p.i
	var subject Expr
	ok := p.try(func() {
		p.next()
		subject = p.parseMatchSubject()
		p.expect(tColon)
		p.expect(tNewline)
		p.expect(tIndent)
		if !p.isName("case") {
			p.fail("expected 'case'")
		}
	})
	if !ok {
		p.reset(save)
		return nil
	}
	m := &Match{Subject: subject}
	for p.isName("case") {
		m.Cases = append(m.Cases, p.parseCase())
	}
	if p.tok.kind != tDedent && p.tok.kind != tEOF {
		p.unexpected("")
	}
	p.got(tDedent)
	m.Span = Span{start, p.end()}
	return m
}

func (p *parser) parseMatchSubject() Expr {
	start := p.start()
	first := p.parseStarNamedExpression()
	if p.tok.kind != tComma {
		if _, ok := first.(*Starred); ok {
			p.fail("invalid syntax")
		}
		return first
	}
	elts := []Expr{first}
	for p.got(tComma) {
		if p.tok.kind == tColon {
			break
		}
		elts = append(elts, p.parseStarNamedExpression())
	}
	return &Tuple{Span{start, p.end()}, elts, Load}
}

func (p *parser) parseCase() *MatchCase {
	start := p.start()
	p.next()
	c := &MatchCase{Pattern: p.parsePatterns()}
	if p.got(tIf) {
		c.Guard = p.parseNamedExpression()
	}
	c.Body = p.parseBlock()
	c.Span = Span{start, p.end()}
	return c
}

// parsePatterns parses the top-level pattern, where an open sequence
// "a, b" is allowed.
func (p *parser) parsePatterns() Pattern {
	start := p.start()
	first := p.parseMaybeStarPattern()
	if p.tok.kind != tComma {
		if _, ok := first.(*MatchStar); ok {
			p.fail("invalid syntax")
		}
		return first
	}
	pats := []Pattern{first}
	for p.got(tComma) {
		if p.tok.kind == tColon || p.tok.kind == tIf {
			break
		}
		pats = append(pats, p.parseMaybeStarPattern())
	}
	return &MatchSequence{Span{start, p.end()}, pats}
}

func (p *parser) parseMaybeStarPattern() Pattern {
	if p.tok.kind == tStar {
		start := p.start()
		p.next()
		name := p.expectName()
		if name == "_" {
			name = ""
		}
		return &MatchStar{Span{start, p.end()}, name}
	}
	return p.parsePattern()
}

func (p *parser) parsePattern() Pattern {
	start := p.start()
	p.enter()
	defer p.leave()
	pat := p.parseOrPattern()
	if p.got(tAs) {
		t := p.tok
		name := p.expectName()
		if name == "_" {
			p.failAt(int(t.pos), "cannot use '_' as a target")
		}
		return &MatchAs{Span{start, p.end()}, pat, name}
	}
	return pat
}

func (p *parser) parseOrPattern() Pattern {
	start := p.start()
	first := p.parseClosedPattern()
	if p.tok.kind != tVBar {
		return first
	}
	pats := []Pattern{first}
	for p.got(tVBar) {
		pats = append(pats, p.parseClosedPattern())
	}
	return &MatchOr{Span{start, p.end()}, pats}
}

func (p *parser) parseClosedPattern() Pattern {
	start := p.start()
	switch p.tok.kind {
	case tNone:
		p.next()
		return &MatchSingleton{Span{start, p.end()}, None{}}
	case tTrue, tFalse:
		k := p.tok.kind
		p.next()
		return &MatchSingleton{Span{start, p.end()}, k == tTrue}
	case tNumber, tMinus:
		v := p.parseSignedNumber()
		return &MatchValue{Span{start, p.end()}, v}
	case tString, tFStringStart:
		v := p.parseStrings() // f-strings parse here; CPython's compiler rejects them
		return &MatchValue{Span{start, p.end()}, v}
	case tLPar:
		return p.parseGroupPattern()
	case tLSqb:
		p.next()
		pats := p.parsePatternList(tRSqb)
		p.expect(tRSqb)
		return &MatchSequence{Span{start, p.end()}, pats}
	case tLBrace:
		return p.parseMappingPattern()
	case tName:
		return p.parseNamePattern()
	}
	p.unexpected("")
	return nil
}

func (p *parser) parsePatternList(closing tokKind) []Pattern {
	pats := []Pattern{}
	for p.tok.kind != closing {
		pats = append(pats, p.parseMaybeStarPattern())
		if !p.got(tComma) {
			break
		}
	}
	return pats
}

func (p *parser) parseGroupPattern() Pattern {
	start := p.start()
	p.next()
	if p.got(tRPar) {
		return &MatchSequence{Span{start, p.end()}, []Pattern{}}
	}
	first := p.parseMaybeStarPattern()
	if p.tok.kind == tRPar {
		if _, ok := first.(*MatchStar); !ok {
			p.next()
			return first
		}
	}
	pats := []Pattern{first}
	if p.tok.kind != tRPar {
		p.expect(tComma)
		pats = append(pats, p.parsePatternList(tRPar)...)
	}
	p.expect(tRPar)
	return &MatchSequence{Span{start, p.end()}, pats}
}

// parseSignedNumber parses a number pattern: -1, 1.5, 1+2j, -1-2j.
func (p *parser) parseSignedNumber() Expr {
	start := p.start()
	var e Expr
	neg := p.got(tMinus)
	t := p.expect(tNumber)
	v, err := parseNumber(p.text(t))
	if err != nil {
		p.failAt(int(t.pos), "%v", err)
	}
	e = p.newConstant(Span{Pos(t.pos + 1), Pos(t.end + 1)}, v)
	if neg {
		e = &UnaryOp{Span{start, p.end()}, USub, e}
	}
	if p.tok.kind == tPlus || p.tok.kind == tMinus {
		op := Add
		if p.tok.kind == tMinus {
			op = Sub
		}
		if _, ok := v.(complex128); ok {
			p.fail("real number required in complex literal")
		}
		p.next()
		t := p.expect(tNumber)
		iv, err := parseNumber(p.text(t))
		if err != nil {
			p.failAt(int(t.pos), "%v", err)
		}
		if _, ok := iv.(complex128); !ok {
			p.failAt(int(t.pos), "imaginary number required in complex literal")
		}
		right := p.newConstant(Span{Pos(t.pos + 1), Pos(t.end + 1)}, iv)
		e = &BinOp{Span{start, p.end()}, e, op, right}
	}
	return e
}

func (p *parser) parseMappingPattern() Pattern {
	start := p.start()
	p.next()
	m := &MatchMapping{Keys: []Expr{}, Patterns: []Pattern{}}
	for p.tok.kind != tRBrace {
		if p.got(tDoubleStar) {
			if p.isName("_") {
				p.fail("invalid syntax")
			}
			m.Rest = p.expectName()
			p.got(tComma)
			break
		}
		var key Expr
		switch p.tok.kind {
		case tNone, tTrue, tFalse:
			key = p.parseAtom()
		case tNumber, tMinus:
			key = p.parseSignedNumber()
		case tString, tFStringStart:
			key = p.parseStrings()
		case tName:
			key = p.parseDottedValue()
			if _, ok := key.(*Attribute); !ok {
				p.failAt(int(key.Pos())-1, "invalid syntax")
			}
		default:
			p.unexpected("")
		}
		p.expect(tColon)
		m.Keys = append(m.Keys, key)
		m.Patterns = append(m.Patterns, p.parsePattern())
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRBrace)
	m.Span = Span{start, p.end()}
	return m
}

func (p *parser) parseDottedValue() Expr {
	start := p.start()
	t := p.tok
	id := p.expectName()
	var e Expr = p.newName(Span{start, Pos(t.end + 1)}, id, Load)
	for p.got(tDot) {
		name := p.expectName()
		e = p.newAttribute(Span{start, p.end()}, e, name, Load)
	}
	return e
}

func (p *parser) parseNamePattern() Pattern {
	start := p.start()
	e := p.parseDottedValue()
	if p.tok.kind == tLPar {
		return p.parseClassPattern(start, e)
	}
	if n, ok := e.(*Name); ok {
		if n.ID == "_" {
			return &MatchAs{Span: Span{start, p.end()}}
		}
		return &MatchAs{Span{start, p.end()}, nil, n.ID}
	}
	return &MatchValue{Span{start, p.end()}, e}
}

func (p *parser) parseClassPattern(start Pos, cls Expr) Pattern {
	p.next()
	m := &MatchClass{Cls: cls, Patterns: []Pattern{}, KwdAttrs: []string{}, KwdPatterns: []Pattern{}}
	for p.tok.kind != tRPar {
		if p.tok.kind == tName && p.peek(1).kind == tEqual {
			m.KwdAttrs = append(m.KwdAttrs, p.expectName())
			p.next()
			m.KwdPatterns = append(m.KwdPatterns, p.parsePattern())
		} else {
			if len(m.KwdAttrs) > 0 {
				p.fail("positional patterns follow keyword patterns")
			}
			m.Patterns = append(m.Patterns, p.parsePattern())
		}
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRPar)
	m.Span = Span{start, p.end()}
	return m
}
