#!/bin/sh
# Runs the server as whoever started the container: root.
python manage.py migrate --no-input
exec gunicorn shop.wsgi --bind 0.0.0.0:8000
