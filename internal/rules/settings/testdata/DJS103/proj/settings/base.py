ALLOWED_HOSTS = ["*"]  # want "ALLOWED_HOSTS accepts any host"
