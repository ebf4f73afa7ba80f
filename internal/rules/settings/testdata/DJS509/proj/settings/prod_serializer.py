CELERY_ACCEPT_CONTENT = {"json", "application/x-python-serialize"}  # want "CELERY_ACCEPT_CONTENT names pickle"
