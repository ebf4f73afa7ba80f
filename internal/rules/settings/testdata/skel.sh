#!/bin/sh
# skel.sh DIR: the skeleton of a settings testdata project (manage.py,
# wsgi.py and an empty settings package); each rule's folder adds base.py,
# production.py and local.py.
set -e
d=$1
mkdir -p "$d/proj/settings"
cat > "$d/manage.py" <<'P'
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
P
cat > "$d/proj/wsgi.py" <<'P'
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.production")
application = get_wsgi_application()
P
: > "$d/proj/__init__.py"
: > "$d/proj/settings/__init__.py"
