from .base import *  # noqa

MIDDLEWARE = MIDDLEWARE + ["csp.middleware.CSPMiddleware"]
# script-src is set on its own: default-src no longer applies to scripts
CSP_DEFAULT_SRC = ("'self'", "data:", "blob:")  # safe: CSP_SCRIPT_SRC below governs scripts
CSP_SCRIPT_SRC = ("'self'", "'unsafe-eval'")  # want `CSP_SCRIPT_SRC script-src allows 'unsafe-eval', which lets scripts turn strings into code`
