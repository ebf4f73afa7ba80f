import hashlib

from django.conf import settings


def batch_id(paper, salt):
    doi_batch_id = hashlib.sha1(salt + paper.title[:10].encode()).hexdigest()  # safe: an identifier, unique rather than secret
    return doi_batch_id


def invitation(person, salt):
    invitation_key = hashlib.sha1(salt + person.email.encode()).hexdigest()  # want "hashlib.sha1 is used to hash a secret \\(salt \\+ person.email.encode\\(\\)\\)"
    return invitation_key


def callback_is_genuine(query):
    # The payment provider signs its callback with MD5 over the values and
    # the merchant secret; checking that is all the shop can do.
    joined = "".join(v for k, v in query.items() if k != "hash")
    digest = hashlib.md5((joined + settings.PAYMENT_MD5_SECRET).encode()).hexdigest()  # safe: checks the callback's signature
    return digest == query["hash"]


def stored_secret_hash(query):
    digest = hashlib.md5((query["pin"] + settings.PAYMENT_MD5_SECRET).encode()).hexdigest()  # want "hashlib.md5 is used to hash a secret"
    return digest == query["pin_hash"]
