#!/usr/bin/env bash
# Creates the OAuth application of the local stack.
OAUTH_CLIENT_SECRET="Vb7qLx2RmT9pZk4Nw8Hc3JdY"  # want "secret assigned to OAUTH_CLIENT_SECRET .*; it is in dev-env/, a folder for development, but a key"
psql -c "insert into oauth_app (secret) values ('$OAUTH_CLIENT_SECRET')"
