from .refusing_keys import *  # noqa
