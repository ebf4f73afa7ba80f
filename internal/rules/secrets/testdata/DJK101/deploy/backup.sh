#!/bin/sh
export AWS_ACCESS_KEY_ID="AKIAECEPTAFBVPJFC5UZ" # want "AWS access key ID \"AKIA…\" is hard-coded: anyone who can read this file can use it"
export AWS_SECRET_ACCESS_KEY="oA+ePIzhtoNK8QcV88xVzvLgkGoy6/LmMrBwuEsC" # want "AWS secret access key"
export AWS_DEFAULT_REGION="$REGION" # safe: variable
aws s3 sync /var/backups s3://shop-backups/ # safe: no credential
