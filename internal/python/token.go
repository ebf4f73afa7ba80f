package python

// tokKind is the kind of a token. Keywords have their own kinds; soft
// keywords (match, case, _, type) are plain names the parser looks at.
type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIndent
	tDedent
	tName
	tNumber
	tString
	tFStringStart
	tFStringMiddle
	tFStringEnd

	// operators and delimiters
	tLPar
	tRPar
	tLSqb
	tRSqb
	tLBrace
	tRBrace
	tColon
	tComma
	tSemi
	tPlus
	tMinus
	tStar
	tSlash
	tVBar
	tAmper
	tLess
	tGreater
	tEqual
	tDot
	tPercent
	tEqEqual
	tNotEqual
	tLessEqual
	tGreaterEqual
	tTilde
	tCircumflex
	tLeftShift
	tRightShift
	tDoubleStar
	tPlusEqual
	tMinEqual
	tStarEqual
	tSlashEqual
	tPercentEqual
	tAmperEqual
	tVBarEqual
	tCircumflexEqual
	tLeftShiftEqual
	tRightShiftEqual
	tDoubleStarEqual
	tDoubleSlash
	tDoubleSlashEqual
	tAt
	tAtEqual
	tRArrow
	tEllipsis
	tColonEqual
	tExclamation // only inside f-string replacement fields

	// keywords
	tFalse
	tNone
	tTrue
	tAnd
	tAs
	tAssert
	tAsync
	tAwait
	tBreak
	tClass
	tContinue
	tDef
	tDel
	tElif
	tElse
	tExcept
	tFinally
	tFor
	tFrom
	tGlobal
	tIf
	tImport
	tIn
	tIs
	tLambda
	tNonlocal
	tNot
	tOr
	tPass
	tRaise
	tReturn
	tTry
	tWhile
	tWith
	tYield
)

// token is one scanned token: its kind and byte extent [pos, end) in the
// UTF-8 source. Values are read from the source when needed.
type token struct {
	kind tokKind
	pos  int32
	end  int32
}

var keywords = map[string]tokKind{
	"False": tFalse, "None": tNone, "True": tTrue, "and": tAnd, "as": tAs,
	"assert": tAssert, "async": tAsync, "await": tAwait, "break": tBreak,
	"class": tClass, "continue": tContinue, "def": tDef, "del": tDel,
	"elif": tElif, "else": tElse, "except": tExcept, "finally": tFinally,
	"for": tFor, "from": tFrom, "global": tGlobal, "if": tIf, "import": tImport,
	"in": tIn, "is": tIs, "lambda": tLambda, "nonlocal": tNonlocal, "not": tNot,
	"or": tOr, "pass": tPass, "raise": tRaise, "return": tReturn, "try": tTry,
	"while": tWhile, "with": tWith, "yield": tYield,
}

// keywordKind returns the keyword kind of a name, or tName. A switch is
// several times faster than a map lookup on this hot path.
func keywordKind(s string) tokKind {
	switch s {
	case "False":
		return tFalse
	case "None":
		return tNone
	case "True":
		return tTrue
	case "and":
		return tAnd
	case "as":
		return tAs
	case "assert":
		return tAssert
	case "async":
		return tAsync
	case "await":
		return tAwait
	case "break":
		return tBreak
	case "class":
		return tClass
	case "continue":
		return tContinue
	case "def":
		return tDef
	case "del":
		return tDel
	case "elif":
		return tElif
	case "else":
		return tElse
	case "except":
		return tExcept
	case "finally":
		return tFinally
	case "for":
		return tFor
	case "from":
		return tFrom
	case "global":
		return tGlobal
	case "if":
		return tIf
	case "import":
		return tImport
	case "in":
		return tIn
	case "is":
		return tIs
	case "lambda":
		return tLambda
	case "nonlocal":
		return tNonlocal
	case "not":
		return tNot
	case "or":
		return tOr
	case "pass":
		return tPass
	case "raise":
		return tRaise
	case "return":
		return tReturn
	case "try":
		return tTry
	case "while":
		return tWhile
	case "with":
		return tWith
	case "yield":
		return tYield
	}
	return tName
}

var tokNames = [...]string{
	tEOF: "end of file", tNewline: "newline", tIndent: "indent", tDedent: "dedent",
	tName: "name", tNumber: "number", tString: "string", tFStringStart: "f-string",
	tFStringMiddle: "f-string text", tFStringEnd: "end of f-string",
	tLPar: "'('", tRPar: "')'", tLSqb: "'['", tRSqb: "']'", tLBrace: "'{'", tRBrace: "'}'",
	tColon: "':'", tComma: "','", tSemi: "';'", tPlus: "'+'", tMinus: "'-'", tStar: "'*'",
	tSlash: "'/'", tVBar: "'|'", tAmper: "'&'", tLess: "'<'", tGreater: "'>'", tEqual: "'='",
	tDot: "'.'", tPercent: "'%'", tEqEqual: "'=='", tNotEqual: "'!='", tLessEqual: "'<='",
	tGreaterEqual: "'>='", tTilde: "'~'", tCircumflex: "'^'", tLeftShift: "'<<'",
	tRightShift: "'>>'", tDoubleStar: "'**'", tPlusEqual: "'+='", tMinEqual: "'-='",
	tStarEqual: "'*='", tSlashEqual: "'/='", tPercentEqual: "'%='", tAmperEqual: "'&='",
	tVBarEqual: "'|='", tCircumflexEqual: "'^='", tLeftShiftEqual: "'<<='",
	tRightShiftEqual: "'>>='", tDoubleStarEqual: "'**='", tDoubleSlash: "'//'",
	tDoubleSlashEqual: "'//='", tAt: "'@'", tAtEqual: "'@='", tRArrow: "'->'",
	tEllipsis: "'...'", tColonEqual: "':='", tExclamation: "'!'",
}

func (k tokKind) String() string {
	if int(k) < len(tokNames) && tokNames[k] != "" {
		return tokNames[k]
	}
	for s, kk := range keywords {
		if kk == k {
			return "'" + s + "'"
		}
	}
	return "token"
}

// augOps maps augmented assignment tokens to their operator.
var augOps = map[tokKind]Operator{
	tPlusEqual: Add, tMinEqual: Sub, tStarEqual: Mult, tAtEqual: MatMult,
	tSlashEqual: Div, tPercentEqual: Mod, tAmperEqual: BitAnd, tVBarEqual: BitOr,
	tCircumflexEqual: BitXor, tLeftShiftEqual: LShift, tRightShiftEqual: RShift,
	tDoubleStarEqual: Pow, tDoubleSlashEqual: FloorDiv,
}
