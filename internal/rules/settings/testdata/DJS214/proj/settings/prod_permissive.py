MIDDLEWARE = ["csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [
            "'self'",
            "'unsafe-inline'",  # want "CONTENT_SECURITY_POLICY default-src allows 'unsafe-inline', 'unsafe-eval', data: and \\*: 'unsafe-inline' lets injected inline scripts run; 'unsafe-eval' lets scripts turn strings into code; data: lets scripts load from data: URLs; \\* lets scripts load from hosts an attacker controls"
            "'unsafe-eval'",  # safe: reported once, with the first unsafe source of the directive
            "data:",  # safe: likewise
            "*",  # safe: likewise
        ],
    },
}
