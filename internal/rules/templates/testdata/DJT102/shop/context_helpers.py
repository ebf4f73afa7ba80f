from django.conf import settings


def wrap_data(request, data=None):
    """What every page's context holds, filled before the view's own."""
    data = data if data is not None else {}
    data["tracker"] = {
        "env": settings.TRACKER_ENV,
        "ignored": settings.TRACKER.get("ignored_messages", []),
        "hosts": getattr(settings, "TRACKER_HOSTS", None),
    }
    data["notice"] = {"text": request.GET.get("notice", "")}
    return data
