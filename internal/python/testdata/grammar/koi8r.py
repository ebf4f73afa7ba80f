# -*- coding: koi8-r -*-
s = "привет"
