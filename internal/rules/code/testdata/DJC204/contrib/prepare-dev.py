"""Writes the settings_local.py of a contributor's checkout."""
import random
import string


def write_settings(path):
    chars = string.ascii_letters + string.digits
    secret_key = "".join(random.choice(chars) for _ in range(50))  # want "random.choice makes secret_key: its output is predictable; in code for development"
    with open(path, "w") as fh:
        fh.write("SECRET_KEY = %r\nDEBUG = True\n" % secret_key)
