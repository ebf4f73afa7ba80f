# The webhook signing key.
SIGNING_KEY = """-----BEGIN EC PRIVATE KEY-----  # want "EC private key"
MHcCAQEEIdD+06mel7txMQgL7+XD6XWoLJN8q3jdYc5n7ec2DwvU/GVydt2MvOe2
QSAiaQOmelnQboMeRWO5VzvnBgQaNmHLKbqII7jEWoJA/PMBPzr+GpG4KjpqbF5X
dQpkcAlu31pbRxv70LZC0hargXYzp50StMrh49Cs64NMGZrX4K4W6Iqa0sDLu6XZ
-----END EC PRIVATE KEY-----"""

PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----  # safe: a public key
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEcMclws9xVTFD35Vei9GCWPjVPwiJzWDLC8zYhmczfp+tqjAfDLW5
-----END PUBLIC KEY-----"""

DOC = """-----BEGIN RSA PRIVATE KEY-----  # safe: a placeholder without a body
...
-----END RSA PRIVATE KEY-----"""
EMPTY = "-----BEGIN PRIVATE KEY-----\n<your private key>\n-----END PRIVATE KEY-----"  # safe: placeholder
