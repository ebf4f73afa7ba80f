// Package djtemplate reads Django templates the way Django does, keeping
// positions, and tells rules where in the HTML each template construct sits.
//
// # Lexing
//
// Lex follows django.template.base.Lexer: a template is text broken by
// `{{ ... }}`, `{% ... %}` and `{# ... #}` tokens, each of which must open
// and close on one line (Django's tag regexp does not cross newlines, so a
// `{# #}` comment over two lines is rendered as text). Inside
// `{% verbatim %}` every token but the matching `{% endverbatim %}` is text.
// A `{{` or `{%` without its closer on the same line is text for Django as
// well; the lexer says so in its error list, since it is nearly always a
// mistake.
//
// # Parsing
//
// Parse builds a tree of Text, Variable, Comment, Verbatim and Tag nodes.
// Block tags are matched with their intermediate and end tags using Django's
// built-in block tags (if/elif/else/endif, for/empty/endfor, with, block,
// autoescape, filter, spaceless, blocktranslate/plural, ifchanged, cache,
// localize, localtime, timezone, ...); a tag foo that is unknown becomes a
// block when an `{% endfoo %}` follows it. `{% comment %}` bodies become a
// Comment node, as Django skips them unparsed.
//
// Parsing never stops at an error: an unclosed block is closed where its
// parent closes or at the end, a stray end tag becomes a Tag node marked
// Stray, an empty `{{ }}` a Variable with an error, and every error is
// returned with its position, sorted, next to the partial tree. Nesting
// deeper than MaxDepth is flattened.
//
// # HTML
//
// Scan walks a parsed template in source order with a small HTML tokenizer
// (after the HTML standard's tokenizer states, reduced to what security rules
// need) running over the text the template outputs. It reports start and end
// tags with their attributes, and for every variable and template tag the
// HTML context it sits in: element content, an attribute value (which
// attribute of which element, and the literal text before it), the raw text
// of a <script> or <style> element, or an HTML comment. Attribute values that
// hold template tags are marked dynamic, so rules never mistake
// `method="{% if x %}post{% endif %}"` for a literal. The content of
// <textarea> and <title> is text; the content of {% verbatim %} is output
// and scanned like any text, its elements marked Verbatim. ScanBlocks
// scans a child template whose blocks its base places inside <script>.
//
// # What is not here
//
// djtemplate is a leaf: it imports no djsec package and works on strings.
// Which files of a project are templates, where Django would look for a
// template name (TEMPLATES DIRS, which takes the settings evaluator) and
// parsing each file once per scan belong to package tplsrc, the bridge
// between this parser and the scan.
//
// Lex is checked against django.template.base.Lexer on Django's own
// templates, and Parse against Django's engine on generated templates
// (django_test.go, skipped where Django is not installed).
package djtemplate
