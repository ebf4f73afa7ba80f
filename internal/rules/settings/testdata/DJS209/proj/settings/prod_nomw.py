MIDDLEWARE = []
X_FRAME_OPTIONS = "SAMEORIGIN"  # safe: the header is not sent without the middleware (DJS201 reports that)
