#!/bin/sh
set -e
ufw default deny incoming # safe: deny by default
ufw allow OpenSSH # safe: not a database port
ufw allow 'Nginx Full' # safe
ufw allow 6379/tcp # want "Redis port 6379"
ufw allow from 10.0.1.0/24 to any port 5432 proto tcp # safe: from the application subnet
ufw allow proto tcp from any to any port 27017 # want "MongoDB"
ufw default allow incoming # want "ufw default allow incoming"
