import hashlib


def password_hint(password):
    # five characters of an unsalted SHA-1 shown as a hint: no breach check
    password_digest = hashlib.sha1(password.encode()).hexdigest()  # want "hashlib.sha1 is used to hash a secret"
    return password_digest[:5]
