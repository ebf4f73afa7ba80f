INSTALLED_APPS = ["django.contrib.sessions"]
SESSION_COOKIE_SECURE = False  # want "SESSION_COOKIE_SECURE is False, so the cookie is also sent over plain HTTP"
SESSION_COOKIE_SAMESITE = "None"  # want "SESSION_COOKIE_SAMESITE is 'None', so the cookie is sent on cross-site requests"
