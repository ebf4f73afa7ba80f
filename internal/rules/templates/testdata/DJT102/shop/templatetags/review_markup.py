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


def weight_metric(weight):
    weight = float(weight)
    if weight < 1000:
        return format(weight, ".1f") + " <abbr>g</abbr>"
    return format(weight / 1000, ".2f") + " <abbr>kg</abbr>"


@register.filter(name="weight")
def weight_preferred(weight, units):
    # a number formatted, and the module's own markup
    if units == "count":
        return str(len(weight)) + " <abbr>items</abbr>"
    return weight_metric(weight)


@register.filter(name="weight_raw")
def weight_as_given(weight):
    # looks alike: the string format keeps the input's own text
    return format(weight, "s") + " <abbr>g</abbr>"
