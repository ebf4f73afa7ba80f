import markdown
from html_sanitizer.django import get_sanitizer
from lxml.html.clean import Cleaner


class Formatter:
    def clean_html(self, markup):
        return markup.replace("\n", "<br>")


def gtk_markup(dirty):
    # only the tags Gtk labels know, through lxml's cleaner
    cleaner = Cleaner(scripts=True, safe_attrs={"href"}, allow_tags=("b", "i", "a"), remove_unknown_tags=False)
    cleaned = cleaner.clean_html(dirty)
    return cleaned[5:-6]  # the <div> lxml wraps it in


def line_breaks(dirty):
    formatter = Formatter()
    return formatter.clean_html(dirty)


def full_markdown(text):
    # html_sanitizer's configured sanitizer, then the template braces
    # broken so that no later render reads them
    sanitizer = get_sanitizer(name="comments")
    html = markdown.markdown(text)
    html = sanitizer.sanitize(html)
    html = html.replace("{{", "{ {").replace("}}", "} }")
    return html


def signed_markdown(text, signature):
    # looks alike: the signature is added after the sanitizer ran
    html = markdown.markdown(text)
    html = get_sanitizer(name="comments").sanitize(html)
    html = html + signature
    return html


class Report:
    def sanitize(self, text):
        return text.replace("\n", "<br>")


def report_markup(text):
    report = Report()
    return report.sanitize(text)


def loose_markdown(text):
    # looks alike: the replace undoes what the sanitizer escaped
    html = get_sanitizer(name="comments").sanitize(text)
    return html.replace("&lt;", "<")
