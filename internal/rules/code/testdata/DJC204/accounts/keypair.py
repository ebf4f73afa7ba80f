from Crypto.Random.random import StrongRandom


class KeyPair:
    def __init__(self, prime):
        random = StrongRandom()
        self.private_key = random.randint(1, prime - 2)  # safe: random here is a local StrongRandom, not the random module
