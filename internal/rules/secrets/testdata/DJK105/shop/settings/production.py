from .base import *  # noqa

SECRET_KEY = ')aof4@2er4ytya6h)e3af55l-p9c06p&hemo(1qnf07^j*&!yd'  # want "Django secret key assigned to SECRET_KEY"
SECRET_KEY = env("SECRET_KEY", default="oov6+y6_8)7dp5&ih1%==u8u7t2023v5w73)q%nx5mxwq^ctja")  # want "Django secret key"
SECRET_KEY = config("SECRET_KEY")  # safe: python-decouple lookup without default
SECRET_KEY = env.str("SECRET_KEY", default="")  # safe: empty default
