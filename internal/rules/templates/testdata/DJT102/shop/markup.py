import nh3
from markupfield.markup import DEFAULT_MARKUP_TYPES

ALLOWED_TAGS = {"a", "b", "em", "p", "strong", "ul", "li"}


def sanitize(html):
    return nh3.clean(html, tags=ALLOWED_TAGS, url_schemes={"http", "https"})


def _sanitizing(render):
    def sanitizing_render(markup):
        return sanitize(render(markup))

    return sanitizing_render


MARKUP_FIELD_TYPES = [(name, _sanitizing(render), *rest) for name, render, *rest in DEFAULT_MARKUP_TYPES]
