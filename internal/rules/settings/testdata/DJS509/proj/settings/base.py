CELERY_ACCEPT_CONTENT = ["json", "pickle"]  # want "CELERY_ACCEPT_CONTENT names pickle: a worker unpickles what the broker hands it"
