import os

CELERY_BROKER_URL = "amqp://guest:guest@localhost:5672//"  # want "a development default for a service on localhost"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://:r3sults-Qx9@127.0.0.1:6379/1")  # want "falls back to a connection string with a password whenever CELERY_RESULT_BACKEND is unset, a development default"
EVENTS_URL = "amqp://events:Ev3nts-77kq@localhost:5672/events"  # want `EVENTS_URL is a connection string with the password of user "events" in the source \(a service on localhost\)`

# the old system's database, for a one-off migration: the default is the
# documentation's example, which no server answers to
LEGACY_DATABASE = os.environ.get("LEGACY_DATABASE", "postgresql://username:password@example.com:5432/legacy")  # safe: a documentation host
ARCHIVE_URL = os.environ.get("ARCHIVE_URL", "postgresql://archive:Arch1ve-Kq77@archive.example.org:5432/archive")  # safe: a documentation host
MIRROR_URL = os.environ.get("MIRROR_URL", "postgresql://mirror:M1rror-Pq44@db.examples.com:5432/mirror")  # want "MIRROR_URL falls back to a connection string"
