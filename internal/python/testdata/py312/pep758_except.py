try:
    pass
except ValueError, TypeError:
    pass
except KeyError,:
    pass
try:
    pass
except* OSError, KeyError:
    pass
