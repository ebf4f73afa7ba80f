package python

import "strings"

// String literals: implicit concatenation and PEP 701 f-strings.

// ---- strings ----

// parseStrings parses adjacent string and f-string literals and joins
// them as CPython does: one Constant, or a JoinedStr when any is an f-string.
func (p *parser) parseStrings() Expr {
	start := p.start()
	var values []Expr // pieces; *Constant string parts are merged below
	isBytes, sawText, fstr := false, false, false
	tmpl, sawPlain := false, false // a t-string part; a part that is not one
	// text collects the plain string parts. Most literals are one
	// string without escapes, whose value is a slice of the source: it
	// is only copied into b when a second part is concatenated, so the
	// tree does not hold a second copy of every docstring.
	var b strings.Builder
	var text string
	parts := 0
	var bb []byte
	for p.tok.kind == tString || p.tok.kind == tFStringStart {
		t := p.tok
		raw, bytesLit := prefixFlags(p.text(t))
		if sawText && bytesLit != isBytes {
			p.failAt(int(t.pos), "cannot mix bytes and nonbytes literals")
		}
		sawText, isBytes = true, bytesLit
		if isTemplate(p.text(t)) {
			tmpl = true
		} else {
			sawPlain = true
		}
		if tmpl && sawPlain {
			p.failAt(int(t.pos), "cannot mix t-string literals with string or bytes literals")
		}
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
			values = p.appendText(values, v, Span{Pos(t.pos + 1), Pos(t.end + 1)})
		} else {
			switch parts {
			case 0:
				text = v
			case 1:
				b.WriteString(text)
				fallthrough
			default:
				b.WriteString(v)
			}
			parts++
		}
	}
	if parts > 1 {
		text = b.String()
	}
	if isBytes {
		if bb == nil {
			bb = []byte{}
		}
		return p.newConstant(Span{start, p.end()}, bb)
	}
	if !fstr {
		return p.newString(Span{start, p.end()}, text)
	}
	if text != "" {
		// plain strings before the first f-string
		values = append([]Expr{p.newString(Span{start, start}, text)}, values...)
	}
	values = dropEmpty(mergeText(values))
	whole := Span{start, p.end()}
	for _, v := range values {
		setPieceSpan(v, whole)
	}
	if tmpl {
		return &TemplateStr{Span{start, p.end()}, values}
	}
	return &JoinedStr{Span{start, p.end()}, values}
}

// isTemplate reports whether a string token's prefix makes it a PEP 750
// template string.
func isTemplate(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 't', 'T':
			return true
		case '\'', '"':
			return false
		}
	}
	return false
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

// appendText adds literal text to f-string pieces; mergeText later joins
// adjacent texts as CPython does. Joining once at the end keeps long
// implicit concatenations linear.
func (p *parser) appendText(values []Expr, s string, span Span) []Expr {
	return append(values, p.newString(span, s))
}

func isText(e Expr) bool {
	c, ok := e.(*Constant)
	if !ok {
		return false
	}
	_, ok = c.Value.(string)
	return ok
}

func mergeText(values []Expr) []Expr {
	out := values[:0]
	for i := 0; i < len(values); {
		j := i + 1
		if isText(values[i]) {
			for j < len(values) && isText(values[j]) {
				j++
			}
		}
		if j > i+1 {
			var b strings.Builder
			for _, v := range values[i:j] {
				b.WriteString(v.(*Constant).Value.(string))
			}
			c := values[i].(*Constant)
			c.Value = b.String()
			c.To = values[j-1].End()
		}
		out = append(out, values[i])
		i = j
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
	case *Interpolation:
		x.Span = whole
		setPieceSpan(&FormattedValue{FormatSpec: x.FormatSpec}, whole)
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
		if in, ok := v.(*Interpolation); ok {
			setSpecSpan([]Expr{&FormattedValue{FormatSpec: in.FormatSpec}}, tok)
			continue
		}
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
	tmpl := isTemplate(p.text(p.tok))
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
			values = p.appendText(values, s, Span{Pos(t.pos + 1), Pos(t.end + 1)})
		case tLBrace:
			values = p.parseReplacementField(values, raw, tmpl)
		case tFStringEnd:
			p.next()
			setSpecSpan(values[first:], Span{fstart, p.end()})
			return values
		default:
			p.unexpected("f-string: expecting '}'")
		}
	}
}

// parseReplacementField parses "{expr=!c:spec}": a FormattedValue, or an
// Interpolation in a template string (tmpl).
func (p *parser) parseReplacementField(values []Expr, raw, tmpl bool) []Expr {
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
	if tup, ok := e.(*Tuple); ok && tup == p.bareTuple {
		// CPython 3.11 parses the field as "(expr)", so a bare tuple spans
		// the brace and the character after the expression.
		tup.Span = Span{Pos(lb.pos + 1), Pos(p.tok.pos + 2)}
	}
	fv := alloc(&p.fvalues, FormattedValue{Value: e, Conversion: -1})
	exprText := p.src[lb.end:p.tok.pos]
	debug := false
	if p.tok.kind == tEqual {
		p.next()
		debug = true
		text := p.src[lb.end:p.tok.pos]
		values = p.appendText(values, text, Span{Pos(lb.end + 1), Pos(p.tok.pos + 1)})
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
				parts = p.appendText(parts, s, Span{Pos(t.pos + 1), Pos(t.end + 1)})
			case tLBrace:
				parts = p.parseReplacementField(parts, raw, false)
			default:
				p.unexpected("f-string: expecting '}'")
			}
		}
		if parts == nil {
			parts = []Expr{}
		}
		fv.FormatSpec = &JoinedStr{Span{spec, Pos(p.tok.pos + 1)}, mergeText(parts)}
	}
	if p.tok.kind != tRBrace {
		p.unexpected("f-string: expecting '}'")
	}
	p.next()
	if debug && fv.Conversion == -1 && fv.FormatSpec == nil {
		fv.Conversion = 'r'
	}
	fv.Span = Span{Pos(lb.pos + 1), p.end()}
	if tmpl {
		return append(values, &Interpolation{Span: fv.Span, Value: fv.Value, Str: exprText, Conversion: fv.Conversion, FormatSpec: fv.FormatSpec})
	}
	return append(values, fv)
}
