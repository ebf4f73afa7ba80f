import re

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import SqlLexer


def format_query(query):
    # Pygments escapes every token of the query inside its spans
    if not query:
        return ""
    return highlight(query.strip(), SqlLexer(), HtmlFormatter(cssclass="highlight sql"))


def mark_terms(text, term):
    # looks alike: a project highlighter that wraps the match in <mark>
    # and escapes nothing
    return re.sub(re.escape(term), lambda m: "<mark>" + m.group(0) + "</mark>", text)
