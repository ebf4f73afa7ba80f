import environ

env = environ.Env()
INSTALLED_APPS = ["corsheaders"]
CORS_ORIGIN_ALLOW_ALL = env.bool("CORS_ALLOW_ALL", default=True)  # want "CORS_ORIGIN_ALLOW_ALL is True whenever CORS_ALLOW_ALL is unset, so every site can read responses; without CORS_ALLOW_CREDENTIALS they read only what a request without cookies gets"
