from .base import *  # noqa

SECRET_KEY = '!k@p9(&pn&vesgty7bbtb4-cr0pg7q$ulpi^y4a0ps2cqgbn-+'  # want "Django secret key assigned to SECRET_KEY"
SECRET_KEY = env("SECRET_KEY", default="4f-^(x86(uh2=fortr$=g!u4aqc76-t8vy=kwi&c$g^^#)lyt-")  # want "Django secret key"
SECRET_KEY = config("SECRET_KEY")  # safe: python-decouple lookup without default
SECRET_KEY = env.str("SECRET_KEY", default="")  # safe: empty default
