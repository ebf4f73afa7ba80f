#!/bin/sh
# The migrations run as app, but the server itself is exec'd as root.
gosu app python manage.py migrate --no-input
exec gunicorn shop.wsgi --bind 0.0.0.0:8000
