import hashlib
import time

from django.contrib.auth.hashers import make_password


def set_pin(user, pin):
    user.pin_hash = hashlib.md5(pin.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    user.save()


def reset_token(user):
    return hashlib.sha1(f"{user.pk}{time.time()}".encode()).hexdigest()  # want "hashlib.sha1"


def hash_password(password):
    digest = hashlib.new("md5", password.encode())  # want "hashlib.new\\(md5\\)"
    return digest.hexdigest()


def store_pin(user, pin):
    user.pin_hash = make_password(pin)  # safe: Django hasher


def file_checksum(path):
    with open(path, "rb") as fh:
        checksum = hashlib.md5(fh.read()).hexdigest()  # safe: checksum of content
    return checksum


def etag_for(content):
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()  # safe: not security
