from django.utils.csp import CSP

MIDDLEWARE = [  # safe: Django 6 CSP middleware
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]
SECURE_CSP = {"default-src": [CSP.SELF]}
