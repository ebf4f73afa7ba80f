import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")
settings.DEBUG = True  # want "settings.DEBUG = True turns debug mode on"
application = get_wsgi_application()
