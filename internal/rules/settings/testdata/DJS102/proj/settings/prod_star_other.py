from .refusing_other_keys import *  # noqa
