#!/bin/sh
set -e
python manage.py migrate
# no exec: uWSGI runs as the shell's child
uwsgi --enable-threads --ini /srv/wsgi.ini
