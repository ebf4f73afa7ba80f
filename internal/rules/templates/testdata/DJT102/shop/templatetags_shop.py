from django import template

register = template.Library()


@register.inclusion_tag("shop/rating.html")
def rating(review):
    return {"review": review}


FEED_DOWN = """The partner feed is unavailable. Please visit <a href="https://partner.example/">the partner's site</a>."""


@register.inclusion_tag("shop/partner_feed.html")
def partner_feed():
    try:
        rows = fetch_partner_rows()
    except ConnectionError as ex:
        return {"error": FEED_DOWN + "(" + ex.__class__.__name__ + ")"}
    if not rows:
        return {"error": FEED_DOWN}
    return {"rows": rows}


@register.inclusion_tag("shop/partner_note.html")
def partner_note(review):
    if review.flagged:
        return {"note": review.author_name}
    return {"note": "<em>No note</em>"}


def fetch_partner_rows():
    import requests

    return requests.get("https://partner.example/rows.json", timeout=5).json()["rows"]
