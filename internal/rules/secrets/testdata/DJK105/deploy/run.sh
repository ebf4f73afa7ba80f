#!/bin/sh
export DJANGO_SECRET_KEY='1+@p47-g4s5$85sz+p8yqhyw+sy@#9$v^4aa_0!vb_g@o)$-cp' # want "Django secret key"
export DJANGO_SECRET_KEY="$(openssl rand -base64 48)" # safe: generated
