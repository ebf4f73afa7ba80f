package python

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
	"weak"

	"golang.org/x/text/unicode/norm"
)

// maxErrors stops a parse that only produces noise, as go/parser does
// after ten errors; the partial tree up to there is kept.
const maxErrors = 50

// maxDepth bounds recursion so deeply nested input fails cleanly instead
// of exhausting the stack.
const maxDepth = 1000

// maxTreeDepth bounds the depth of the tree handed to callers. Chains of
// attribute accesses, calls, subscripts, binary operators and elifs are
// parsed by loops, not recursion, but each link nests the tree one level
// deeper, and every pass over the tree above the parser (Walk, the
// resolver, Dump, the analyses) recurses on it: a statement deeper than
// this becomes a BadStmt and an error, so no caller ever sees such a tree.
// CPython itself gives up near 3000 levels ("maximum recursion depth
// exceeded during ast construction"), so no valid program is lost.
const maxTreeDepth = 3000

// Below these, a top-level statement cannot reach maxTreeDepth (each
// level of recursion adds at most a dozen nodes), so its depth is only
// measured when one of them is exceeded: measuring every statement would
// cost a second pass over every tree.
const (
	linksBeforeCheck = 1000
	depthBeforeCheck = 100
)

// bailout unwinds the parser to the enclosing statement after an error.
type bailout struct{}

// slab hands out nodes from chunks: one allocation per 64 nodes of the
// most common kinds instead of one each, which halves parse time spent in
// the allocator and garbage collector.
type slab[T any] struct{ buf []T }

// slabChunk is the least number of nodes in a chunk.
const slabChunk = 64

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		// Grown rather than made, a chunk fills the size class its
		// bytes (and the header the allocator puts before an object
		// with pointers) are rounded up to: 74 names rather than 64 in
		// the same 1792 bytes, where made it left a seventh unused.
		s.buf = slices.Grow([]T(nil), slabChunk)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// alloc places v in the slab and returns its address.
func alloc[T any](s *slab[T], v T) *T {
	p := s.new()
	*p = v
	return p
}

// lists hands out slices of exactly the length asked for, carved from
// shared chunks: a list built by append holds up to twice the room it
// needs, and most lists of a tree (a call's arguments, an assignment's
// targets) are short enough that one allocation each would cost more than
// the elements.
type lists[T any] struct{ buf []T }

const (
	listChunk = 256           // least elements in a chunk
	listAlone = listChunk / 8 // longer lists get an allocation of their own
)

// carve returns a copy of xs whose length and capacity are len(xs), so an
// append by a caller never writes into a neighbour; nil when xs is empty.
func carve[T any](l *lists[T], xs []T) []T {
	switch n := len(xs); {
	case n == 0:
		return nil
	case n > listAlone:
		out := make([]T, n)
		copy(out, xs)
		return out
	case cap(l.buf)-len(l.buf) < n:
		l.buf = slices.Grow([]T(nil), listChunk) // see slab.new
	}
	i := len(l.buf)
	l.buf = append(l.buf, xs...)
	return l.buf[i:len(l.buf):len(l.buf)]
}

// carveEmpty is carve for lists the tree holds as empty, not nil, when
// they have no elements.
func carveEmpty[T any](l *lists[T], xs []T) []T {
	if len(xs) == 0 {
		return []T{}
	}
	return carve(l, xs)
}

// arena holds the slabs nodes come from and the token buffer. Parses take
// one from arenas and give it back, so the chunks are shared by the files
// one goroutine parses in turn: a file's last, partly filled chunk of each
// kind is where the next file's nodes start. Chunks of their own per file
// left an unused tail in every slab of every file, a tenth of the memory
// of a large project's trees. A chunk lives as long as any node in it, so
// a tree can keep at most one chunk per kind of each neighbouring tree
// alive.
type arena struct {
	names      slab[Name]
	consts     slab[Constant]
	attrs      slab[Attribute]
	calls      slab[Call]
	binops     slab[BinOp]
	keywords   slab[Keyword]
	subscripts slab[Subscript]
	exprStmts  slab[ExprStmt]
	assigns    slab[Assign]
	tuples     slab[Tuple]
	args       slab[Arg]
	arguments  slab[Arguments]
	comments   slab[Comment]
	compares   slab[Compare]
	dicts      slab[Dict]
	listNodes  slab[List]
	aliases    slab[Alias]
	imports    slab[ImportFrom]
	funcDefs   slab[FunctionDef]
	asserts    slab[Assert]
	returns    slab[Return]
	ifs        slab[If]
	fvalues    slab[FormattedValue]
	strs       slab[string] // the strings that string constants' Values hold

	stmtBufs   [][]Stmt // see stmtBuf
	exprLists  lists[Expr]
	stmtLists  lists[Stmt]
	kwLists    lists[*Keyword]
	argLists   lists[*Arg]
	aliasLists lists[*Alias]
	cmpOps     lists[CmpOp]

	// toks is the token buffer of the last parse, with its capacity,
	// reused by the next one: tokens die with the parse, and a file needs
	// about one per six bytes. It is held weakly, so the first collection
	// after a run of parses frees it: an arena in the pool outlives one
	// collection (the pool's victim cache), and a scan's arenas kept
	// buffers sized for the largest files they parsed (2 MB on netbox)
	// to the end of the scan, through the collection that ends its parse
	// stage and after.
	toks    weak.Pointer[token]
	toksCap int
}

