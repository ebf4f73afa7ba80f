from csp.constants import SELF, UNSAFE_EVAL

MIDDLEWARE = ["csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["*"],  # safe: script-src is set, so default-src does not apply to scripts
        "script-src": [SELF, UNSAFE_EVAL],  # want "CONTENT_SECURITY_POLICY script-src allows 'unsafe-eval'"
    },
}
