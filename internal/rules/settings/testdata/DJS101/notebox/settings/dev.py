from .base import *

DEBUG = True  # want "DEBUG is True \\(set in notebox/settings/dev.py"
