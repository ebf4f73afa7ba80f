CELERY_BROKER_URL = "redis://:s3cretpw@cache.internal:6379/0"  # want "CELERY_BROKER_URL is a connection string with a password in the source"
