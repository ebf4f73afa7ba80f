from django import template
from django.conf import settings

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


@register.inclusion_tag("shop/toggle_button.html", takes_context=True)
def toggle_button(context, kind, item):
    # the template's context is this dict alone, whatever the page's holds
    conf = settings.TOGGLE_BUTTONS[kind]
    return {
        "label": conf.get("label"),
        "tooltip": conf.get("tooltip", ""),
        "note": item.get("note"),
        "request": context["request"],
    }


@register.inclusion_tag("shop/share_button.html", takes_context=True)
def share_button(context, kind):
    # the page's keys are copied in: any of them may reach the template
    data = context.flatten()
    data["label"] = settings.TOGGLE_BUTTONS[kind].get("label")
    return data
