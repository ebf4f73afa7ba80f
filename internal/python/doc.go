// Package python is a pure-Go Python 3 tokenizer, parser and syntax tree
// that agrees with CPython's own ast module.
//
// # Design
//
// The package follows go/scanner, go/parser and go/ast. ParseFile decodes
// the source as CPython does (UTF-8 BOM, PEP 263 coding declarations such
// as latin-1 or cp1252, universal newlines), tokenizes it completely into a
// compact slice (kind plus byte extent, values read back from the text on
// demand), and parses the tokens by hand-written recursive descent that
// mirrors the rule names of CPython's PEG grammar (star_expressions,
// named_expression, disjunction, ...). The grammar is Python 3.14's: match
// statements and the other soft keywords, PEP 695 type parameters and
// aliases, PEP 701 f-strings (tokenized with FSTRING_START/MIDDLE/END as
// CPython 3.12 does), PEP 750 template strings (t"...", a TemplateStr of
// Constant and Interpolation pieces), PEP 758 unparenthesized exception
// lists (except A, B:), except*, walrus, positional-only parameters.
//
// Every node embeds a Span holding two Pos values: byte offsets into the
// decoded UTF-8 text, plus one. Module.File turns a Pos into CPython's
// lineno and col_offset (0-based, in UTF-8 bytes): the start of a node is
// the start of the first token of its grammar rule and its end is the end
// of the last token, as in CPython, so "(a) + b" starts at the
// parenthesis.
//
// Syntax errors never panic and rarely stop the parse: the first error in
// a statement is recorded in an ErrorList and the parser skips to the end
// of the logical line, leaving a BadStmt, so a partial tree is always
// returned and recovery always consumes at least one token. Two cases end
// the parse early, keeping the tree built so far: a tokenizer error (an
// unterminated string or bracket leaves no reliable tokens after it) and
// a fiftieth error. Recursion is bounded (maxDepth, and CPython's limits
// of 200 nested brackets and 100 indentation levels), so hostile input
// yields an error instead of exhausting the stack. So is the depth of the
// tree handed to callers: chains of attribute accesses, calls, subscripts,
// binary operators and elifs are parsed by loops, but each link nests the
// tree one level deeper, and every pass above the parser (Walk, the
// resolver, Dump, the analyses) recurses on the tree. A top-level
// statement deeper than maxTreeDepth (3000 levels; CPython gives up near
// there too) becomes a BadStmt with an error at its line, so no caller
// ever walks a deeper tree; TreeDepth measures it without recursion, and
// only for statements long or nested enough to come near the limit.
//
// Python 2 files are rejected with the position of the first error, as
// CPython 3 rejects them; "except E, e:" alone is no longer an error, as
// Python 3.14 reads it as "except (E, e):".
//
// # Memory
//
// A scan keeps the tree of every module of a project until its
// project-wide rules are done, so trees are most of a scan's memory: about
// five times the source. The text is not copied (ParseFileShared lets
// identifiers and string values point into the caller's bytes), and nodes
// are not allocated one by one: each parse takes an arena from a pool and
// gives it back, and the arena hands out the common node kinds from
// chunks of 64, lists (a call's arguments, a block's statements) as slices
// of exactly their length carved from shared chunks, and the headers of
// string values from a chunk too. Chunks are shared by the files one
// goroutine parses in turn, so the unused tail of a chunk is paid once
// per goroutine rather than once per file and kind; a chunk lives as long
// as any node in it. The token slice is reused by the next parse. A parse
// of saleor's 27 MB of Python makes about nine allocations per kilobyte
// where allocating each node and list made sixty-seven
// (TestParseAllocations bounds it).
//
// # Agreement with CPython, and newer syntax
//
// Dump prints exactly what CPython 3.11's ast.dump prints, and the
// differential test (diff_test.go) requires identical output for the
// standard library of the machine's python3, for testdata/grammar, and for
// the snippets in testdata/snippets.txt; files CPython rejects
// (testdata/invalid, the standard library's deliberately bad files) must
// be rejected too. Positions are compared the same way, DumpPositions
// against ast.dump(include_attributes=True), in pos_test.go; f-string pieces
// follow CPython 3.11, which gives a Constant or FormattedValue the span of
// the whole string literal while the expressions inside keep their own.
//
// The grammar accepted is 3.14's, a superset of 3.11's. So a file valid
// only in 3.12 or later (PEP 695 type parameters and "type" aliases, PEP
// 701 f-strings that reuse their quote or contain comments and
// backslashes, PEP 696 defaults, PEP 750 t-strings, PEP 758 except
// lists) parses here although CPython 3.11 rejects
// it; such files are checked against golden dumps in testdata/py312
// instead, and the rejection agreement is only required for files invalid
// in every version. The same holds for the few checks CPython 3.11 makes
// that 3.12 dropped, such as whitespace after an f-string conversion.
// \N{...} escapes accept Unicode names, CJK and Hangul syllable names and
// common aliases, not every alias of NameAliases.txt.
//
// # The tree
//
// Node and field names follow CPython's ast module in Go spelling:
// FunctionDef.DecoratorList is ast.FunctionDef.decorator_list. Three
// merges keep rules short: async def, async for and async with are
// FunctionDef, For and With with IsAsync set, and try/except* is Try with
// IsStar set. CPython's Expr statement is ExprStmt. Constant.Value holds a
// Go value: string, []byte, int64 or *big.Int, float64, complex128, bool,
// None{} or Ellipsis{}. Dump prints a tree exactly as CPython 3.11's
// ast.dump does, which is how the package is tested against CPython.
// Two CPython fields are not stored, to keep trees small: ctx (Load,
// Store or Del), which follows from where a node sits (see Ctx), and
// the type comments that ast.parse reads only when asked.
//
// # Walking the tree and resolving names
//
// A rule parses a file, builds a Resolver from the module's imports and
// walks the tree:
//
//	mod, err := python.ParseFile(path, src)
//	if err != nil {
//		return fmt.Errorf("parsing %s: %w", path, err) // or use the partial tree
//	}
//	res := python.NewResolver(mod, "myapp.views")
//	python.Inspect(mod, func(n python.Node) bool {
//		call, ok := n.(*python.Call)
//		if !ok {
//			return true
//		}
//		if name, _ := res.CalleeName(call); name == "django.utils.safestring.mark_safe" {
//			pos := mod.File.Position(call.Pos())
//			report(pos.Line, pos.Col)
//		}
//		return true
//	})
//
// NewResolver(mod, name, python.FirstImportWins) resolves a name imported
// twice to its first import (the try branch of a try/except ImportError
// fallback) instead of the last; Bindings lists every import of a name.
//
// Inspect and Walk visit children in source order. InspectStack
// also passes the ancestors of each node (the enclosing FunctionDef, the
// Call whose argument this is), and Parents builds a child-to-parent map
// once for repeated upward queries. Resolver.QualifiedName maps a Name or
// Attribute chain through "import a.b as m" and "from a import b as c",
// including relative imports resolved against the module's dotted name
// (ModuleName derives it from a path). Module.Comments holds every "#"
// comment with its position, for suppressions and "# want" test
// annotations, since the tree itself has none. DottedName spells a Name or
// Attribute chain as written, File.Segment returns a node's source text
// (ast.get_source_segment), and ParseExpr parses code held in a string.
package python
