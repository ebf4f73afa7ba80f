CSRF_TRUSTED_ORIGINS = [
    "https://app.example.com",  # safe: an exact HTTPS origin
    "https://*.example.com",  # safe: subdomains of the site's own domain
    "https://*",  # want `CSRF_TRUSTED_ORIGINS has 'https://\*', which trusts every site`
]
