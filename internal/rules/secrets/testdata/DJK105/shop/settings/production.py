from .base import *  # noqa

SECRET_KEY = '^b@-(1@9d!b-#e#qq-!ke6g5)aof4@2er4ytya6h)e3af55l-p'  # want "Django secret key assigned to SECRET_KEY"
SECRET_KEY = env("SECRET_KEY", default="9c06p&hemo(1qnf07^j*&!ydoov6+y6_8)7dp5&ih1%==u8u7t")  # want "Django secret key"
SECRET_KEY = config("SECRET_KEY")  # safe: python-decouple lookup without default
SECRET_KEY = env.str("SECRET_KEY", default="")  # safe: empty default
