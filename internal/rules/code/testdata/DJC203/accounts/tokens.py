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


def password_digest(password):
    return hashlib.md5(password.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret \\(password.encode\\(\\)\\)"


def digest_ha1(username, realm, password):
    return hashlib.md5(f"{username}:{realm}:{password}".encode()).hexdigest()  # safe: HTTP Digest HA1 (RFC 2617)


class HTTPDigestAuth:
    def __init__(self, username, password):
        self.username = username
        self.password = password

    def build_header(self, method, uri, challenge):
        nonce, qop = challenge["nonce"], challenge["qop"]
        ha1 = hashlib.md5(f"{self.username}:{challenge['realm']}:{self.password}".encode()).hexdigest()  # safe: HA1
        ha2 = hashlib.md5(f"{method}:{uri}".encode()).hexdigest()
        cnonce = hashlib.sha1(str(time.time()).encode()).hexdigest()[:16]  # safe: Digest client nonce
        return hashlib.md5(f"{ha1}:{nonce}:00000001:{cnonce}:{qop}:{ha2}".encode()).hexdigest()  # safe: response
