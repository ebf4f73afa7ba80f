package python

// The match statement and its patterns (PEP 634).

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
	return alloc(&p.tuples, Tuple{Span{start, p.end()}, elts})
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
		if _, ok := first.(*MatchStar); ok {
			p.fail("invalid syntax: a star pattern needs a comma to form a sequence")
		}
		p.next()
		return first
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
		e = alloc(&p.binops, BinOp{Span{start, p.end()}, e, op, right})
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
	var e Expr = p.newName(Span{start, Pos(t.end + 1)}, id)
	for p.got(tDot) {
		name := p.expectName()
		e = p.newAttribute(Span{start, p.end()}, e, name)
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
