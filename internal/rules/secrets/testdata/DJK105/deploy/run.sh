#!/bin/sh
export DJANGO_SECRET_KEY='o9pphzwsntlql8*#25wb!9hlwrm#pb)o@!x)r$g4#b27#vj6w_' # want "Django secret key"
export DJANGO_SECRET_KEY="$(openssl rand -base64 48)" # safe: generated
