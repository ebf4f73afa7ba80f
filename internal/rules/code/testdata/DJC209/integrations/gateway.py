GATEWAY_SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # safe: the alphabet, a placeholder
FALLBACK_API_KEY = "pk_live_7fQ2kL9pX3vB8nM4rT6wZ1yH"  # want "FALLBACK_API_KEY is set to a literal credential"
