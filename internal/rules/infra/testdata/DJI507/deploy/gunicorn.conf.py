bind = ["0.0.0.0:8000"]  # want "listens on every interface while nginx reaches the application over loopback"
