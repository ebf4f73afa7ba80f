SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS = ["app.example.org"]  # safe: SANITIZE_REDIRECTS keeps its default, True
