import markdown

from shop.utils import sanitizer


def render_review(text):
    html = markdown.markdown(text)
    return sanitizer.clean(html)


def render_unsafe(text):
    return markdown.markdown(text)


def render_sometimes(text, trusted):
    if trusted:
        return markdown.markdown(text)
    return sanitizer.clean(markdown.markdown(text))
