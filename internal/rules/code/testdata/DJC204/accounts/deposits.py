import hashlib
import random
import string


def batch_id(paper):
    # a deposit's batch id: unique, not secret
    salt = ""
    for _ in range(5):
        salt = salt + random.choice(string.ascii_letters)  # safe: hashed into an identifier
    salt = salt.encode("utf8")
    doi_batch_id = hashlib.sha1(salt + paper.title[:10].encode()).hexdigest()  # safe: an identifier, unique rather than secret
    return doi_batch_id


def invitation(person):
    # looks alike: the same salt makes a key someone signs up with
    salt = ""
    for _ in range(5):
        salt = salt + random.choice(string.ascii_letters)  # want "random.choice makes salt: its output is predictable"
    salt = salt.encode("utf8")
    invitation_key = hashlib.sha1(salt + person.email.encode()).hexdigest()
    return invitation_key


def batch_id_logged(paper, log):
    # looks alike: the salt is also written to a log
    salt = "".join(random.choice(string.ascii_letters) for _ in range(5))  # want "random.choice makes salt"
    log.write(salt)
    batch_uid = hashlib.sha1((salt + paper.title).encode()).hexdigest()
    return batch_uid
