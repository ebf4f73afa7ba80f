import jwt
from django.conf import settings

def issue(user):
    return jwt.encode({"sub": user.pk}, "shop-jwt-key", algorithm="HS256")  # want "JWT signing key \"shop…\" .* short or guessable"

def issue_ok(user):
    return jwt.encode({"sub": user.pk, "role": "admin"}, settings.JWT_KEY, algorithm="HS256")  # safe: a setting

def read(token):
    return jwt.decode(token, key="6wRJL4Q8Z0yo3WqFmjDRQgdDgChMMRBERc3352If", algorithms=["HS256"])  # want "JWT signing key"

def peek(token):
    return jwt.decode(token, options={"verify_signature": False})  # safe: no key (another rule's business)
