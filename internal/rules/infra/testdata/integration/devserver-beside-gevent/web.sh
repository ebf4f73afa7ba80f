#!/usr/bin/env bash
set -e
./manage.py migrate --noinput
python app.py
