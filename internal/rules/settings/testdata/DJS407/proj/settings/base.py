DATA_UPLOAD_MAX_NUMBER_FIELDS = None  # want "DATA_UPLOAD_MAX_NUMBER_FIELDS is None, so Django puts no limit on it"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # safe: a larger limit is still a limit
