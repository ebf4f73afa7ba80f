import hashlib


def batch_id(paper, salt):
    doi_batch_id = hashlib.sha1(salt + paper.title[:10].encode()).hexdigest()  # safe: an identifier, unique rather than secret
    return doi_batch_id


def invitation(person, salt):
    invitation_key = hashlib.sha1(salt + person.email.encode()).hexdigest()  # want "hashlib.sha1 is used to hash a secret \\(salt \\+ person.email.encode\\(\\)\\)"
    return invitation_key
