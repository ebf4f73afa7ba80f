# A metrics backend whose address the operators configure.
from urllib.parse import urlencode, urljoin
from urllib.request import Request, urlopen

from django.conf import settings
from django.http import JsonResponse


def metric_query(query, operation="find"):
    url = urljoin(settings.GRAPHITE_BASE, "/metrics/" + operation)
    url = "%s?%s" % (url, urlencode({"query": query}))
    return urlopen(Request(url)).read()  # safe: the request's term only fills the query string


def metric_query_at(base, query):
    url = "%s?%s" % (base, urlencode({"query": query}))
    return urlopen(Request(url)).read()  # want "urllib.request.Request"


def metric_search(request):
    return JsonResponse({"found": metric_query(request.GET["term"]).decode()})


def metric_search_at(request):
    return JsonResponse({"found": metric_query_at(request.GET["server"], request.GET["term"]).decode()})
