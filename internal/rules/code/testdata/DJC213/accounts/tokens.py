import hmac

from django.conf import settings
from django.core import signing


class BadToken(Exception):
    pass


def read_change_token(user, token):
    try:
        return signing.loads(token, salt="email-change:%s" % user.pk, max_age=3600)
    except signing.BadSignature as e:
        raise BadToken() from e


def log_token(token):
    print("token seen", token[:4])


def read_unsubscribe_token(user, token):
    # a signed link made by hand: signature-payload, checked against the HMAC
    signature, payload = token.split("-", 1)
    if signature != make_signature(user, payload):
        raise BadToken()
    return payload


def note_unsubscribe_token(user, token):
    # looks alike: compares, but only to count, and never raises
    signature, payload = token.split("-", 1)
    if signature == make_signature(user, payload):
        print("valid")
    return payload


def make_signature(user, payload):
    return hmac.new(settings.SECRET_KEY.encode(), f"{user.pk}:{payload}".encode(), "sha256").hexdigest()


def require_token(user, token):
    # looks alike: raises only when the token is missing
    if token == "":
        raise BadToken()
    return token
