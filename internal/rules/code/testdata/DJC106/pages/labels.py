from django.http import HttpResponse
from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .sandbox import label_env

plain_env = Environment()


def preview_label(request):
    tpl = label_env.from_string(request.POST["label"])  # want "reaches label_env.from_string \\(a Jinja sandbox\\)"
    return HttpResponse(tpl.render(page={"title": "Home"}))


def preview_footer(request):
    env = ImmutableSandboxedEnvironment()
    tpl = env.from_string(request.POST["footer"])  # want "reaches env.from_string \\(a Jinja sandbox\\)"
    return HttpResponse(tpl.render())


def preview_header(request):
    tpl = plain_env.from_string(request.POST["header"])  # want "reaches plain_env.from_string$"
    return HttpResponse(tpl.render())
