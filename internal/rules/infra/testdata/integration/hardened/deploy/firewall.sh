#!/bin/sh
set -e
ufw default deny incoming
ufw allow OpenSSH
ufw allow 'Nginx Full'
ufw allow from 10.0.1.0/24 to any port 5432 proto tcp
