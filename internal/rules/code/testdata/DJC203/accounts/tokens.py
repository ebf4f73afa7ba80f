import hashlib
import hmac
import os
import secrets
import time
import uuid
from urllib.parse import urlencode

import requests
from uuid_utils.compat import uuid7

from django.conf import settings
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


def login_attempt_bucket(email):
    # the digest names a rate-limit bucket: it keeps the address out of the
    # database, it protects nothing
    salted_value = (email + "pepper").encode()
    hashed = hashlib.sha1(salted_value).hexdigest()  # safe: bucket name
    return f"login-{hashed}"


def app_cache_key_from_token(token):
    return f"AppByToken:{hashlib.md5(token.encode()).hexdigest()}"  # safe: cache key of a random token


def shipping_digest(shipping_address):
    return hashlib.md5(shipping_address.encode()).hexdigest()  # safe: "pin" inside "shipping" is no PIN


def api_key_digest(api_key):
    return hashlib.sha1(api_key.encode()).hexdigest()  # want "hashlib.sha1 is used to hash a secret \\(api_key.encode\\(\\)\\)"


def password_reset_link(user):
    reset_hash = hashlib.md5(f"{user.pk}:{user.email}".encode()).hexdigest()  # want "hashlib.md5"
    return f"/reset/{user.pk}/{reset_hash}/"


def vendor_profile(session, app_secret, token):
    # The vendor's API prescribes MD5 over the sorted parameters and the app
    # secret as the request's signature; the client cannot choose.
    params = {"method": "users.getInfo", "token": token}
    payload = "".join(f"{k}={v}" for k, v in sorted(params.items()))
    params["sig"] = hashlib.md5((payload + app_secret).encode()).hexdigest()  # safe: a signature the vendor prescribes
    return session.get("https://api.vendor.example/", params=params).json()


def vendor_login_url(app_secret, redirect_url):
    secret_hash = hashlib.md5(f"{app_secret}{redirect_url}".encode()).hexdigest()  # safe: the signature of the login URL
    return "https://vendor.example/authorize?" + urlencode({"hash": secret_hash, "redirect": redirect_url})


def store_api_secret(account, api_secret):
    # Looks alike: a "hash" key, but nothing is sent; the digest is stored.
    account.settings["hash"] = hashlib.md5(api_secret.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    account.save()


def make_admin_session_token(user):
    # keyed with the project's secret key: no one can try guesses offline
    formula = (str(user.pk), user.email, user.password, settings.SECRET_KEY)
    return hashlib.md5(":".join(formula).encode()).hexdigest()  # want "hashlib.md5 makes a token keyed with SECRET_KEY"


def make_invite_token(invite):
    # looks alike: SECRET_KEY is read in the function but not hashed
    print("signing with", settings.SECRET_KEY[:4])
    return hashlib.md5(f"{invite.pk}:{invite.email}".encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"


def sign_tile_cookie(value, tile_secret):
    key = hashlib.sha1(tile_secret.encode()).digest()  # safe: the digest is only the key of an HMAC
    return hmac.new(key, msg=value.encode(), digestmod=hashlib.sha256).hexdigest()


def tile_cookie_and_key(value, tile_secret):
    key = hashlib.sha1(tile_secret.encode()).hexdigest()  # want "hashlib.sha1 is used to hash a secret"
    signed = hmac.new(key.encode(), msg=value.encode(), digestmod=hashlib.sha256).hexdigest()
    return signed, key


def private_key_file(private_key, folder):
    key_name = "." + hashlib.md5(private_key.encode()).hexdigest()  # safe: the digest only names the key's file
    key_path = os.path.join(folder, key_name)
    with open(key_path, "w") as f:
        f.write(private_key)
    return key_path


def private_key_file_and_tag(private_key, folder):
    key_name = hashlib.md5(private_key.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    key_path = os.path.join(folder, key_name)
    return key_path, key_name


def element_id(node, csp_nonce):
    # the CSP nonce is in every page's header already; its digest only makes
    # it fit the characters an HTML id allows
    hashed_nonce = hashlib.md5(csp_nonce.encode("ascii")).hexdigest()  # safe: a public CSP nonce
    return f"nonce-{hashed_nonce}-{node}"


def login_nonce(nonce):
    return hashlib.md5(nonce.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"


def new_activation_key(user):
    salt = "k3"
    activation_key = hashlib.sha1((salt + str(uuid.uuid4())).encode()).hexdigest()  # safe: a digest of 122 random bits
    reset_token = hashlib.md5(secrets.token_hex().encode()).hexdigest()  # safe: a digest of 32 random bytes
    short_token = hashlib.md5(secrets.token_hex(4).encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    return activation_key, reset_token, short_token


def new_access_token(app):
    app.access_token = hashlib.md5(str(uuid7()).encode()).hexdigest()[8:24]  # safe: a digest of a version 7 UUID's random bits
    app.api_token = hashlib.md5(str(uuid.uuid1()).encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    return app


class ReportsClient:
    """A partner's API that prescribes MD5 of the shared key as the "check"
    parameter of every request."""

    def __init__(self, private_key, origin):
        self.origin = origin
        self.private_key = private_key
        self.CHECK = hashlib.md5((private_key + origin).encode()).hexdigest()  # safe: sent as the signature below
        self.KEY_DIGEST = hashlib.md5(private_key.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"

    def fetch(self, endpoint, alert=None):
        params = {"id_origin": self.origin}
        if alert:
            check = hashlib.md5((self.private_key + self.origin + str(alert)).encode()).hexdigest()  # safe: the request's check
        else:
            check = self.CHECK
        params["check"] = check
        return requests.get(endpoint + "?" + urlencode(params)).json()

    def describe(self):
        return {"origin": self.origin, "digest": self.KEY_DIGEST}


def check_legacy_password(user, password):
    # an account from before the move to Django's hashers: checked against
    # the old MD5 once, then stored again with the strong hasher
    old_hash = hashlib.md5(password.encode()).hexdigest()  # safe: reads the old hash, and re-hashes on a match
    if old_hash == user.legacy_hash:
        user.set_password(password)
        user.save()
        return True
    return False


def check_and_store_password(user, password):
    # looks alike: compares, but keeps the MD5 as the new hash
    password_hash = hashlib.md5(password.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    if password_hash != user.legacy_hash:
        user.legacy_hash = password_hash
        user.save()
