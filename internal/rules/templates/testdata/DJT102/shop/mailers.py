from django.core.mail import send_mail
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import strip_tags


def send_review_digest(review, to):
    html = render_to_string("shop/review_digest_email.html", {"digest_body": review.body})
    send_mail("A new review", strip_tags(html), None, [to], html_message=html)


def preview_review_mail(request, review):
    # sends the mail and shows the same HTML as a page: a browser runs it
    html = render_to_string("shop/review_preview_email.html", {"preview_body": review.body})
    send_mail("A new review", strip_tags(html), None, [request.user.email], html_message=html)
    return HttpResponse(html)
