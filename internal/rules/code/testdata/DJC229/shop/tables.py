from django.urls import reverse
from django.utils.html import format_html
from django.utils.html import format_html_join


def email_cell(value):
    return format_html(f'<a href="mailto:{value}">{value}</a>')  # want "format_html is given an f-string and no values to escape"


def code_cell(value):
    return format_html("<code>%s</code>" % value)  # want "format_html is given a string formatted with %"


def title_cell(run):
    return format_html("<b>{}</b> ({})".format(run.title, run.key))  # want "format_html is given a string formatted with .format\\(\\)"


def prefixed(label):
    return format_html("<em>" + label + "</em>")  # want "format_html is given a string built with \\+"


def safe_cell(value):
    return format_html('<a href="mailto:{}">{}</a>', value, value)  # safe: the values are arguments


def wrap(tag_name, content):
    return format_html(f"<{tag_name}>{{}}</{tag_name}>", content)  # safe: content is an argument (the tag is the code's)


def spinner():
    return format_html('<div class="spinner"></div>')  # safe: a literal holds no values


def join_rows(rows):
    head = format_html("<ul>")
    body = format_html_join("", "<li>{}</li>", ((r,) for r in rows))
    return format_html(head + body)  # safe: a sum of what format_html and format_html_join made


def link(obj):
    url = reverse("shop:detail", args=[obj.pk])
    return format_html(url)  # safe: a variable, which may hold what format_html made


def reset_message():
    message = "Click <a href='{url}'>here</a> to start again."
    return format_html(message.format(url=reverse("shop:reset")))  # safe: the one value is a reversed URL
