from django.conf import settings
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from .models import Comment, Event, Talk


def comment_added(request, talk_id):
    talk = get_object_or_404(Talk, pk=talk_id)
    host = "{}://{}".format(settings.SITE_PROTOCOL, request.META.get("HTTP_HOST"))  # want "request.META.get\\(\"HTTP_HOST\"\\) is the Host header as the client sent it"
    link = host + talk.get_absolute_url()
    send_mail("New comment", f"See {link}", None, [talk.author.email])
    return redirect(talk)


def invite(request, talk_id):
    talk = get_object_or_404(Talk, pk=talk_id)
    site = request.META["HTTP_HOST"]  # want "request.META\\[\"HTTP_HOST\"\\] is the Host header"
    url = f"https://{site}{reverse('talk', args=[talk.pk])}"
    send_mail("Invitation", url, None, [request.POST["email"]])
    return redirect(talk)


def reset_link(request, token):
    base = "%s://%s" % (request.scheme, request.headers.get("Host"))  # want "request.headers.get\\(\"Host\"\\) is the Host header"
    return base + "/reset/" + token + "/"


def forwarded(request):
    return "https://" + request.META.get("HTTP_X_FORWARDED_HOST", "") + "/"  # want "HTTP_X_FORWARDED_HOST"


def checked(request, talk_id):
    talk = get_object_or_404(Talk, pk=talk_id)
    url = "{}://{}{}".format(request.scheme, request.get_host(), talk.get_absolute_url())  # safe: get_host checks ALLOWED_HOSTS
    absolute = request.build_absolute_uri(talk.get_absolute_url())  # safe: built on get_host
    send_mail("Talk", url + " " + absolute, None, [talk.author.email])
    return redirect(talk)


def logged(request):
    print("request for %s" % request.META.get("HTTP_HOST"))  # safe: logged, not made into a link
    if request.META.get("HTTP_HOST") == settings.PRIMARY_HOST:  # safe: compared
        return None
    return {"http_host": request.META["HTTP_HOST"]}  # safe: passed on as it is


def nested(request):
    def later():
        return "http://" + request.META["HTTP_HOST"]  # want "is the Host header"

    return later


def embed_code(request, talk_id):
    # the snippet shows the page the requester is on: a forged Host comes
    # back to the client that sent it
    talk = get_object_or_404(Talk, pk=talk_id)
    domain = "{}://{}".format(request.scheme, request.headers["host"])  # want "request.headers\\[\"host\"\\] is the Host header as the client sent it, unchecked against ALLOWED_HOSTS, built into a link that goes only into this response"
    return render(request, "talks/embed.html", {"talk": talk, "domain": domain})


def embed_code_saved(request, talk_id):
    # the same link kept on the row: every later reader gets it
    talk = get_object_or_404(Talk, pk=talk_id)
    talk.embed_url = "{}://{}/embed/".format(request.scheme, request.headers["host"])  # want "request.headers\\[\"host\"\\] is the Host header as the client sent it, unchecked against ALLOWED_HOSTS, and it is built into a link here"
    talk.save()
    return render(request, "talks/embed.html", {"talk": talk})


def event_page(request):
    # the Host must be an event's own domain: any other gets a 404 before
    # the link is built
    event = get_object_or_404(Event, domain=request.headers["Host"])
    socket = "wss://{}/ws/event/{}/".format(request.headers["Host"], event.pk)  # safe: only an event's domain reaches here
    event.last_socket = socket
    event.save()
    return render(request, "talks/event.html", {"event": event})


def event_page_named(request):
    host = request.META.get("HTTP_HOST")
    try:
        event = Event.objects.get(domain=host)
    except Event.DoesNotExist:
        return redirect("/")
    event.last_socket = f"wss://{host}/ws/"  # safe: the Host named an event's domain
    event.save()
    return render(request, "talks/event.html", {"event": event})


def event_page_late(request):
    # looked up after the link is made: the link comes first
    link = "https://%s/feed/" % request.headers["Host"]  # want "is the Host header as the client sent it, unchecked against ALLOWED_HOSTS, and it is built into a link here"
    send_mail("Feed", link, None, ["ops@example.com"])
    event = get_object_or_404(Event, domain=request.headers["Host"])
    return render(request, "talks/event.html", {"event": event})


def event_page_filtered(request):
    # filter() finds none without stopping: the Host is not checked
    events = Event.objects.filter(domain=request.headers["Host"])
    link = "https://%s/feed/" % request.headers["Host"]  # want "is the Host header as the client sent it, unchecked against ALLOWED_HOSTS, and it is built into a link here"
    send_mail("Feed", link, None, ["ops@example.com"])
    return render(request, "talks/event.html", {"events": events})
