"""Cases for the URL finder: the characters each part of a URL may hold."""

URL_CASES = [
    ("http://-.~_!$&()*+,;=:%40:80%2f::::::@example.com/", ["http://-.~_!$&()*+,;=:%40:80%2f::::::@example.com/"]),  # safe: punctuation, not a login
]
