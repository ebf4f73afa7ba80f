import bleach

ALLOWED = {"p", "b", "i", "em", "strong", "a", "blockquote"}


def clean(html):
    """Keep the formatting tags and drop the rest."""
    return bleach.clean(html, tags=ALLOWED, strip=True)
