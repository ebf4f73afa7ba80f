from html import escape

# the empty title stays empty; any other is escaped
htmlencode = lambda s: s and escape(s, quote=True)  # noqa: E731

# looks alike: a title that is set comes back as it is
title_or_escaped = lambda s: s or escape("untitled")  # noqa: E731
