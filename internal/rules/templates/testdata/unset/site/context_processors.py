from django.conf import settings


def branding(request):
    return {"footer_html": settings.FOOTER_HTML}
