from django.utils.csp import CSP

MIDDLEWARE = ["django.middleware.csp.ContentSecurityPolicyMiddleware"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, "https://cdn.example.com"],  # want "SECURE_CSP script-src allows 'unsafe-inline', which lets injected inline scripts run"
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],  # safe: styles are not checked
}
