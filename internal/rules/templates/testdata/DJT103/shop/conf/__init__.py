from .static import AppSettings

settings = AppSettings()

# the app's configuration with its defaults, read by the context processor
APP_CONFIG = {"modules": getattr(settings, "APP_MODULES", [])}


def tip_for(request):
    return request.GET.get("tip", "")
