# coding: utf8
s = "ünï"
