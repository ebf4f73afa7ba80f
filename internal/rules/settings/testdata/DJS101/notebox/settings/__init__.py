try:
    from .dev import *
except ImportError:
    from .prod import *
