#!/bin/sh
export REGISTRY_PASSWORD='WbTBZO6nQF9^WWu7uYt7' # want "password assigned to REGISTRY_PASSWORD"
export REGISTRY_PASSWORD="$(cat /run/secrets/registry)" # safe: command substitution
docker login -u deploy -p "$REGISTRY_PASSWORD" registry.example.com # safe: variable
