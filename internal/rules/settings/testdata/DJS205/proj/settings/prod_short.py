SECURE_HSTS_SECONDS = 600  # safe: too short to preload; DJS203 reports it
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
