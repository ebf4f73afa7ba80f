import json

from .conf import settings


def app(request):
    return {
        "COOKIE_NAME_JSON": json.dumps(settings.CSRF_COOKIE_NAME),
        "greeting": settings.visitor_greeting(request),
    }
