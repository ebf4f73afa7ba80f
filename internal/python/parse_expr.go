package python

// Expressions, mirroring CPython's grammar rules from star_expressions
// down to atom.

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
	t := alloc(&p.tuples, Tuple{Span{start, p.end()}, elts})
	p.bareTuple = t
	return t
}

func (p *parser) parseStarExpression() Expr {
	if p.tok.kind == tStar {
		start := p.start()
		p.next()
		v := p.parseBitOr()
		return &Starred{Span{start, p.end()}, v}
	}
	return p.parseExpression()
}

func (p *parser) parseStarNamedExpression() Expr {
	if p.tok.kind == tStar {
		start := p.start()
		p.next()
		v := p.parseBitOr()
		return &Starred{Span{start, p.end()}, v}
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
		target := p.newName(Span{start, Pos(t.end + 1)}, p.identifier(t))
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
	var opBuf [4]CmpOp
	var cmpBuf [4]Expr
	ops, cmps := opBuf[:0], cmpBuf[:0]
	for ok {
		p.next()
		ops = append(ops, op)
		cmps = append(cmps, p.parseBitOr())
		op, ok = p.compareOp()
	}
	return alloc(&p.compares, Compare{Span{start, p.end()}, e, carve(&p.cmpOps, ops), carve(&p.exprLists, cmps)})
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
		p.links++
		y := p.parseBinaryFrom(prec + 1)
		x = alloc(&p.binops, BinOp{Span{start, p.end()}, x, op, y})
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
	return alloc(&p.binops, BinOp{Span{start, p.end()}, e, Pow, right})
}

// parsePrimary parses an atom followed by attribute, call and subscript
// trailers.
func (p *parser) parsePrimary() Expr {
	start := p.start()
	e := p.parseAtom()
	for ; ; p.links++ {
		switch p.tok.kind {
		case tDot:
			p.next()
			name := p.expectName()
			e = p.newAttribute(Span{start, p.end()}, e, name)
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
			e = alloc(&p.subscripts, Subscript{Span{start, p.end()}, e, s})
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
	var argBuf [8]Expr
	var kwBuf [8]*Keyword
	args, kws := argBuf[:0], kwBuf[:0]
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
			args = append(args, &Starred{Span{start, p.end()}, v})
		case p.tok.kind == tDoubleStar:
			p.next()
			v := p.parseExpression()
			kws = append(kws, alloc(&p.keywords, Keyword{Span{start, p.end()}, "", v}))
			sawDoubleStar = true
		case p.tok.kind == tName && p.peek(1).kind == tEqual:
			name := p.identifier(p.tok)
			p.next()
			p.next()
			v := p.parseExpression()
			kws = append(kws, alloc(&p.keywords, Keyword{Span{start, p.end()}, name, v}))
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
				return carveEmpty(&p.exprLists, args), carveEmpty(&p.kwLists, kws)
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
	return carveEmpty(&p.exprLists, args), carveEmpty(&p.kwLists, kws)
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
	return alloc(&p.tuples, Tuple{Span{start, p.end()}, elts})
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
		return p.newName(Span{start, p.end()}, p.identifier(t))
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
		return alloc(&p.tuples, Tuple{Span{start, p.end()}, []Expr{}})
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
		var buf [8]Expr
		elts := append(buf[:0], first)
		for p.got(tComma) {
			if p.tok.kind == tRPar {
				break
			}
			elts = append(elts, p.parseStarNamedExpression())
		}
		p.expect(tRPar)
		return alloc(&p.tuples, Tuple{Span{start, p.end()}, carve(&p.exprLists, elts)})
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
	var buf [8]Expr
	elts := buf[:0]
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
	return alloc(&p.listNodes, List{Span{start, p.end()}, carveEmpty(&p.exprLists, elts)})
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
	var keyBuf, valueBuf [8]Expr
	keys, values := keyBuf[:0], valueBuf[:0]
	if value != nil {
		keys = append(keys, key)
		values = append(values, value)
		if !p.got(tComma) {
			p.expect(tRBrace)
			return p.newDict(start, keys, values)
		}
	}
	for p.tok.kind != tRBrace {
		if p.got(tDoubleStar) {
			keys = append(keys, nil)
			values = append(values, p.parseBitOr())
		} else {
			keys = append(keys, p.parseExpression())
			p.expect(tColon)
			values = append(values, p.parseExpression())
		}
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRBrace)
	return p.newDict(start, keys, values)
}

func (p *parser) newDict(start Pos, keys, values []Expr) *Dict {
	return alloc(&p.dicts, Dict{Span{start, p.end()}, carveEmpty(&p.exprLists, keys), carveEmpty(&p.exprLists, values)})
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
