INSTALLED_APPS = ["django.contrib.staticfiles"]
SESSION_COOKIE_SECURE = False  # safe: no sessions in use
