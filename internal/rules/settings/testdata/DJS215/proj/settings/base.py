CSRF_TRUSTED_ORIGINS = [
    "https://app.example.com",  # safe: an exact HTTPS origin
    "https://*.example.com",  # safe: subdomains of the site's own domain
    "https://*",  # want `CSRF_TRUSTED_ORIGINS has 'https://\*', which trusts every site`
    "http://127.0.0.1:8000",  # safe: only the user's own machine serves a loopback origin
    "http://[::1]",  # safe: loopback too
    "http://127.0.0.1.example.net",  # want `has 'http://127.0.0.1.example.net', which trusts a plain-HTTP origin`
    "http://localhost.evil.net",  # want `has 'http://localhost.evil.net', which trusts a plain-HTTP origin`
]
