class Http403(Exception):
    """Raised to refuse a request; the project's middleware answers 403."""


class Refused(PermissionError):
    """Another refusal, named for no status: it derives from one."""
