import environ

env = environ.Env()
DATABASES = {
    "default": {
        "ENGINE": "djongo",
        "CLIENT": {"host": "mongodb+srv://shop:m0ngopass@cluster0.example.mongodb.net/shop"},  # want `DATABASES\["default"\]\["CLIENT"\]\["host"\] is a connection string with the password of user "shop"`
    },
    "reports": env.db("REPORTS_URL", default="postgres://rep:hunter2@db.internal/rep"),  # safe: the password of a database URL is DJS401's
}
