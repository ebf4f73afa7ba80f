#!/bin/sh
export DJANGO_SECRET_KEY='%e39(8#h+(+_yn=q_x4o_ld$yp)q11fymk5f-7)&8lvux(^ntp' # want "Django secret key"
export DJANGO_SECRET_KEY="$(openssl rand -base64 48)" # safe: generated
