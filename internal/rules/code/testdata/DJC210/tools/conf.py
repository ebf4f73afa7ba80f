# the runner's configuration, imported by the worker at start
from django.conf import settings

extensions = ["worker.retries"]

settings.configure(DEBUG=True)  # want "settings.configure\\(DEBUG=True\\)"
