import os

MONGO_URL = os.environ.get("MONGO_URL", "mongodb://mongo.internal:27017/shop?tls=true&tlsAllowInvalidCertificates=true")  # want "MONGO_URL: tlsAllowInvalidCertificates=true stops TLS from checking the server whenever MONGO_URL is unset"
