DATABASES = {
    "default": {
        "ENGINE": "djongo",
        "PASSWORD": "db-pass",  # safe: DJS401 reports the PASSWORD of DATABASES entries
        "CLIENT": {"host": "mongo.internal", "username": "shop", "password": "m0ngopass"},  # want `DATABASES\["default"\]\["CLIENT"\]\["password"\] is a literal`
    },
}
REST_KNOX_TOKEN = "knox.auth.TokenAuthentication"  # safe: an import path, not a secret
SENDGRID_API_KEY = "SENDGRID_API_KEY"  # safe: a placeholder naming the variable
