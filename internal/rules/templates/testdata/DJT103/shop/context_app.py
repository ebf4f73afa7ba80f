import json

from . import conf
from .conf import settings


def app(request):
    return {
        "COOKIE_NAME_JSON": json.dumps(settings.CSRF_COOKIE_NAME),
        "greeting": settings.visitor_greeting(request),
        "APP_CONFIG": conf.APP_CONFIG,
        "app_tip": conf.tip_for(request),
    }
