from urllib.parse import unquote, urlencode, urlparse

from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

AFTER_LOGIN = {"dashboard", "project-detail", "billing"}


def is_safe_target(url):
    """A project helper that wraps Django's own check."""
    return url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def known_route(url):
    """Accepts only relative URLs that resolve to an allow-listed route."""
    if not url:
        return False
    parts = urlparse(url)
    if parts.netloc:
        return False
    try:
        found = resolve(parts.path)
    except Resolver404:
        return False
    return found.url_name in AFTER_LOGIN


def checked_elsewhere(url):
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return False
    return True


def looks_local(url):
    """Not a check: //evil.example starts with a slash too."""
    return url.startswith("/")


def sometimes_checked(url, strict):
    if strict:
        return url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    return True


def relative_only(url):
    """Not a check: urlparse("/\\evil.example").netloc is empty too."""
    return urlparse(url).netloc == ""


def is_foreign(url):
    """True for a URL that leaves the site: a negative check."""
    return not url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def is_odd(url):
    return not url.startswith("/")


def add_tracking(url, params):
    # the tracking parameters follow the URL's query start: they choose no
    # host, what url holds does
    query = urlencode([p for p in params if p[0].startswith("utm_")])
    return url + "?" + query if query else url


def add_code_message(url, code):
    if code:
        url += "&error=" + code if "?" in url else "?error=" + code
    return url


def is_url_valid_and_safe(url, allowed_hosts):
    """Django's check, then no characters that would break a page."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts):
        url = urlparse(url)
        if "<" in unquote(url.path):
            return False
        return not any(c in unquote(url.query) for c in "<>\"")
    return False


def return_target(request, fallback="/"):
    hosts = {request.get_host()}
    target = request.GET.get("return_url")
    if is_url_valid_and_safe(url=target, allowed_hosts=hosts):
        return resolve_url(target)
    return fallback


def loose_target(request, fallback="/"):
    # looks alike: the check's answer is not what decides
    target = request.GET.get("return_url")
    is_url_valid_and_safe(url=target, allowed_hosts={request.get_host()})
    return target or fallback
