import environ

env = environ.Env()
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://shop:hunter2@db.internal/shop")}  # want "the password of database \"default\" falls back to a literal whenever DATABASE_URL is unset"
