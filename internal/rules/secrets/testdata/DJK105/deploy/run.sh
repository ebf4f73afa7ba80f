#!/bin/sh
export DJANGO_SECRET_KEY='+sy@#9$v^4aa_0!vb_g@o)$-cp**(=9q@qr*_2r91v$gq8wttf' # want "Django secret key"
export DJANGO_SECRET_KEY="$(openssl rand -base64 48)" # safe: generated
