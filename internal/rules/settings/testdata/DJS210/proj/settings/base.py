SECURE_REFERRER_POLICY = None  # want "SECURE_REFERRER_POLICY is None, so no Referrer-Policy header is sent"
