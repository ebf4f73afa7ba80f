SECRET_KEY = "x"
# smartmin's users app: its Login view sends a username that failed five
# times in ten minutes to a lockout page
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "smartmin", "smartmin.users"]  # safe: smartmin locks out
