#!/bin/sh
set -e
# root only for this: the mounted data folder belongs to www-data
chown -R www-data:www-data /app/data
python manage.py migrate
if [ "$WITH_SUPERVISOR" = "1" ]; then
  exec supervisord -c supervisord.conf
else
  exec uwsgi --http 0.0.0.0:8000 uwsgi.ini
fi
