from django.conf import settings

settings.configure(DEBUG=True, ALLOWED_HOSTS=["*"])  # want "settings.configure\\(DEBUG=True\\)"
DEBUG = True  # want "DEBUG = True in site/standalone.py"
