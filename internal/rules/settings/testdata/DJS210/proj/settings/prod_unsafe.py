SECURE_REFERRER_POLICY = ["origin", "unsafe-url"]  # want "which sends full URLs"
