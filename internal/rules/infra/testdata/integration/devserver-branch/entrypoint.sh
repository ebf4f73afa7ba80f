#!/bin/bash
set -e
./manage.py migrate --noinput
if [[ "$DEV_SERVER" = "true" ]]; then
    exec python ./manage.py runserver_plus 0.0.0.0:8000
else
    uwsgi --ini /app/uwsgi.ini
fi
