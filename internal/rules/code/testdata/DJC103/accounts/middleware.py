import re

from django.conf import settings

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, is_valid_path, resolve
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import escape_leading_slashes

PLUS = re.compile(r"\+")


class PlusToSpaceMiddleware(MiddlewareMixin):
    def process_request(self, request):
        if PLUS.search(request.path_info):
            # a request for //evil.example/a+b is sent to //evil.example/a b
            new = PLUS.sub(" ", request.path_info)
            return HttpResponsePermanentRedirect(new)  # want "request.path_info"


class LowercaseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.get_full_path()
        if path != path.lower():
            return HttpResponseRedirect(escape_leading_slashes(path.lower()))  # safe: leading slashes escaped
        return self.get_response(request)


class TrailingSlashMiddleware(MiddlewareMixin):
    def process_response(self, request, response):
        if response.status_code == 404 and is_valid_path(new_url := request.path_info + "/"):
            return HttpResponsePermanentRedirect(new_url)  # safe: the URL patterns resolve it
        return response

    def process_exception(self, request, exception):
        # only views raise: the path matched a URL pattern
        return HttpResponseRedirect(request.path_info)  # safe: resolved path


def with_language(path, lang):
    if lang:
        return f"/{lang}{path}"
    return path


class LanguageRedirectMiddleware(MiddlewareMixin):
    def process_request(self, request):
        lang = settings.LANGUAGE_CODE
        if "lang" in request.GET:
            target = with_language(request.path_info, lang)
            if request.GET:
                target += f"?{request.GET.urlencode()}"
            return HttpResponseRedirect(target)  # safe: the project's helper rewrote the path, the query follows it
        return None


class NormalizeSlashesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        normalized = re.sub(r"/{2,}", "/", path)
        if normalized != path:
            try:
                resolve(normalized)
            except Resolver404:
                pass
            else:
                return HttpResponsePermanentRedirect(normalized)  # safe: resolve() returned, the URL patterns match it
            return HttpResponsePermanentRedirect(normalized)  # want "request.path"
        return self.get_response(request)


class SecureRedirectMiddleware(MiddlewareMixin):
    # after a scheme and the host Django checked, the path (which starts
    # with "/") is a path of the same host
    def process_request(self, request):
        if request.is_secure():
            return None
        if request.GET.get("fmt"):
            return HttpResponsePermanentRedirect("https://{0}{1}".format(request.get_host(), request.path))  # safe: the host comes first
        if request.GET.get("pct"):
            return HttpResponsePermanentRedirect("https://%s%s" % (request.get_host(), request.get_full_path()))  # safe: the host comes first
        if request.GET.get("fstr"):
            return HttpResponsePermanentRedirect(f"https://{request.get_host()}{request.path}")  # safe: the host comes first
        if request.GET.get("sum"):
            return HttpResponsePermanentRedirect("https://" + request.get_host() + request.path)  # safe: the host comes first
        # with nothing before it, the path is the whole URL
        return HttpResponsePermanentRedirect("{0}".format(request.path))  # want "request.path"


class CanonicalHostMiddleware(MiddlewareMixin):
    def process_request(self, request):
        hosts = getattr(settings, "CANONICAL_HOSTS", None)
        if not hosts or request.get_host() in hosts:
            return None
        new = "%s://%s%s" % ("https" if request.is_secure() else "http", hosts[0], request.get_full_path())
        return HttpResponsePermanentRedirect(new)  # safe: the scheme and host are the code's, the path follows them


class ForwardedHostMiddleware(MiddlewareMixin):
    def process_request(self, request):
        if "moved" in request.GET:
            new = "%s://%s%s" % ("https", request.GET["to"], request.get_full_path())
            return HttpResponsePermanentRedirect(new)  # want "request.GET"
        return None


class PrefixLanguageMiddleware(MiddlewareMixin):
    # Django's LocaleMiddleware puts the language after the script prefix
    def process_response(self, request, response):
        from django.urls import get_script_prefix

        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        script_prefix = get_script_prefix()
        if response.status_code == 404:
            url = request.get_full_path().replace(script_prefix, "%s%s/" % (script_prefix, language), 1)
            return HttpResponseRedirect(url)  # safe: the prefix goes on with the language
        if response.status_code == 410:
            url = request.get_full_path().replace(script_prefix, f"{script_prefix}{language}/", 1)
            return HttpResponseRedirect(url)  # safe: the same, as an f-string
        if response.status_code == 451:
            # the segment is the visitor's: ?lang=/evil.example makes "//evil.example/"
            url = request.get_full_path().replace(script_prefix, "%s%s/" % (script_prefix, request.GET["lang"]), 1)
            return HttpResponseRedirect(url)  # want "request"
        return response
