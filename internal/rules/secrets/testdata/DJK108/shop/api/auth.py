import jwt
from django.conf import settings

def issue(user):
    return jwt.encode({"sub": user.pk}, "shop-jwt-key", algorithm="HS256")  # want "JWT signing key \"shop…\" .* short or guessable"

def issue_ok(user):
    return jwt.encode({"sub": user.pk, "role": "admin"}, settings.JWT_KEY, algorithm="HS256")  # safe: a setting

def read(token):
    return jwt.decode(token, key="RmWtuyq6gn3B2ZWpbe1zTPEhb9qSKXOZ1yt3wWKG", algorithms=["HS256"])  # want "JWT signing key"

def peek(token):
    return jwt.decode(token, options={"verify_signature": False})  # safe: no key (another rule's business)
