#!/bin/sh
# a CSRF token the script picks itself and sends as cookie and header
curl -s -H "X-CSRFToken: DKUe83hQzP2mVx7LrT4cWn9bYf6GjA1s" \
  -b "csrftoken=DKUe83hQzP2mVx7LrT4cWn9bYf6GjA1s" http://127.0.0.1:8000/api/ # safe: a CSRF token is no credential
