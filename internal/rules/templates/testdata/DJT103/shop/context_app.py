import json

from . import conf
from .conf import settings


PAGES = {"size": 20, "max": 100}


class Analytics:
    def context(self, request):
        ctx = {}
        if getattr(settings, "ANALYTICS", None):
            ctx["ANALYTICS"] = settings.ANALYTICS
            ctx["analytics_ref"] = request.GET.get("ref", "")
        return ctx


def app(request):
    return {
        **{f"PAGE_{k.upper()}": v for k, v in PAGES.items()},
        "COOKIE_NAME_JSON": json.dumps(settings.CSRF_COOKIE_NAME),
        "greeting": settings.visitor_greeting(request),
        "APP_CONFIG": conf.APP_CONFIG,
        "app_tip": conf.tip_for(request),
        **Analytics().context(request),
    }
