from html import escape

from bleach import clean, linkify
from django.template.loader import render_to_string


def mail_to_html(mail):
    def clean_html(text):
        if not isinstance(text, str):
            text = str(text)
        text = escape(text)
        text = clean(text)
        text = linkify(text, parse_email="@" in text)
        text = text.replace("\n", "<br>")
        return text

    def loose_html(text):
        text = text.strip()
        text = text.replace("\n", "<br>")
        return text

    data = {}
    data["subject"] = clean_html(mail.subject)
    data["body"] = loose_html(mail.body)
    return render_to_string("shop/mail_view.html", context=data)