// maxPooledTokens bounds the token buffer an arena keeps between parses,
// so that one very large file does not pin its tokens in the pool.
const maxPooledTokens = 1 << 17

var arenas = sync.Pool{New: func() any { return new(arena) }}

type parser struct {
	*arena

	src    string
	file   *File
	toks   []token
	i      int   // index of the current token
	tok    token // toks[i]
	errors ErrorList
	depth  int
	// links counts the chain links (trailers, binary operators, elifs) of
	// the current top-level statement, and deepest its deepest recursion:
	// they say when the statement's tree depth must be measured.
	links, deepest int

	bareTuple *Tuple  // the last tuple built without parentheses
	comments  []token // from the scanner, for Module.Comments
}

func (p *parser) init(file *File, src string) {
	p.arena = arenas.Get().(*arena)
	p.src = src
	p.file = file
	var buf []token
	if t := p.arena.toks.Value(); t != nil {
		buf = unsafe.Slice(t, p.arena.toksCap)[:0]
	}
	p.toks, p.comments = scan(src, buf, func(off int, msg string) { p.addError(off, msg) })
	p.i = 0
	p.tok = p.toks[0]
}

// done gives the arena back for the next parse; the parser must not be
// used afterwards.
func (p *parser) done() {
	a := p.arena
	a.toks, a.toksCap = weak.Pointer[token]{}, 0
	if c := cap(p.toks); c > 0 && c <= maxPooledTokens {
		a.toks, a.toksCap = weak.Make(&p.toks[:c][0]), c
	}
	p.arena, p.toks = nil, nil
	arenas.Put(a)
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
	p.deepest = max(p.deepest, p.depth)
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

func (p *parser) newName(span Span, id string) *Name {
	n := p.names.new()
	*n = Name{span, id}
	return n
}

func (p *parser) newAttribute(span Span, value Expr, attr string) *Attribute {
	a := p.attrs.new()
	*a = Attribute{span, value, attr}
	return a
}

func (p *parser) newConstant(span Span, value any) *Constant {
	c := p.consts.new()
	*c = Constant{Span: span, Value: value}
	return c
}

// newString is newConstant for a str value. Converting a string to an
// interface allocates a string header of its own, which made string
// constants the parser's most frequent allocation; here the header sits
// in the arena and the interface points at it, as the conversion would
// point at its own copy. Interface values are never written through, so
// sharing the chunk is safe.
func (p *parser) newString(span Span, value string) *Constant {
	c := p.consts.new()
	c.Span = span
	if value == "" {
		c.Value = value // the conversion allocates nothing for ""
		return c
	}
	h := p.strs.new()
	*h = value
	v := (*eface)(unsafe.Pointer(&c.Value))
	v.typ, v.data = stringType, unsafe.Pointer(h)
	return c
}

// eface is the layout of an interface value with no methods (any).
type eface struct {
	typ, data unsafe.Pointer
}

// stringType is the type word of an any holding a string.
var stringType = func() unsafe.Pointer {
	var v any = ""
	return (*eface)(unsafe.Pointer(&v)).typ
}()

// ---- statements ----

func (p *parser) parseModule() *Module {
	m := &Module{File: p.file}
	m.From = 1
	m.Body = p.parseStatements(tEOF)
	m.To = Pos(len(p.src) + 1)
	m.Comments = make([]*Comment, len(p.comments))
	for i, c := range p.comments {
		m.Comments[i] = alloc(&p.arena.comments, Comment{Span{Pos(c.pos + 1), Pos(c.end + 1)}, p.src[c.pos:c.end]})
	}
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
	if TreeDepth(e, maxTreeDepth+1) > maxTreeDepth {
		p.failAt(int(e.Pos())-1, "expression nested too deeply: more than %d levels of attribute accesses, calls, subscripts or operators", maxTreeDepth)
	}
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
	return p.carveStatements(p.depth, p.appendStatements(p.stmtBuf(p.depth), until))
}

// stmtBuf returns the buffer a block at recursion depth d collects its
// statements in before they are carved. A block's statements are parsed
// at one depth and nested blocks one deeper, so the blocks being parsed at
// any time have different depths; a buffer of a block left by a syntax
// error is simply reused.
func (p *parser) stmtBuf(d int) []Stmt {
	for len(p.stmtBufs) <= d {
		p.stmtBufs = append(p.stmtBufs, nil)
	}
	return p.stmtBufs[d][:0]
}

// carveStatements returns the statements collected in the buffer of
// depth d as a list of their own, and keeps the buffer, cleared, for the
// next block at that depth.
func (p *parser) carveStatements(d int, list []Stmt) []Stmt {
	out := carve(&p.stmtLists, list)
	clear(list)
	p.stmtBufs[d] = list[:0]
	return out
}

// appendStatements is parseStatements appending to list.
func (p *parser) appendStatements(list []Stmt, until tokKind) []Stmt {
	extra := 0 // unexpected INDENTs seen while recovering
	for len(p.errors) < maxErrors {
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
		if until != tEOF {
			list = p.parseStatement(list)
			continue
		}
		n := len(list)
		p.links, p.deepest = 0, p.depth
		list = p.parseStatement(list)
		if p.links > linksBeforeCheck || p.deepest-p.depth > depthBeforeCheck {
			list = p.boundDepth(list, n)
		}
	}
	return list
}

// boundDepth replaces the statements list[from:] by one BadStmt and records
// an error when their tree is deeper than maxTreeDepth.
func (p *parser) boundDepth(list []Stmt, from int) []Stmt {
	if from >= len(list) {
		return list
	}
	for _, s := range list[from:] {
		if TreeDepth(s, maxTreeDepth+1) > maxTreeDepth {
			start, end := list[from].Pos(), list[len(list)-1].End()
			p.addError(int(start)-1, fmt.Sprintf("expression nested too deeply: more than %d levels of attribute accesses, calls, subscripts, operators or elifs", maxTreeDepth))
			return append(list[:from], &BadStmt{Span{start, end}})
		}
	}
	return list
}

// parseStatement appends one statement (several for "a; b") to list.
func (p *parser) parseStatement(list []Stmt) (out []Stmt) {
	startIdx, depth := p.i, p.depth
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			p.depth = depth
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
		s := p.returns.new()
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
		s := p.asserts.new()
		s.Test = p.parseExpression()
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
	name := p.newName(Span{p.start(), Pos(nt.end + 1)}, p.expectName())
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
		var buf [2]Expr
		targets := append(buf[:0], p.toStore(e, Store))
		var value Expr
		for p.got(tEqual) {
			value = p.parseAssignValue()
			if p.tok.kind == tEqual {
				targets = append(targets, p.toStore(value, Store))
			}
		}
		return alloc(&p.assigns, Assign{Span: Span{start, p.end()}, Targets: carve(&p.exprLists, targets), Value: value})
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
	if n, ok := e.(*Name); ok && (n.ID == "print" || n.ID == "exec") && p.atExprStart() {
		// the most common Python 2 statement gets CPython's hint
		p.failAt(int(n.From)-1, "missing parentheses in call to '%s'; did you mean %s(...)?", n.ID, n.ID)
	}
	return alloc(&p.exprStmts, ExprStmt{Span{start, p.end()}, e})
}

func (p *parser) parseAssignValue() Expr {
	if p.tok.kind == tYield {
		return p.parseYield()
	}
	return p.parseStarExpressions()
}

// toStore checks that a parsed expression can be an assignment (or del)
// target, rejecting what cannot be assigned to. The context itself is
// not stored (see Ctx).
func (p *parser) toStore(e Expr, ctx Ctx) Expr {
	switch x := e.(type) {
	case *Name, *Attribute, *Subscript:
	case *Starred:
		if ctx == Del {
			p.failAt(int(x.From)-1, "cannot delete starred")
		}
		p.toStore(x.Value, ctx)
	case *Tuple:
		for _, el := range x.Elts {
			p.toStore(el, ctx)
		}
	case *List:
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
	case *TemplateStr:
		return "t-string expression"
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
	return alloc(&p.tuples, Tuple{Span{start, p.end()}, elts})
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
		return p.toStore(&Starred{Span{start, p.end()}, v}, ctx)
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
	if p.tok.kind != tDot {
		return name
	}
	parts := []string{name}
	for p.tok.kind == tDot {
		p.next()
		parts = append(parts, p.expectName())
	}
	return strings.Join(parts, ".") // not +=, which is quadratic in the name's length
}

func (p *parser) parseFromImport() Stmt {
	start := p.start()
	p.next()
	s := p.imports.new()
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
	var buf [8]*Alias
	names := buf[:0]
	for {
		as := p.start()
		a := p.aliases.new()
		a.Name = p.expectName()
		if p.got(tAs) {
			a.Asname = p.expectName()
		}
		a.Span = Span{as, p.end()}
		names = append(names, a)
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
	s.Names = carve(&p.aliasLists, names)
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
		// depth+1 is free: it is where an indented block would go
		d := p.depth + 1
		return p.carveStatements(d, p.parseSimpleStatements(p.stmtBuf(d)))
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
	s := p.funcDefs.new()
	*s = FunctionDef{IsAsync: async, Name: p.expectName(), DecoratorList: decos}
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
	a := p.arguments.new()
	a.From = p.start()
	var argBuf, kwonlyBuf [8]*Arg
	var defaultBuf, kwDefaultBuf [8]Expr
	args, kwonly, defaults, kwDefaults := argBuf[:0], kwonlyBuf[:0], defaultBuf[:0], kwDefaultBuf[:0]
	star := false // seen * or *args
	sawDefault := false
	for p.tok.kind != closing {
		switch {
		case p.tok.kind == tSlash:
			if star || len(args) == 0 || len(a.Posonlyargs) > 0 {
				p.fail("invalid syntax: misplaced '/'")
			}
			p.next()
			a.Posonlyargs, args = carveEmpty(&p.argLists, args), args[:0]
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
				kwonly = append(kwonly, arg)
				kwDefaults = append(kwDefaults, def)
			} else {
				if def != nil {
					sawDefault = true
					defaults = append(defaults, def)
				} else if sawDefault {
					p.failAt(int(arg.From)-1, "non-default argument follows default argument")
				}
				args = append(args, arg)
			}
		}
		if !p.got(tComma) {
			break
		}
	}
	if star && a.Vararg == nil && len(kwonly) == 0 {
		p.fail("named arguments must follow bare *")
	}
	if a.Posonlyargs == nil {
		a.Posonlyargs = []*Arg{}
	}
	a.Args = carveEmpty(&p.argLists, args)
	a.Kwonlyargs = carveEmpty(&p.argLists, kwonly)
	a.KwDefaults = carveEmpty(&p.exprLists, kwDefaults)
	a.Defaults = carveEmpty(&p.exprLists, defaults)
	a.To = max(a.From, p.end()) // an empty list is an empty span
	return a
}

func (p *parser) parseParam(annotations, starred bool) *Arg {
	start := p.start()
	arg := p.args.new()
	arg.Arg = p.expectName()
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

// parseIf parses an if statement and its elifs by a loop: each elif is
// an If nested in the Orelse of the one before, as in CPython, but a long
// chain of them must not cost parser recursion.
func (p *parser) parseIf() Stmt {
	var chain []*If
	for {
		start := p.start()
		p.next() // if or elif
		s := p.ifs.new()
		*s = If{Span: Span{From: start}, Test: p.parseNamedExpression()}
		s.Body = p.parseBlock()
		chain = append(chain, s)
		if p.tok.kind != tElif {
			break
		}
		p.links++
	}
	last := chain[len(chain)-1]
	if p.got(tElse) {
		last.Orelse = p.parseBlock()
	} else {
		last.Orelse = []Stmt{}
	}
	end := p.end()
	for i, s := range chain {
		s.To = end
		if i+1 < len(chain) {
			s.Orelse = []Stmt{chain[i+1]}
		}
	}
	return chain[0]
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
			ts := p.start()
			h.Type = p.parseExpression()
			if p.tok.kind == tComma {
				// PEP 758 (3.14): "except A, B:" is "except (A, B):",
				// but not with "as".
				elts := []Expr{h.Type}
				for p.got(tComma) {
					if !p.atExprStart() {
						break
					}
					elts = append(elts, p.parseExpression())
				}
				h.Type = alloc(&p.tuples, Tuple{Span{ts, p.end()}, elts})
				if p.tok.kind == tAs {
					p.failAt(int(ts)-1, "multiple exception types must be parenthesized when using 'as'")
				}
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
