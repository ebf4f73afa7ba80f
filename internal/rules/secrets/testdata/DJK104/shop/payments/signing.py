# The webhook signing key.
SIGNING_KEY = """-----BEGIN EC PRIVATE KEY-----  # want "EC private key"
MHcCAQEEI7+XD6XWoLJN8q3jdYc5n7ec2DwvU/GVydt2MvOe2QSAiaQOmelnQboM
eRWO5VzvnBgQaNmHLKbqII7jEWoJA/PMBPzr+GpG4KjpqbF5XdQpkcAlu31pbRxv
70LZC0hargXYzp50StMrh49Cs64NMGZrX4K4W6Iqa0sDLu6XZcMclws9xVTFD35V
-----END EC PRIVATE KEY-----"""

PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----  # safe: a public key
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEei9GCWPjVPwiJzWDLC8zYhmczfp+tqjAfDLW5rRXNwtsRMT2SUj8
-----END PUBLIC KEY-----"""

DOC = """-----BEGIN RSA PRIVATE KEY-----  # safe: a placeholder without a body
...
-----END RSA PRIVATE KEY-----"""
EMPTY = "-----BEGIN PRIVATE KEY-----\n<your private key>\n-----END PRIVATE KEY-----"  # safe: placeholder
