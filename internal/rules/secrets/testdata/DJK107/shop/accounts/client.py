"""The REST client's names for the resources it calls."""


class Resources:
    _credential = r"credentials/\d+/"  # safe: a URL path pattern, not a secret
    _related_credentials = r"\w+/\d+/credentials/"  # safe: a URL path pattern
    _team_credentials = "teams/credentials/"  # safe: a relative URL path
    _service_token = "tok/Qm8vZ3JpZC9rZXk9YTl4MnAzV3ZMcg"  # want "secret assigned to _service_token"
