from .base_settings import *

# Each server has its own local_settings.py (not in the repository).
from .local_settings import *

MIDDLEWARE = tuple([pair[1] for pair in sorted(MIDDLEWARE_GLOBAL + MIDDLEWARE_LOCAL)])
