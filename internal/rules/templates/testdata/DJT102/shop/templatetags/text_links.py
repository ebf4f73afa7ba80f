import bleach
from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import conditional_escape, escape, urlize
from django.utils.safestring import mark_safe

register = template.Library()
linker = bleach.Linker()


@register.filter
@stringfilter
def with_links(value):
    # bleach's Linker adds links and keeps every tag it is given
    text = mark_safe(linker.linkify(value))
    return text


@register.filter
def line_breaks_raw(value):
    return mark_safe(value.replace("\n", "<br>"))


@register.filter
def auto_links(value):
    return mark_safe(urlize(value))


@register.filter
def links_escaped(value):
    return mark_safe(bleach.linkify(escape(value)))


@register.filter
def auto_links_escaped(value):
    return mark_safe(urlize(value, autoescape=True))


@register.filter
def breaks_escaped(value):
    value = conditional_escape(value)
    return mark_safe(value.replace("\n", "<br>"))


@register.filter(needs_autoescape=True)
def ticket_refs(text, autoescape=True):
    if autoescape:
        text = conditional_escape(text)
    return mark_safe(text.replace("#", "&#35;"))


@register.filter
def auto_links_raw(value):
    return mark_safe(urlize(value, autoescape=False))


@register.filter(needs_autoescape=True)
def nowrap(text, autoescape=True):
    # Django's documented idiom: escape with conditional_escape unless
    # autoescape is off, here after trimming the text
    if autoescape:
        esc = conditional_escape
    else:
        esc = lambda x: x  # noqa: E731
    return mark_safe(esc(text.strip()).replace(" ", "&nbsp;"))


@register.filter(needs_autoescape=True)
def nowrap_label(text, autoescape=True):
    if autoescape:
        esc = conditional_escape
    else:
        esc = lambda x: x  # noqa: E731
    label = esc("Label: ")
    return mark_safe(label + text.strip().replace(" ", "&nbsp;"))


ALLOWED_TAGS = ["b", "i", "p", "a"]


@register.filter
def clean_text(value, tags=ALLOWED_TAGS):
    # every string is cleaned; a number or None is handed back as it is
    if isinstance(value, str):
        try:
            cleaned = bleach.clean(value, tags=tags, strip=True)
        except ValueError:
            cleaned = ""
        return mark_safe(cleaned)
    return value


@register.filter
def clean_or_skip(value):
    if not isinstance(value, str):
        return value
    return mark_safe(bleach.clean(value, tags=ALLOWED_TAGS))


@register.filter
def clean_bytes_only(value):
    # the look-alike: a string is what gets through untouched
    if isinstance(value, bytes):
        return mark_safe(bleach.clean(value.decode(), tags=ALLOWED_TAGS))
    return value


@register.filter
def clean_unless_text(value):
    if isinstance(value, str):
        pass
    else:
        return mark_safe(bleach.clean(str(value), tags=ALLOWED_TAGS))
    return value
