import os

CELERY_BROKER_URL = "amqp://guest:guest@localhost:5672//"  # want "a development default for a service on localhost"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://:r3sults-Qx9@127.0.0.1:6379/1")  # want "falls back to a connection string with a password whenever CELERY_RESULT_BACKEND is unset, a development default"
EVENTS_URL = "amqp://events:Ev3nts-77kq@localhost:5672/events"  # want `EVENTS_URL is a connection string with the password of user "events" in the source \(a service on localhost\)`
