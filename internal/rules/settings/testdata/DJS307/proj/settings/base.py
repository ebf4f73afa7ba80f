SOCIAL_AUTH_SANITIZE_REDIRECTS = False  # want "SOCIAL_AUTH_SANITIZE_REDIRECTS is False: after a login python-social-auth sends users to whatever address"
