import dj_database_url

DATABASES = {
    "default": dj_database_url.config(default="postgres://shop:shop@localhost:5432/shop", conn_max_age=600),  # want "a development default for a database on localhost"
    "replica": dj_database_url.config(env="DATABASE_URL_REPLICA", default="postgres://shop_ro:Zk3-replica-9w@db.internal:5432/shop"),  # want "the password of database \"replica\" falls back to a literal whenever DATABASE_URL_REPLICA is unset"
}

DATABASES["legacy"] = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "legacy",
    "USER": "legacy",
    "PASSWORD": "legacy",  # want "a development default for a database on localhost"
    "HOST": "127.0.0.1",
}
DATABASES["archive"] = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "archive",
    "USER": "archive",
    "PASSWORD": "Arch1ve-q7Zm",  # want `the password of database "archive" is a literal in the source \(a database on localhost\)`
    "HOST": "localhost",
}
