# How to call the API from Python: a demo for integrators, with a made-up key.
API_KEY_SECRET = "6fuSp2Lm9ZqT4xRk8VwN"  # safe: a demo's key
