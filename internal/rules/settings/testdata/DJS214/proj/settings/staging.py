from .base import *  # noqa: F403

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE, CSP.UNSAFE_INLINE],  # safe: the nonce makes browsers ignore unsafe-inline
}
