from io import BytesIO

from django.shortcuts import render
from django.template.loader import get_template
from xhtml2pdf import pisa


def post_pdf(post):
    html = get_template("blog/post_pdf.html").render({"post": post})
    out = BytesIO()
    pisa.CreatePDF(BytesIO(html.encode("utf-8")), dest=out)
    return out.getvalue()


def post_print_pdf(post):
    html = get_template("blog/post_print.html").render({"post": post})
    out = BytesIO()
    pisa.CreatePDF(BytesIO(html.encode("utf-8")), dest=out)
    return out.getvalue()


def post_print(request, post):
    return render(request, "blog/post_print.html", {"post": post})
