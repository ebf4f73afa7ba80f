MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "SAMEORIGIN"  # want "X_FRAME_OPTIONS is 'SAMEORIGIN', so pages can be framed"
