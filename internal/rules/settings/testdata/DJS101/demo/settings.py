SECRET_KEY = "demo"
DEBUG = True  # safe: the folder's README says the demo is not production ready
ALLOWED_HOSTS = []
ROOT_URLCONF = "demo.urls"
