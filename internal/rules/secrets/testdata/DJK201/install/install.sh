#!/bin/sh
set -e
curl -fsSL "$RELEASE_URL/variables.env" -o plane.env
echo "edit plane.env, then run: docker compose --env-file plane.env up -d"
