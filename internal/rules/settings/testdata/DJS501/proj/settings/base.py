INSTALLED_APPS = ["corsheaders"]
CORS_ALLOW_ALL_ORIGINS = True  # want "CORS_ALLOW_ALL_ORIGINS is True, so every site can read responses; with CORS_ALLOW_CREDENTIALS = True, that includes responses to logged-in users"
CORS_ALLOW_CREDENTIALS = True
