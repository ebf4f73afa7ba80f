from .mixins import OwnerOnlyMixin
from .decorators import require_signature

__all__ = ["OwnerOnlyMixin", "require_signature"]
