# the developers' settings when they are there; the image leaves dev.py out
# (.dockerignore), so it runs prod
try:
    from .dev import *
except ImportError:
    from .prod import *
