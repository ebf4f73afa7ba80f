from django.conf import settings

VERBOSE = settings.DEBUG  # safe: reading DEBUG
SHOW_TOOLBAR = True  # safe: another name
