#!/bin/bash
set -e
# production would run: uwsgi --ini /app/uwsgi.ini
echo "uwsgi is for the servers; starting the development server"
exec python ./manage.py runserver_plus 0.0.0.0:8000
