# -*- coding: utf- )-*-
s = "ünï"
