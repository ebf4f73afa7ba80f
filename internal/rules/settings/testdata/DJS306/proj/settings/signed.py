JWT_AUTH = {"JWT_VERIFY_EXPIRATION": False, "JWT_ALGORITHM": "HS256"}  # safe: JWT_VERIFY keeps its default, True
