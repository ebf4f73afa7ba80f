import os

DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ["MAX_BODY"]) if os.environ.get("MAX_BODY") else None  # want "DATA_UPLOAD_MAX_MEMORY_SIZE is None whenever MAX_BODY is unset"
