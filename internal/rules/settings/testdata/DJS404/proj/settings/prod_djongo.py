DATABASES = {
    "default": {
        "ENGINE": "djongo",
        "CLIENT": {"host": "mongodb://mongo.internal:27017", "ssl": False},  # want "database \"default\": ssl=false turns TLS off"
    },
    "local": {
        "ENGINE": "djongo",
        "CLIENT": {"host": "mongodb://localhost:27017", "ssl": False},  # safe: the same machine
    },
}
