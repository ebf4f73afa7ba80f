import os

SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get("NOSNIFF", "") != ""  # want "is False whenever NOSNIFF is unset"
