import hashlib

from django.conf import settings

API_KEY = settings.PHOTOS_API_KEY
API_SECRET = settings.PHOTOS_API_SECRET


def _fetch(method, **params):
    raise NotImplementedError


def _get_api_sig(params):
    # the photo service prescribes MD5(secret + sorted params) as api_sig
    joined = "".join(key + str(params[key]) for key in sorted(params))
    return hashlib.md5((API_SECRET + joined).encode()).hexdigest()  # safe: a function named for the signature it makes


def get_frob():
    sig_str = API_SECRET + "api_key" + API_KEY + "method" + "photos.auth.getFrob"
    signature_hash = hashlib.md5(sig_str.encode()).hexdigest()  # safe: sent as the api_sig keyword
    return _fetch("photos.auth.getFrob", api_sig=signature_hash)


def login_link(frob):
    sig_str = API_SECRET + "api_key" + API_KEY + "frob" + frob
    signature_hash = hashlib.md5(sig_str.encode()).hexdigest()  # safe: written into the link's api_sig parameter
    return "https://photos.example/auth/?api_key=%s&frob=%s&api_sig=%s" % (API_KEY, frob, signature_hash)


def sign_up(user, password):
    user.legacy_hash = hashlib.md5(password.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret \\(password.encode\\(\\)\\)"
    user.save()


def remember_token(user, password):
    digest = hashlib.md5(password.encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    return "https://photos.example/remember/?user=%s&token=%s" % (user.pk, digest)
