from django.core.mail import EmailMessage, EmailMultiAlternatives, mail_admins, send_mail
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString


class Trusted(SafeString):
    """Marks text as safe HTML, as SafeString does."""


class HTMLMessage(EmailMessage):
    content_subtype = "html"


def contact(request):
    name = request.POST.get("name", "")
    body = request.POST.get("message", "")
    send_mail(  # want "reaches send_mail\\(html_message=…\\) without HTML escaping"
        "Contact form",
        body,
        "shop@example.com",
        ["team@example.com"],
        html_message=f"<p>From {name}</p><p>{body}</p>",
    )
    send_mail("Contact form", body, "shop@example.com", ["team@example.com"])  # safe: plain-text body
    mail_admins("Contact", body, html_message=render_to_string("mail/contact.html", {"body": body}))  # safe: template escapes
    return HttpResponse("thanks")


def invite(request):
    note = request.POST["note"]
    msg = EmailMultiAlternatives("Invitation", note, to=[request.POST["email"]])  # safe: the text part
    msg.attach_alternative("<p>" + note + "</p>", "text/html")  # want "reaches msg.attach_alternative"
    msg.attach_alternative(note, "text/plain")  # safe: not HTML
    msg.send()
    return HttpResponse("sent")


def digest(request):
    summary = request.GET.get("summary", "")
    html = EmailMessage("Digest", "<h1>" + summary + "</h1>", to=["ops@example.com"])  # want "EmailMessage with an HTML body"
    html.content_subtype = "html"
    html.send()
    HTMLMessage("Digest", summary, to=["ops@example.com"]).send()  # want "HTMLMessage with an HTML body"
    return HttpResponse("ok")


def plain_digest(summary):
    EmailMessage("Digest", summary, to=["ops@example.com"]).send()  # safe: plain text


def badge(request):
    label = request.GET.get("label", "")
    pre = "<span class='badge'>{}</span>".format(label)
    return HttpResponse(format_html(pre))  # want "reaches format_html"


def card(request):
    title = request.GET.get("title", "")
    html = Trusted("<div>" + title + "</div>")  # want "reaches Trusted"
    return HttpResponse(Trusted("<div>" + escape(title) + "</div>") + html)  # safe: escaped; html was reported where it was built


def tag_list(request):
    tags = request.GET.getlist("tag")
    label = request.GET.get("label", "")
    safe = format_html_join(", ", "<b>{}</b>", ((t,) for t in tags))  # safe: the tags are arguments
    unsafe = format_html_join(", ", "<b title='" + label + "'>{}</b>", ((t,) for t in tags))  # want "reaches format_html_join"
    return HttpResponse(safe + unsafe)
