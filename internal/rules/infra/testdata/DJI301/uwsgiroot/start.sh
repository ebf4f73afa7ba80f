#!/bin/sh
# looks alike, but one branch starts uWSGI with no uid: it serves as root
if [ "$DEBUG" = "1" ]; then
  exec uwsgi --http 0.0.0.0:8000 --module shop.wsgi
else
  exec uwsgi --http 0.0.0.0:8000 uwsgi.ini
fi
