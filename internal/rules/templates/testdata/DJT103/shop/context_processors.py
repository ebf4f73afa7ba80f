from constance import config
from django.conf import settings


def site(request):
    return {
        "analytics_id": getattr(settings, "ANALYTICS_ID", None) or getattr(settings, "GA_ID", None),
        "site_name": settings.SITE_NAME,
        "visitor_ref": request.GET.get("ref", ""),
        "SITE_INFO": settings.SITE_VARIABLES,
        "visitor": {"ref": request.GET.get("ref", "")},
        "link_min_days": config.SHARE_LINK_MIN_DAYS,
        "link_note": config.share_link_note,
        "portal_id": settings.HUBSPOT_CONFIG.get("PORTAL_ID", ""),
        "form_id": settings.HUBSPOT_CONFIG["FORM_ID"],
        "campaign": settings.HUBSPOT_CONFIG.get("CAMPAIGN", request.GET.get("campaign", "")),
    }
