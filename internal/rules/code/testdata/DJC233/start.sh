#!/bin/sh
set -e
python manage.py migrate
python manage.py create_admin
exec gunicorn site.wsgi --bind 0.0.0.0:8000
