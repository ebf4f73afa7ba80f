#!/bin/sh
set -e
# looks alike: uWSGI with its uid only runs a warm-up; the server that stays is gunicorn, as root
uwsgi --ini /srv/wsgi.ini --warmup-only
gunicorn shop.wsgi --bind 0.0.0.0:8000
