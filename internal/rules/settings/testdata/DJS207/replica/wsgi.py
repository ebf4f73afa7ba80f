import os

from django.core.wsgi import get_wsgi_application

# This site runs proj.settings.prod_missing; prod_missing_replica, a variant
# for the read-only replica, imports it.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.prod_missing")
application = get_wsgi_application()
