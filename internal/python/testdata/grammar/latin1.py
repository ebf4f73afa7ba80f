# -*- coding: latin-1 -*-
s = "café ½ ÿ"
# déjà
c = "€Ÿ"
