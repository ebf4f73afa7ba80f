DEBUG = False  # safe: SECURE_REFERRER_POLICY unset keeps same-origin
