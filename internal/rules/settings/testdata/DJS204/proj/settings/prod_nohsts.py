SECURE_HSTS_SECONDS = 0  # safe: HSTS off is DJS203's finding, not this one
