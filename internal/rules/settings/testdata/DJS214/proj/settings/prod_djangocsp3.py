MIDDLEWARE = ["csp.middleware.CSPMiddleware"]
CSP_DEFAULT_SRC = ("'self'", "*")  # want `CSP_DEFAULT_SRC default-src allows \*, which lets scripts load from hosts`
CSP_IMG_SRC = ("*",)  # safe: images are not scripts
