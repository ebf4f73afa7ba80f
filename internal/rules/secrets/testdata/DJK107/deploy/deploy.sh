#!/bin/sh
export REGISTRY_PASSWORD='D1ukchyIyPw!zam3sQRz' # want "password assigned to REGISTRY_PASSWORD"
export REGISTRY_PASSWORD="$(cat /run/secrets/registry)" # safe: command substitution
docker login -u deploy -p "$REGISTRY_PASSWORD" registry.example.com # safe: variable
