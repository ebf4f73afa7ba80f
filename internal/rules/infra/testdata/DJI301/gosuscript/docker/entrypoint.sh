#!/bin/sh
set -e
python manage.py migrate --no-input
chown -R app:app /data
exec gosu app "$@"
