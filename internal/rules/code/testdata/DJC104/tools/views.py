import os
import subprocess

from django.http import HttpResponse

from . import runner
from .tasks import render_preset, render_video

TOOLS = {"uptime", "df"}


def ping(request):
    host = request.GET["host"]
    os.system("ping -c 1 " + host)  # want "reaches os.system"
    subprocess.run(["ping", "-c", "1", "--", host], check=True)  # safe: argument list, no shell
    out = subprocess.check_output("ping -c 1 %s" % host, shell=True)  # want "shell=True"
    return HttpResponse(out, content_type="text/plain")


def convert(request):
    fmt = request.POST.get("format", "png")
    stream = os.popen(f"convert in.jpg out.{fmt}")  # want "os.popen"
    if fmt.isalnum():
        os.system("convert in.jpg out." + fmt)  # safe: validated alphanumeric
    size = int(request.POST.get("size", "100"))
    os.system("convert -resize %d in.jpg out.jpg" % size)  # safe: int()
    return HttpResponse(stream.read(), content_type="text/plain")


def backup(request, name):
    runner.archive_quoted(name)
    return HttpResponse(runner.archive(name), content_type="text/plain")


def run_tool(request):
    tool = request.GET["tool"]
    if request.GET.get("checked"):
        if tool not in TOOLS:
            return HttpResponse(status=400)
        return HttpResponse(subprocess.check_output([tool]), content_type="text/plain")  # safe: allowlist
    result = runner.run(tool, "-h")
    return HttpResponse(result.stdout, content_type="text/plain")


def render(request):
    render_video.delay(request.POST["name"], int(request.POST.get("quality", "5")))
    render_preset.delay(request.POST["preset"])
    return HttpResponse("queued", content_type="text/plain")


def service_action(request, service, action):  # safe: the route admits word characters only: no shell syntax, no option
    subprocess.Popen("service " + service + " " + action, shell=True)
    return HttpResponse("ok")


def service_action_dashed(request, service, action):
    # looks alike: "-" lets an option through, "--help" or worse
    subprocess.Popen("service " + service + " " + action, shell=True)  # want "shell command built from request data"
    return HttpResponse("ok")
