from .base import *

DEBUG = True  # safe: .dockerignore leaves this module out of the image, whose import falls back to prod
