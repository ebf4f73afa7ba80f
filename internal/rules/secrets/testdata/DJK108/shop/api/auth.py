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


def create_basket(request):
    """Create a basket for the caller.

    Examples:
        >>> token = jwt.encode({"username": "ann"}, "insecure-secret-key")
        >>> requests.post(url, headers={"Authorization": "JWT " + token})
    """
    # safe: the jwt.encode above is a doctest in the docstring, never run
    return None
