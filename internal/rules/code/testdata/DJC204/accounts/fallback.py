import string

try:
    from secrets import choice
except ImportError:  # Python 2
    from random import choice


def make_pin():
    pin = "".join(choice(string.digits) for _ in range(6))  # safe: the first import, secrets.choice, is the one that runs
    return pin
