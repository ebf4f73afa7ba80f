DATABASES = {
    "default": {
        "ENGINE": "djongo",
        "PASSWORD": "db-pass",  # safe: DJS401 reports the PASSWORD of DATABASES entries
        "CLIENT": {"host": "mongo.internal", "username": "shop", "password": "m0ngopass"},  # want `DATABASES\["default"\]\["CLIENT"\]\["password"\] is a literal`
    },
}
