from django.http import HttpResponse
from django.template import engines
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


def preview_note(request):
    # the engine the settings give Jinja's sandbox
    engine = engines["jinja"]
    tpl = engine.from_string(request.POST["note"])  # want "reaches engine.from_string \\(a Jinja sandbox\\)"
    return HttpResponse(tpl.render())


def preview_banner(request):
    # the plain Jinja engine of the same settings
    tpl = engines["jinja2"].from_string(request.POST["banner"])  # want "reaches engines\\[\"jinja2\"\\].from_string$"
    return HttpResponse(tpl.render())
