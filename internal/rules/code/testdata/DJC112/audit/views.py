import logging

from django.http import JsonResponse

from .forms import ProfileForm

logger = logging.getLogger(__name__)


def search(request):
    q = request.GET.get("q", "")
    logger.info("search for " + q)  # want "request data \\(request.GET.get\\(.q., ..\\)\\) is written to the log by logger.info"
    logger.warning("search for %s", q.replace("\n", " ").replace("\r", " "))  # safe: line breaks removed
    logging.info("agent %s", request.META.get("HTTP_USER_AGENT"))  # want "HTTP_USER_AGENT"
    forwarded = request.headers.get("X-Forwarded-For", "")
    logger.warning("client %s", forwarded)  # want "request.headers.get"
    logger.warning("client count %d", len(forwarded))  # safe: a number
    logger.warning("client %r", forwarded)  # safe: %r escapes line breaks
    logger.warning("client " + repr(forwarded))  # safe: repr escapes line breaks
    return JsonResponse({})


def update_profile(request):
    form = ProfileForm(request.POST)
    if form.is_valid():
        logger.info("nickname set to %s", form.cleaned_data["nickname"])  # safe: validated form field
    return JsonResponse({})


def item(request, pk):
    logger.info("item %s viewed", pk)  # safe: int converter
    return JsonResponse({})
