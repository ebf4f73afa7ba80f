# the production image: base settings, then the site's own local settings
from .settings import *  # noqa: F401,F403
from .settings_local import *  # noqa: F401,F403
