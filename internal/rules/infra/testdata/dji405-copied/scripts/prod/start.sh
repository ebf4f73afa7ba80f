#!/bin/sh
set -e
python manage.py migrate --noinput
gunicorn shop.wsgi --bind 0.0.0.0:8000 --workers 3 &
wait
