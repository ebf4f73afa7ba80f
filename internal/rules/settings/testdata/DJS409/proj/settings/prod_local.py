EMAIL_HOST = "localhost"  # safe: a local relay
EMAIL_HOST_USER = "app"
