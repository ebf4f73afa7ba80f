FILE_UPLOAD_PERMISSIONS = 0o666  # want "FILE_UPLOAD_PERMISSIONS is 0o666, so every user of the server can write"
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755  # safe: not world-writable
