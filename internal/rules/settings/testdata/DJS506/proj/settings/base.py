ADMINS = []
LOGGING = {  # want "LOGGING configures no django.security, django or root logger"
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"shop": {"handlers": ["console"]}},
}
