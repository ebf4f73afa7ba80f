# The webhook signing key.
SIGNING_KEY = """-----BEGIN EC PRIVATE KEY-----  # want "EC private key"
MHcCAQEEI29TBif7PIgkmffY1YyCJpLH6p4sLxv49fWHpu9FmuxJrQWYUuv2o4yU
1lewV/A5zUsZQ1oqAwCIkIW35ITUkNkTuarqUqGdMbUVyPvfaMJFj7YkALzqUYCU
JZLeRRc2TQpNPtF58zm9E56CdD+06mel7txMQgL7+XD6XWoLJN8q3jdYc5n7ec2D
-----END EC PRIVATE KEY-----"""

PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----  # safe: a public key
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwvU/GVydt2MvOe2QSAiaQOmelnQboMeRWO5VzvnBgQaNmHLKbqII
-----END PUBLIC KEY-----"""

DOC = """-----BEGIN RSA PRIVATE KEY-----  # safe: a placeholder without a body
...
-----END RSA PRIVATE KEY-----"""
EMPTY = "-----BEGIN PRIVATE KEY-----\n<your private key>\n-----END PRIVATE KEY-----"  # safe: placeholder
