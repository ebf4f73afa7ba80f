import environ

env = environ.Env()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])  # want "ALLOWED_HOSTS is empty whenever ALLOWED_HOSTS is unset"
