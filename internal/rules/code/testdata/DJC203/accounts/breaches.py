import hashlib

import requests

RANGE_API = "https://api.pwnedpasswords.com/range/"


def seen_in_breach(password):
    # k-anonymity: the API is sent five hex digits of the SHA-1
    digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()
    head, tail = digest[:5], digest[5:]
    answer = requests.get(RANGE_API + head, timeout=5)
    return any(line.split(":")[0] == tail for line in answer.text.splitlines())


def remember_password(user, password):
    password_digest = hashlib.sha1(password.encode()).hexdigest()  # want "hashlib.sha1 is used to hash a secret"
    user.last_password = password_digest
    user.save()
