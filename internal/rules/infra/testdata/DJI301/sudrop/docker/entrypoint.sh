#!/bin/sh
chown -R app:app /tmp
exec su -p app -c "exec $*"
