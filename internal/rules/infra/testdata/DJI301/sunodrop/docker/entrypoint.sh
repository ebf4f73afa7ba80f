#!/bin/sh
# looks alike: su runs the set-up step as app, the server is exec'd as root
su -p app -c "python manage.py collectstatic --no-input"
exec "$@"
