CELERY_ACCEPT_CONTENT = ["application/json", "application/x-signed-pickle"]  # safe: signed pickle, Celery's auth serializer
