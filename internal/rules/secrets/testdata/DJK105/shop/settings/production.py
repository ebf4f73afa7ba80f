from .base import *  # noqa

SECRET_KEY = 'n31jbzfs_pkyi6_x4kas)!l5&l3=*y8tjpzoi%+0$)1wxxg5)m'  # want "Django secret key assigned to SECRET_KEY"
SECRET_KEY = env("SECRET_KEY", default="(e6alrbuu6@$$r5#e!y1)l@)ih!07(p4hj7$qkud0ff1fh6h2^")  # want "Django secret key"
SECRET_KEY = config("SECRET_KEY")  # safe: python-decouple lookup without default
SECRET_KEY = env.str("SECRET_KEY", default="")  # safe: empty default
