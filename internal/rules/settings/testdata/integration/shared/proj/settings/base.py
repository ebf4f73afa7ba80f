ALLOWED_HOSTS = ["*"]
DEBUG = False
