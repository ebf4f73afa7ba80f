#!/bin/sh
cp conf/server.env.example /etc/shop/server.env
