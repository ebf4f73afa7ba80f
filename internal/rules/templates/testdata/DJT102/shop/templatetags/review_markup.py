from django import template
from django.template.defaultfilters import escape as escape_filter
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from shop.utils.gtk import full_markdown, gtk_markup, line_breaks, loose_markdown, report_markup, signed_markdown
from shop.utils.markup import render_review, render_sometimes, render_unsafe

register = template.Library()


@register.filter(name="review_html")
def review_html(value):
    if not value:
        return ""
    return render_review(value)


@register.filter
def plain_paragraphs(value):
    paragraphs = [escape(p) for p in value.split("\n\n")]
    return mark_safe(format_html("<p>{}</p>", value))


@register.filter(is_safe=True)
def shouted(value):
    return mark_safe(escape(value).upper())


@register.filter
def markdown_raw(value):
    return render_unsafe(value)


@register.filter
def markdown_mixed(value, trusted=False):
    return render_sometimes(value, trusted)


def highlighted(value):
    return mark_safe("<mark>%s</mark>" % value)


register.filter("highlighted", highlighted)


@register.filter
def gtk(value):
    return gtk_markup(value)


@register.filter
def breaks(value):
    return line_breaks(value)


STAR = '<i class="icon-star"></i>'


@register.filter
def starred(text):
    # the module's own markup, and the input escaped first: what the loop
    # makes of the escaped text stays escaped
    if text == "5":
        return STAR * 5
    text = escape_filter(text)
    for prefix in ("+", "good"):
        if text.startswith(prefix):
            text = f"{STAR}&nbsp;{text[len(prefix):]}"
    return text


@register.filter
def starred_raw(text):
    # looks alike: the loop puts the input's own words back, unescaped
    words = text.split()
    text = escape_filter(text)
    for word in words:
        text = f"{STAR}{word}"
    return text


@register.filter
def review_pks(reviews):
    # the rows' keys, for the page's script
    return [r.pk for r in reviews]


@register.filter
def review_titles(reviews):
    return [r.title for r in reviews]


@register.filter
def comment_markdown(value):
    return full_markdown(value)


@register.filter
def report_breaks(value):
    return report_markup(value)


@register.filter
def loose_comment(value):
    return loose_markdown(value)


@register.filter
def signed_comment(value, signature):
    return signed_markdown(value, signature)
