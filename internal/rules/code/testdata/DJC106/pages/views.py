from django.http import HttpResponse
from django.template import Context, Engine, Template
from jinja2 import Environment

from .forms import GreetingForm

env = Environment()


def preview(request):
    body = request.POST["body"]
    tpl = Template("<div>" + body + "</div>")  # want "template source built from request data \\(request.POST\\[.body.\\]\\) reaches django.template.Template"
    page = Template("<div>{{ body }}</div>").render(Context({"body": body}))  # safe: data in the context
    j = env.from_string(body)  # want "env.from_string"
    return HttpResponse(tpl.render(Context({})) + page + j.render())


def mail_preview(request, kind):
    source = "{% extends 'mail/base.html' %}{% block content %}" + kind + "{% endblock %}"
    html = Engine.get_default().from_string(source).render(Context({}))  # want "URL path parameter kind"
    fixed = Engine.get_default().from_string("{{ kind }}").render(Context({"kind": kind}))  # safe: constant template
    return HttpResponse(html + fixed)


def greet(request):
    form = GreetingForm(request.POST)
    return HttpResponse("ok" if form.is_valid() else "no")
