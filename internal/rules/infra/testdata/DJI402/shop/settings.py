import environ

env = environ.Env()
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["shop.example.com"])  # safe: a named host unless the deployment says otherwise
